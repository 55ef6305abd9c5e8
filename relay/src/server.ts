import type * as Party from 'partykit/server';
import { createApp } from './api/app.js';

const app = createApp();

/**
 * The relay's main party. HTTP requests go to the Hono app under `/api/`;
 * rooms live in their own parties (see partykit.json).
 */
export default class Relay implements Party.Server {
  constructor(readonly room: Party.Room) {}

  static onFetch(req: Party.Request, lobby: Party.FetchLobby, ctx: Party.ExecutionContext) {
    return app.fetch(req as unknown as Request, { lobby }, ctx as never);
  }
}
