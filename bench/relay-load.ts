/**
 * Load generation for the relay benchmarks. `runLoad` is open loop: request i
 * is due at i / rate seconds whatever the relay's speed, and its latency is
 * counted from that moment, so a relay that falls behind shows up as latency
 * (no coordinated omission), not as a politely lower rate. Requests go over a
 * bounded pool of keep-alive connections, as a browser or a proxy sends them;
 * due requests wait for a free connection, and any beyond `maxQueued` waiting
 * are counted as `skipped`, never silently dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface LoadOptions {
  url: string;
  ratePerSecond: number;
  seconds: number;
  /** Keep-alive connections the generator holds open at most. */
  connections: number;
  /** Due requests allowed to wait for a connection; more than this are skipped. */
  maxQueued: number;
  /** Builds the i-th request. */
  request: (i: number) => HttpCall;
}

export interface HttpCall {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadReport {
  targetRps: number;
  seconds: number;
  connections: number;
  sent: number;
  completed: number;
  skipped: number;
  achievedRps: number;
  statuses: Record<string, number>;
  fiveXx: number;
  networkErrors: number;
  /** Why requests failed without an HTTP answer (ECONNRESET, ECONNREFUSED…). */
  errorCodes: Record<string, number>;
  /** From the moment each request was due, so time spent waiting for a connection counts. */
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** CPU the generator itself used, in cores (1 = one core busy for the whole run). */
  generatorCores: number;
}

/** The q-quantile of ascending `sorted`. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections, maxFreeSockets: o.connections, scheduling: 'fifo' });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorCodes: Record<string, number> = {};
  let sent = 0;
  let skipped = 0;
  let outstanding = 0;
  let networkErrors = 0;
  const pending = new Set<Promise<void>>();
  const total = Math.round(o.ratePerSecond * o.seconds);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();

  const fire = (i: number) => {
    if (outstanding >= o.connections + o.maxQueued) {
      skipped++;
      return;
    }
    outstanding++;
    sent++;
    const due = started + (i * 1000) / o.ratePerSecond;
    const p = send(o.url, o.request(i), agent)
      .then(
        ({ status }) => {
          latencies.push(performance.now() - due);
          statuses[status] = (statuses[status] ?? 0) + 1;
        },
        (err: NodeJS.ErrnoException) => {
          networkErrors++;
          errorCodes[err.code ?? err.message] = (errorCodes[err.code ?? err.message] ?? 0) + 1;
        },
      )
      .finally(() => {
        outstanding--;
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
  const cpu = process.cpuUsage(cpuBefore);
  const allSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const completed = latencies.length;
  return {
    targetRps: o.ratePerSecond,
    seconds: round(sendingSeconds),
    connections: o.connections,
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
    generatorCores: round((cpu.user + cpu.system) / 1e6 / allSeconds),
  };
}

/** One HTTP request over `agent`; resolves when the whole body has arrived. */
export function send(base: string, call: HttpCall, agent: Agent): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const { path, method = 'GET', headers = {}, body } = call;
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds a relay's processes used so far: workerd (the relay's code), partykit dev's Node process, and all. */
export interface RelayCpu {
  workerd: number;
  /** partykit dev and miniflare in Node: among other things, a log round trip for every request. */
  devServerNode: number;
  total: number;
}

/** CPU used so far by every process in group `pgid` (a relay from `startRelay`). Linux only; null elsewhere. */
export function relayCpuSeconds(pgid: number): RelayCpu | null {
  try {
    const cpu: RelayCpu = { workerd: 0, devServerNode: 0, total: 0 };
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      // Fields after the command name (which may hold spaces): state, ppid, pgrp, … utime (14th), stime (15th).
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
      cpu.total += seconds;
      if (name === 'workerd') cpu.workerd += seconds;
      else if (name === 'node') cpu.devServerNode += seconds;
    }
    return cpu;
  } catch {
    return null;
  }
}

/** Closed loop: `concurrency` requests always in flight for `seconds`; what the relay can sustain on this machine. */
export async function runCapacity(o: { url: string; seconds: number; concurrency: number; request: (i: number) => HttpCall }) {
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
  const statuses: Record<string, number> = {};
  const errorCodes: Record<string, number> = {};
  let completed = 0;
  let networkErrors = 0;
  const started = performance.now();
  const deadline = started + o.seconds * 1000;
  let i = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        const { status } = await send(o.url, o.request(i++), agent);
        completed++;
        statuses[status] = (statuses[status] ?? 0) + 1;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? String(err);
        networkErrors++;
        errorCodes[code] = (errorCodes[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  return { concurrency: o.concurrency, seconds: round(seconds), completed, rps: round(completed / seconds, 1), statuses, networkErrors, errorCodes };
}
