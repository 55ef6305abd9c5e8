import type { CustomerContext } from '../../../protocol/customer.js';
import type { Understanding } from '../../../protocol/understanding.js';
import type { AnswerEngine } from '../answers/answer-engine.js';
import type { EscalationPolicy } from '../escalation/policy.js';
import type { ConversationMessage } from './message.js';
import type { Responder, ResponderEvent, Turn } from './responder.js';

/** The one thing the responder needs from the inference worker. */
export interface Understander {
  understand(text: string, previous: readonly Understanding[]): Promise<Understanding>;
}

export interface SupportResponderOptions {
  understander: Understander;
  policy: EscalationPolicy;
  answers: Pick<AnswerEngine, 'answer'>;
  /** The relay's compact view of the visitor, once known. */
  customer?: () => CustomerContext | null;
  /** Understanding used when the worker cannot answer at all (crashed, timed out). */
  fallback: (text: string) => Understanding;
  now?: () => number;
}

/**
 * The widget's thinking, in the order a visitor message travels: the worker
 * understands it (intent, feelings, entities, redaction); the escalation
 * policy decides whether a person should take over; the answer engine
 * replies from the site's own knowledge, or declines and offers a person.
 *
 * An immediate escalation (an explicit request for a person, a legal threat)
 * goes straight to the handoff. One built from combined signals still lets
 * the bot answer, because the visitor may be helped while a person is found.
 *
 * @example
 * widget.responder = new SupportResponder({ understander: client, policy: new EscalationPolicy(), answers: engine, fallback });
 */
export class SupportResponder implements Responder {
  readonly #o: SupportResponderOptions;

  constructor(options: SupportResponderOptions) {
    this.#o = options;
  }

  async *respond(turn: Turn, signal: AbortSignal): AsyncGenerator<ResponderEvent> {
    const { message, history } = turn;
    const previous = history.flatMap((m) => (m.role === 'visitor' && m.understanding ? [m.understanding] : []));
    // Asked before the first yield, so the worker starts while the caller handles "typing".
    const pendingUnderstanding = this.#o.understander.understand(message.text, previous).catch(
      (error: unknown): Understanding => ({ ...this.#o.fallback(message.text), degraded: `understanding failed: ${String(error)}` }),
    );
    if (!turn.personActive) yield { type: 'typing' };
    const understanding = await pendingUnderstanding;
    signal.throwIfAborted();
    yield { type: 'understood', messageId: message.id, understanding };
    if (turn.personActive) return;

    const understood: ConversationMessage = { ...message, understanding };
    const customer = this.#o.customer?.() ?? null;
    const alreadyEscalated = history.some((m) => m.role === 'agent') || turn.escalated === true;
    const decision = this.#o.policy.decide({ messages: [...history, understood], customer, now: (this.#o.now ?? Date.now)() });
    if (decision.escalate && !alreadyEscalated) {
      yield { type: 'escalate', decision };
      if (decision.immediate) return;
    }

    for await (const event of this.#o.answers.answer({ message: understood, understanding, history, ...(customer ? { customer } : {}) }, signal)) {
      if (event.type !== 'answer-outcome') yield event;
    }
  }
}
