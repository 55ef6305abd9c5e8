import type { CustomerContext, IssueSummary } from '../../../protocol/customer.js';
import type { CustomerRecord } from './customer-record.js';

/** Recent (closed) issues the widget gets; enough to say "about your last order…". */
export const RECENT_ISSUES = 3;

/**
 * The compact view the widget receives: tier, lifetime value, open and recent
 * issues, preferred channel. No name, email, phone or ticket bodies.
 */
export function toCustomerContext(record: CustomerRecord): CustomerContext {
  const byRecent = [...record.tickets].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const summary = (t: CustomerRecord['tickets'][number]): IssueSummary => ({
    id: t.id,
    subject: t.subject,
    status: t.status,
    updatedAt: t.updatedAt,
  });
  return {
    customerId: record.id,
    tier: record.tier,
    lifetimeValue: { ...record.lifetimeValue },
    openIssues: byRecent.filter((t) => t.status === 'open' || t.status === 'pending').map(summary),
    recentIssues: byRecent
      .filter((t) => t.status === 'solved' || t.status === 'closed')
      .slice(0, RECENT_ISSUES)
      .map(summary),
    preferredChannel: record.preferredChannel,
  };
}
