/** Why the device decided a person should take over; `text` is read by visitors and agents. */
export interface EscalationReason {
  code:
    | 'human-request'
    | 'legal-threat'
    | 'frustration'
    | 'negative-phrases'
    | 'sentiment-worsening'
    | 'low-confidence'
    | 'intent-loop'
    | 'high-value-customer'
    | 'sensitive-topic'
    | 'waiting-too-long';
  text: string;
}

export interface EscalationDecision {
  escalate: boolean;
  /** True for an explicit request for a person or a legal threat: no combination of signals needed. */
  immediate: boolean;
  reasons: EscalationReason[];
}
