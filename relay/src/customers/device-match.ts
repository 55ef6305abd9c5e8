import type { DeviceSignalsInput } from '../../../protocol/identity.js';
import { sha256Hex } from '../identity/hmac.js';

/**
 * What the widget says about the browser plus what the relay sees (the IP's
 * network prefix). Stored only as salted hashes, never raw.
 */
export interface DeviceSignals extends DeviceSignalsInput {
  /** Set by the relay: the /24 (IPv4) or /48 (IPv6) of the caller. */
  ipPrefix?: string;
}

export type DeviceFeature = keyof DeviceSignals;
/** Feature → salted SHA-256 of its value. */
export type DeviceFingerprint = Partial<Record<DeviceFeature, string>>;

/**
 * Fellegi–Sunter parameters per feature: m = P(values agree | same person),
 * u = P(values agree | different people). Rare agreements (the same network
 * prefix) weigh far more than common ones (the same platform).
 */
export const DEVICE_FEATURES: Record<DeviceFeature, { m: number; u: number }> = {
  ipPrefix: { m: 0.6, u: 0.01 },
  userAgent: { m: 0.9, u: 0.05 },
  screen: { m: 0.9, u: 0.08 },
  timezone: { m: 0.95, u: 0.2 },
  language: { m: 0.95, u: 0.3 },
  hardwareConcurrency: { m: 0.95, u: 0.3 },
  platform: { m: 0.95, u: 0.4 },
};

export interface DeviceMatchOptions {
  /** Prior odds that an anonymous visitor is one given known customer. */
  priorOdds: number;
  /** Posterior probability a match must reach. */
  threshold: number;
  /** The runner-up must stay below this, or the match is ambiguous and refused. */
  ambiguity: number;
}

export const DEFAULT_DEVICE_MATCH: DeviceMatchOptions = { priorOdds: 1e-3, threshold: 0.9, ambiguity: 0.5 };

/** Salted hashes of the visitor's signals; the salt (the site id) keeps them useless elsewhere. */
export async function fingerprintDevice(signals: DeviceSignals, salt: string): Promise<DeviceFingerprint> {
  const fingerprint: DeviceFingerprint = {};
  for (const feature of Object.keys(DEVICE_FEATURES) as DeviceFeature[]) {
    const value = signals[feature];
    if (value === undefined || value === '') continue;
    fingerprint[feature] = (await sha256Hex(`${salt}:${feature}:${String(value).slice(0, 512)}`)).slice(0, 32);
  }
  return fingerprint;
}

/**
 * Posterior probability that two fingerprints are the same person's device:
 * the sum of log-likelihood ratios of every feature both carry, on top of the
 * prior odds, through the logistic function.
 */
export function deviceMatchScore(a: DeviceFingerprint, b: DeviceFingerprint, priorOdds = DEFAULT_DEVICE_MATCH.priorOdds): number {
  let logOdds = Math.log(priorOdds);
  for (const [feature, { m, u }] of Object.entries(DEVICE_FEATURES) as [DeviceFeature, { m: number; u: number }][]) {
    const x = a[feature];
    const y = b[feature];
    if (x === undefined || y === undefined) continue;
    logOdds += x === y ? Math.log(m / u) : Math.log((1 - m) / (1 - u));
  }
  return 1 / (1 + Math.exp(-logOdds));
}

export interface ProbableMatch {
  customerId: string;
  /** Posterior probability, 0..1. */
  score: number;
  method: 'device';
}

/**
 * The one known customer an anonymous device most probably belongs to, or
 * null when nobody reaches the threshold or two customers are close.
 */
export function matchDevice(
  visitor: DeviceFingerprint,
  candidates: Iterable<{ customerId: string; devices: DeviceFingerprint[] }>,
  options: DeviceMatchOptions = DEFAULT_DEVICE_MATCH,
): ProbableMatch | null {
  let best: ProbableMatch | null = null;
  let runnerUp = 0;
  for (const { customerId, devices } of candidates) {
    const score = Math.max(0, ...devices.map((d) => deviceMatchScore(visitor, d, options.priorOdds)));
    if (!best || score > best.score) {
      runnerUp = best?.score ?? 0;
      best = { customerId, score, method: 'device' };
    } else if (score > runnerUp) {
      runnerUp = score;
    }
  }
  if (!best || best.score < options.threshold || runnerUp >= options.ambiguity) return null;
  return { ...best, score: Math.round(best.score * 10_000) / 10_000 };
}
