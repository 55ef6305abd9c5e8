import type { Entity, EntityKind, Understanding } from '../../../protocol/understanding.js';
import type { ConversationMessage } from '../conversation/message.js';
import { answerEnglish, type AnswerTextId } from '../locale/answer-text.js';
import type { Say } from '../locale/ui-text.js';

/** What the visitor has already told us in this conversation, newest value of each kind. */
export type RememberedEntities = Partial<Record<EntityKind, Entity>>;

/**
 * Collects the entities the visitor gave across the whole conversation (the
 * stored understanding of each visitor message, which survives reloads in
 * IndexedDB), so nothing is asked twice. A newer value of a kind replaces an older one.
 */
export function rememberEntities(history: readonly ConversationMessage[], current?: Understanding): RememberedEntities {
  const remembered: RememberedEntities = {};
  const take = (entities: readonly Entity[]) => {
    for (const e of entities) remembered[e.kind] = e;
  };
  for (const m of history) if (m.role === 'visitor' && m.understanding) take(m.understanding.entities);
  if (current) take(current.entities);
  return remembered;
}

type NeededKind = 'order_number' | 'email';

/** Which entity an intent needs before a specific answer can be given. */
const NEEDED_ENTITY: Record<string, NeededKind> = {
  track_order: 'order_number',
  cancel_order: 'order_number',
  change_order: 'order_number',
  change_shipping_address: 'order_number',
  get_refund: 'order_number',
  track_refund: 'order_number',
  get_invoice: 'order_number',
  check_invoice: 'order_number',
  recover_password: 'email',
  registration_problems: 'email',
  delete_account: 'email',
};

export function neededEntity(intent: string): NeededKind | undefined {
  return NEEDED_ENTITY[intent];
}

/** How the answer names what it remembered, and how it asks for what is missing. */
const FRAMING: Record<NeededKind, { about: AnswerTextId; ask: AnswerTextId }> = {
  order_number: { about: 'answer.aboutOrder', ask: 'answer.askOrder' },
  email: { about: 'answer.aboutEmail', ask: 'answer.askEmail' },
};

/**
 * The sentence that ties an answer to what the visitor already said, or asks
 * for the one thing still missing, once. Returns the lead-in (before the
 * answer) and the follow-up (after it); either may be empty.
 */
export function entityFraming(intent: string, remembered: RememberedEntities, say: Say<AnswerTextId> = answerEnglish): { leadIn: string; followUp: string } {
  const kind = neededEntity(intent);
  if (!kind) return { leadIn: '', followUp: '' };
  const known = remembered[kind];
  if (known) {
    const shown = kind === 'order_number' ? known.text.replace(/^#/, '') : known.value;
    return { leadIn: say(FRAMING[kind].about, { value: shown }), followUp: '' };
  }
  return { leadIn: '', followUp: say(FRAMING[kind].ask) };
}
