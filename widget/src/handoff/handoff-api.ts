import type { CallbackRecord, CallbackRequest, HandoffPacket, HandoffResponse } from '../../../protocol/handoff.js';
import type { RelayErrorBody } from '../../../protocol/relay-error.js';

/** A relay answer that was not a success, with the relay's own message for the visitor. */
export class HandoffApiError extends Error {
  override name = 'HandoffApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
  /** 4xx other than 408/429 will not change by retrying. */
  get final(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

/** The relay's handoff HTTP routes, as the visitor's device calls them. */
export class HandoffApi {
  constructor(
    readonly relay: string,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  /** `session`: the visitor's relay session token; a signed-in customer's conversation is then covered by their export and erasure. */
  escalate(handoffKey: string, packet: HandoffPacket, signal?: AbortSignal, session?: string | null): Promise<HandoffResponse> {
    return this.#post('/api/handoff', { handoffKey, packet }, session ?? undefined, signal);
  }

  freshToken(conversationId: string, handoffKey: string): Promise<{ token: string; expiresAt: number }> {
    return this.#post(`/api/handoff/${encodeURIComponent(conversationId)}/token`, { handoffKey });
  }

  requestCallback(conversationId: string, token: string, request: CallbackRequest): Promise<{ ok: true; callback: CallbackRecord }> {
    return this.#post(`/api/handoff/${encodeURIComponent(conversationId)}/callback`, request, token);
  }

  async #post<T>(path: string, body: unknown, token?: string, signal?: AbortSignal): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(new URL(path, this.relay), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new HandoffApiError(0, 'The support team could not be reached. Check your connection; we keep trying.');
    }
    const data = (await res.json().catch(() => null)) as (T & Partial<RelayErrorBody>) | null;
    if (!res.ok || !data) throw new HandoffApiError(res.status, data?.message ?? `The relay answered ${res.status}.`, data?.error);
    return data;
  }
}
