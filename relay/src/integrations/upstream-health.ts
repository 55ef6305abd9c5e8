import { upstreamStatus as healthRegistry, type UpstreamStatus as HealthStatus } from '../api/upstream-status.js';
import type { UpstreamClient, UpstreamStatus } from './upstream-client.js';

/**
 * Reduces a client's detailed status to what `GET /api/health` shows: `down`
 * while the circuit is open, `degraded` while rate limited, out of budget, or
 * after a zombie answer or failure on the last call. Never visitor data.
 */
export function healthOf(status: UpstreamStatus): HealthStatus {
  const checkedAt = status.lastError?.at;
  const at = checkedAt ? { checkedAt } : {};
  if (status.circuit === 'open') {
    return { state: 'down', detail: `circuit open after ${status.consecutiveFailures} consecutive failures (last: ${status.lastError?.failure})`, ...at };
  }
  if (status.budget.remaining === 0) return { state: 'degraded', detail: `daily call budget of ${status.budget.limit} spent`, ...at };
  if (status.rateLimitedUntil) return { state: 'degraded', detail: `rate limited by upstream until ${status.rateLimitedUntil}`, ...at };
  if (status.consecutiveFailures > 0 || status.circuit === 'half_open') {
    const zombies = status.zombieResponses ? `; ${status.zombieResponses} invalid responses rejected` : '';
    return { state: 'degraded', detail: `last call failed: ${status.lastError?.failure}${zombies}`, ...at };
  }
  return { state: 'ok', ...at };
}

/**
 * Makes a client visible in `GET /api/health` (D's registry). The newest
 * client of a name replaces the older one.
 */
export function reportToHealth(client: UpstreamClient): UpstreamClient {
  healthRegistry.register(client.name, () => healthOf(client.status()));
  return client;
}
