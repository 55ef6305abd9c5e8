import type { CustomerContext } from './customer.js';

/** What the widget may send about the browser for anonymous matching (all optional, hashed by the relay). */
export interface DeviceSignalsInput {
  userAgent?: string;
  language?: string;
  timezone?: string;
  /** `1440x900@2` */
  screen?: string;
  platform?: string;
  hardwareConcurrency?: number;
}

/** `POST /api/session` body: an anonymous visitor asks for a session. */
export interface SessionRequest {
  site?: string;
  device?: DeviceSignalsInput;
}

/** `POST /api/identify` body: the site's backend vouched for the visitor. */
export interface IdentifyRequest {
  /** HS256 JWT signed by the site's backend with the identity secret; must carry `exp`. */
  identityToken: string;
  site?: string;
  device?: DeviceSignalsInput;
}

/** Answer to `POST /api/session` and `POST /api/identify`. */
export interface SessionResponse {
  /** Send as `Authorization: Bearer <token>`. */
  token: string;
  /** ISO 8601 UTC. */
  expiresAt: string;
  sessionId: string;
  site: string;
  /** For identified visitors: the compact context; null when no directory knows them. */
  customer: CustomerContext | null;
  /** For anonymous visitors: how probably this device belongs to a known customer (the customer is not named). */
  probableMatch: { score: number; method: 'device' } | null;
  /** True when a configured CRM could not answer (timeout, circuit open, …); the context may be older. */
  degraded: boolean;
}
