/**
 * The compact view of a customer the relay gives the widget: enough to answer
 * and to route, nothing more.
 */
export interface CustomerContext {
  customerId: string;
  tier: 'free' | 'standard' | 'premium' | 'vip';
  lifetimeValue: { amount: number; currency: string };
  openIssues: IssueSummary[];
  recentIssues: IssueSummary[];
  preferredChannel: 'chat' | 'email' | 'sms' | 'phone';
}

export interface IssueSummary {
  id: string;
  subject: string;
  status: 'open' | 'pending' | 'solved' | 'closed';
  /** ISO 8601, UTC. */
  updatedAt: string;
}
