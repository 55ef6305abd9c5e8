/**
 * A bounded open-loop load generator for the relay benchmarks: requests
 * start on a fixed schedule whatever the relay's speed (so a slow relay
 * shows up as latency, not as a politely lower rate), at most `maxInFlight`
 * at once (a request the cap would exceed is counted as `skipped`, never
 * silently dropped), over keep-alive loopback connections.
 */
import { Agent, request as httpRequest } from 'node:http';

export interface LoadOptions {
  url: string;
  ratePerSecond: number;
  seconds: number;
  maxInFlight: number;
  /** Builds the i-th request. */
  request: (i: number) => { path: string; method?: string; headers?: Record<string, string>; body?: string };
}

export interface LoadReport {
  targetRps: number;
  seconds: number;
  sent: number;
  completed: number;
  skipped: number;
  achievedRps: number;
  statuses: Record<string, number>;
  fiveXx: number;
  networkErrors: number;
  /** Why requests failed without an HTTP answer (ECONNRESET, ECONNREFUSED…). */
  errorCodes: Record<string, number>;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

/** The q-quantile of ascending `sorted`. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.maxInFlight });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let skipped = 0;
  let inFlight = 0;
  let networkErrors = 0;
  const errorCodes: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  const total = Math.round(o.ratePerSecond * o.seconds);
  const started = performance.now();

  const fire = (i: number) => {
    if (inFlight >= o.maxInFlight) {
      skipped++;
      return;
    }
    const { path, method = 'GET', headers = {}, body } = o.request(i);
    inFlight++;
    sent++;
    const t0 = performance.now();
    const p = new Promise<void>((resolve) => {
      const req = httpRequest(`${o.url}${path}`, { method, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - t0);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          resolve();
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        networkErrors++;
        errorCodes[err.code ?? err.message] = (errorCodes[err.code ?? err.message] ?? 0) + 1;
        resolve();
      });
      req.end(body);
    }).finally(() => {
      inFlight--;
      pending.delete(p);
    });
    pending.add(p);
  };

  // Catch up on every tick to the schedule's count so far: timer jitter cannot lower the rate.
  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * o.ratePerSecond));
      while (next < due) fire(next++);
      if (next >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  const sendingSeconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const completed = latencies.length;
  return {
    targetRps: o.ratePerSecond,
    seconds: round(sendingSeconds),
    sent,
    completed,
    skipped,
    achievedRps: round(completed / sendingSeconds, 1),
    statuses,
    fiveXx: Object.entries(statuses).reduce((n, [s, c]) => (Number(s) >= 500 ? n + c : n), 0),
    networkErrors,
    errorCodes,
    latencyMs: {
      p50: round(quantile(latencies, 0.5)),
      p95: round(quantile(latencies, 0.95)),
      p99: round(quantile(latencies, 0.99)),
      max: round(latencies.at(-1) ?? NaN),
    },
  };
}

/** Closed loop: `concurrency` requests always in flight for `seconds`; what the relay can sustain on this machine. */
export async function runCapacity(o: Omit<LoadOptions, 'ratePerSecond' | 'maxInFlight'> & { concurrency: number }) {
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
  const statuses: Record<string, number> = {};
  let completed = 0;
  let networkErrors = 0;
  const errorCodes: Record<string, number> = {};
  const started = performance.now();
  const deadline = started + o.seconds * 1000;
  let i = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const { path, method = 'GET', headers = {}, body } = o.request(i++);
      await new Promise<void>((resolve) => {
        const req = httpRequest(`${o.url}${path}`, { method, headers, agent }, (res) => {
          res.resume();
          res.on('end', () => {
            completed++;
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        });
        req.on('error', (err: NodeJS.ErrnoException) => {
          networkErrors++;
          errorCodes[err.code ?? err.message] = (errorCodes[err.code ?? err.message] ?? 0) + 1;
          resolve();
        });
        req.end(body);
      });
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  return { concurrency: o.concurrency, seconds: round(seconds), completed, rps: round(completed / seconds, 1), statuses, networkErrors, errorCodes };
}
