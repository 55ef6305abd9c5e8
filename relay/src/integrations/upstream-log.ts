import type { UpstreamFailure } from './upstream-error.js';

/** One structured line per upstream error: what a log pipeline can filter and alert on. */
export interface UpstreamLogEntry {
  upstream: string;
  failure: UpstreamFailure;
  method: string;
  /** Path only: query strings can hold emails and phone numbers. */
  path: string;
  attempt: number;
  durationMs: number;
  status?: number;
  message: string;
}

export function logUpstreamError(entry: UpstreamLogEntry): void {
  console.error(JSON.stringify({ level: 'error', at: new Date().toISOString(), component: 'integrations', ...entry }));
}
