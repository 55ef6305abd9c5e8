import type { EscalationDecision } from '../../../protocol/escalation.js';

/** How the visitor asked for a person without typing it: the button, or a request made before a reload. */
export type PersonRequest = 'button' | 'resumed';

const REASONS: Record<PersonRequest, string> = {
  button: 'pressed "Talk to a person"',
  resumed: 'had asked for a person before reloading the page',
};

/**
 * The decision for an explicit request for a person: always yes, at once.
 * Its own small module so the launcher can use it without loading the policy;
 * `EscalationPolicy.requested()` returns the same decision.
 */
export function personRequested(how: PersonRequest = 'button'): EscalationDecision {
  return { escalate: true, immediate: true, reasons: [{ code: 'human-request', text: REASONS[how] }] };
}
