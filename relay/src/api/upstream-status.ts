/** How one upstream the relay depends on (a CRM, a helpdesk) is doing right now. */
export interface UpstreamStatus {
  state: 'ok' | 'degraded' | 'down' | 'disabled';
  /** Short reason for anything but `ok`, e.g. `circuit open after 5 timeouts`. Never visitor data. */
  detail?: string;
  /** ISO time of the last call or probe this status is based on. */
  checkedAt?: string;
}

export type UpstreamProbe = () => UpstreamStatus | Promise<UpstreamStatus>;

/**
 * Where integrations report their health for `GET /api/health`. An
 * integration registers a probe once (typically reading its circuit breaker
 * and call budget); health asks every probe on each request, so what it shows
 * is current and nobody has to remember to push updates.
 *
 * @example
 * upstreamStatus.register('hubspot', () => ({ state: breaker.isOpen ? 'down' : 'ok' }));
 */
export class UpstreamRegistry {
  readonly #probes = new Map<string, UpstreamProbe>();

  /** Adds or replaces the probe for `name`; returns a function that removes it. */
  register(name: string, probe: UpstreamProbe): () => void {
    this.#probes.set(name, probe);
    return () => {
      if (this.#probes.get(name) === probe) this.#probes.delete(name);
    };
  }

  /** Every upstream's status. A probe that throws or hangs past `timeoutMs` reports `down` instead of failing health. */
  async snapshot(timeoutMs = 250): Promise<Record<string, UpstreamStatus>> {
    const entries = await Promise.all(
      [...this.#probes].map(async ([name, probe]) => [name, await settle(probe, timeoutMs)] as const),
    );
    return Object.fromEntries(entries);
  }
}

async function settle(probe: UpstreamProbe, timeoutMs: number): Promise<UpstreamStatus> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<UpstreamStatus>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'down', detail: `status probe took over ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(probe), timeout]);
  } catch (err) {
    return { state: 'down', detail: `status probe failed: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    clearTimeout(timer);
  }
}

/** The relay's one registry (per isolate); integrations import this. */
export const upstreamStatus = new UpstreamRegistry();
