import type { CustomerContext, IssueSummary } from '../../../protocol/customer.js';
import { answerEnglish, type AnswerTextId } from '../locale/answer-text.js';
import type { Say } from '../locale/ui-text.js';

/** Intents where the visitor is probably asking about something already in progress with the support team. */
const IN_PROGRESS_INTENTS = new Set([
  'track_order',
  'track_refund',
  'get_refund',
  'complaint',
  'payment_issue',
  'cancel_order',
  'change_order',
  'delivery_period',
  'change_shipping_address',
]);

/** Issue subjects come from a CRM: shown as plain words, never as Markdown or markup. */
function plain(text: string): string {
  return text.replace(/[\\`*_[\]()<>#|~!]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
}

/**
 * A sentence about the visitor's open requests, from the relay's
 * `CustomerContext` (never guessed): "You have an open request with us: …".
 * Empty when there is no context, no open issue, or the question is not
 * about something in progress.
 */
export function openIssueNote(intent: string, customer: CustomerContext | undefined, force = false, say: Say<AnswerTextId> = answerEnglish): string {
  if (!customer || (!force && !IN_PROGRESS_INTENTS.has(intent))) return '';
  const open = customer.openIssues.filter((i) => i.status === 'open' || i.status === 'pending');
  if (open.length === 0) return '';
  const latest = [...open].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]!;
  const describe = (i: IssueSummary) =>
    say('answer.request', { subject: plain(i.subject), status: say(i.status === 'open' ? 'answer.statusOpen' : 'answer.statusPending'), date: i.updatedAt.slice(0, 10) });
  return say('answer.openRequests', { count: open.length, request: describe(latest) });
}
