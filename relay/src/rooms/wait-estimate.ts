import type { WaitEstimate } from '../../../protocol/handoff.js';

/** Seconds one agent spends per conversation before this queue has measured any. */
export const DEFAULT_HANDLE_SECONDS = 6 * 60;

/**
 * An honest wait: the visitor is picked up after `ceil(position / agents)`
 * conversations per agent, and a busy agent is on average half-way through
 * the current one. Handle time is the median of recently measured ones (at
 * least three), else a stated default. No agents, no number: the visitor is
 * offered a callback instead of a made-up wait.
 */
export function estimateWait(position: number, agentsOnline: number, recentHandleSeconds: readonly number[]): WaitEstimate {
  if (agentsOnline <= 0) return { agentsOnline: 0, position, seconds: null, basis: 'no-agents' };
  const measured = recentHandleSeconds.length >= 3;
  const basis = measured ? 'measured' : 'default';
  if (position <= 0) return { agentsOnline, position: 0, seconds: 0, basis };
  const sorted = [...recentHandleSeconds].sort((a, b) => a - b);
  const handle = measured ? sorted[Math.floor(sorted.length / 2)]! : DEFAULT_HANDLE_SECONDS;
  return { agentsOnline, position, seconds: Math.round((Math.ceil(position / agentsOnline) * handle) / 2), basis };
}
