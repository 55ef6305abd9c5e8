import { hmacSha256, toHex } from '../../identity/hmac.js';

const cache = new Map<string, Promise<string>>();

/**
 * The key the relay's routes present to the customers room. Rooms are
 * reachable from the internet at /parties/customers/:site, so the room refuses
 * anything without it. Derived from the session secret, so there is nothing
 * extra to configure.
 */
export function customersRoomKey(sessionSecret: string): Promise<string> {
  let key = cache.get(sessionSecret);
  if (!key) {
    key = hmacSha256(sessionSecret, 'customers-room').then(toHex);
    cache.set(sessionSecret, key);
  }
  return key;
}
