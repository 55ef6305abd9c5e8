import type { CustomerContext } from '../../../protocol/customer.js';
import type { DeviceSignalsInput, SessionResponse } from '../../../protocol/identity.js';

export interface CustomerSessionOptions {
  relay: string;
  site: string;
  fetch?: typeof fetch;
  /** How long a relay call may take before the widget goes on without it. Default 3 s. */
  timeoutMs?: number;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
}

interface StoredSession {
  token: string;
  expiresAt: string;
  identified: boolean;
}

/** What the page may pass to `identify()`; `token` is the site backend's signed identity. */
export interface VisitorToIdentify {
  token?: string;
}

const renewBeforeMs = 60_000;

/**
 * The visitor's session with the relay and the compact `CustomerContext` it
 * returns. Anonymous visitors get a signed session token; a visitor the site
 * vouched for (a signed identity token from the site's backend) gets the
 * customer context too. The relay is asked at most once per session, and a
 * relay that is down or slow never stops the widget: the context stays null.
 *
 * @example
 * const session = customerSessionFor({ relay: 'https://relay.example.com', site: 'acme' });
 * await session.identify({ token: signedIdentityFromYourBackend });
 * session.context?.tier; // 'vip'
 */
export class CustomerSession {
  context: CustomerContext | null = null;
  /** The last relay problem, for a quiet notice; empty when all is well. */
  problem = '';
  readonly #o: Required<Omit<CustomerSessionOptions, 'storage'>> & { storage: CustomerSessionOptions['storage'] };
  #pending: Promise<void> | null = null;

  constructor(options: CustomerSessionOptions) {
    this.#o = {
      fetch: globalThis.fetch?.bind(globalThis),
      timeoutMs: 3000,
      ...options,
      storage: options.storage === undefined ? safeLocalStorage() : options.storage,
    };
  }

  get #key() {
    return `support-widget:session:${this.#o.site}`;
  }

  /** The session token for `Authorization: Bearer`, or null before `start()` succeeded. */
  get token(): string | null {
    const stored = this.#read();
    return stored && Date.parse(stored.expiresAt) - Date.now() > renewBeforeMs ? stored.token : null;
  }

  /** An anonymous session, reused while it is valid; its customer context is refreshed once. */
  start(): Promise<void> {
    this.#pending ??= this.#start().finally(() => (this.#pending = null));
    return this.#pending;
  }

  async #start(): Promise<void> {
    if (!this.#o.relay) return;
    const token = this.token;
    if (!token) {
      await this.#post('/api/session', { site: this.#o.site, device: deviceSignals() });
      return;
    }
    if (!this.#read()?.identified) return;
    const res = await this.#call('/api/customers/me/context', { headers: { authorization: `Bearer ${token}` } });
    if (res) this.context = ((await res.json()) as { customer: CustomerContext | null }).customer;
  }

  /** Turns the site's signed identity into a session bound to the customer, with their context. */
  async identify(visitor: VisitorToIdentify): Promise<void> {
    if (!this.#o.relay || !visitor.token) return;
    await this.#post('/api/identify', { identityToken: visitor.token, site: this.#o.site, device: deviceSignals() });
  }

  /** Forgets the session (with "Forget this conversation"). */
  reset(): void {
    this.context = null;
    try {
      this.#o.storage?.removeItem(this.#key);
    } catch {
      // storage blocked: nothing was kept
    }
  }

  async #post(path: string, body: object): Promise<void> {
    const token = this.token;
    const res = await this.#call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res) return;
    const session = (await res.json()) as SessionResponse;
    this.context = session.customer;
    const stored: StoredSession = { token: session.token, expiresAt: session.expiresAt, identified: path === '/api/identify' };
    try {
      this.#o.storage?.setItem(this.#key, JSON.stringify(stored));
    } catch {
      // storage blocked or full: the session lasts as long as the page
    }
  }

  /** One relay call with a deadline; null (and `problem` set) when it failed, so callers go on without it. */
  async #call(path: string, init: RequestInit): Promise<Response | null> {
    try {
      const res = await this.#o.fetch(this.#o.relay.replace(/\/$/, '') + path, {
        ...init,
        signal: AbortSignal.timeout(this.#o.timeoutMs),
      });
      if (!res.ok) {
        const detail = (await res.json().catch(() => null)) as { message?: string } | null;
        this.problem = detail?.message ?? `the relay answered ${res.status}`;
        if (res.status === 401) this.reset();
        return null;
      }
      this.problem = '';
      return res;
    } catch (error) {
      this.problem = `the relay could not be reached (${(error as Error).name})`;
      return null;
    }
  }

  #read(): StoredSession | null {
    try {
      const raw = this.#o.storage?.getItem(this.#key);
      return raw ? (JSON.parse(raw) as StoredSession) : null;
    } catch {
      return null;
    }
  }
}

const sessions = new Map<string, CustomerSession>();

/** One session per relay and site, shared by the responder and the handoff. */
export function customerSessionFor(options: CustomerSessionOptions): CustomerSession {
  const key = `${options.relay}|${options.site}`;
  let session = sessions.get(key);
  if (!session) sessions.set(key, (session = new CustomerSession(options)));
  return session;
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Coarse browser signals for the relay's anonymous match; the relay hashes them and keeps no raw values. */
function deviceSignals(): DeviceSignalsInput | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return {
    userAgent: navigator.userAgent.slice(0, 512),
    language: navigator.language,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...(typeof screen === 'undefined' ? {} : { screen: `${screen.width}x${screen.height}@${devicePixelRatio}` }),
    hardwareConcurrency: navigator.hardwareConcurrency,
  };
}
