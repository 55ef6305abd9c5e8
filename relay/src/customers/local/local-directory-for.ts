import type * as Party from 'partykit/server';
import { relaySecrets } from '../../identity/secrets.js';
import { customersRoomKey } from './internal-key.js';
import { LocalDirectory } from './local-directory.js';

/**
 * The embedded directory of one site, reached through PartyKit's parties
 * (from a Hono route: `c.env.lobby`; from a room: `room.context`).
 *
 * @example
 * const local = await localDirectoryFor(c.env.lobby, 'demo');
 */
export async function localDirectoryFor(
  lobby: { parties: Party.Context['parties']; env: Record<string, unknown> },
  site: string,
): Promise<LocalDirectory> {
  const party = lobby.parties.customers;
  if (!party) throw new Error('The "customers" party is not configured in partykit.json');
  return new LocalDirectory(party.get(site), await customersRoomKey(relaySecrets(lobby.env).sessionSecret));
}
