import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { sha256Hex } from '../identity/hmac.js';

/**
 * Email as matched: Unicode NFKC, trimmed, lower case. Dots and `+tags` are
 * kept: providers disagree on them, and a wrong merge is worse than a miss.
 */
export function normaliseEmail(raw: string): string | null {
  const email = raw.normalize('NFKC').trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 320 ? email : null;
}

/** Phone as E.164 (`+447700900123`), or null when it is not a valid number. */
export function normalisePhone(raw: string, defaultCountry: CountryCode = 'GB'): string | null {
  const phone = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return phone?.isValid() ? phone.number : null;
}

/** The deterministic match keys: SHA-256 of the normalised email and E.164 phone. */
export interface IdentityKeys {
  emailHash?: string;
  phoneHash?: string;
}

export async function identityKeys(identity: { email?: string; phone?: string }, defaultCountry?: CountryCode): Promise<IdentityKeys> {
  const keys: IdentityKeys = {};
  const email = identity.email ? normaliseEmail(identity.email) : null;
  const phone = identity.phone ? normalisePhone(identity.phone, defaultCountry) : null;
  if (email) keys.emailHash = await sha256Hex(`email:${email}`);
  if (phone) keys.phoneHash = await sha256Hex(`phone:${phone}`);
  return keys;
}
