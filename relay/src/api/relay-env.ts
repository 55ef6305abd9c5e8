import type * as Party from 'partykit/server';
import type { RelayConfig } from './relay-config.js';

/**
 * Hono's `Env` for every relay route: `c.env.lobby` is PartyKit's lobby
 * (env vars, other parties); `c.var` carries what middleware learned.
 */
export type RelayEnv = {
  Bindings: { lobby: Party.FetchLobby };
  Variables: {
    config: RelayConfig;
    /** The site whose allow-listed origin made the request, when it came from a browser. */
    site?: string;
    /** Set by `relayError` so the error log line can name the failure. */
    errorCode?: string;
    /** Set by the app's error handler for unexpected failures. */
    errorDetail?: string;
  };
};
