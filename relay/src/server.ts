import type * as Party from 'partykit/server';
import { createApp } from './api/app.js';
import { readRelayConfig } from './api/relay-config.js';
import { upstreamDirectories } from './customers/directory-config.js';
import { KnowledgeStore, indexFromUrl } from './knowledge/knowledge-store.js';
import type { KnowledgeIndexArtifact } from './knowledge/knowledge-snapshot.js';
import demoIndex from './knowledge/artifacts/demo-index.json' with { type: 'json' };

let app: ReturnType<typeof createApp> | undefined;

/** Built on the first request: PartyKit hands the env vars over only with it. */
function relayApp(env: Record<string, unknown>) {
  if (app) return app;
  const config = readRelayConfig(env);
  // Every configured CRM registers with health now, not on its first lookup; a bad CRM setting refuses here too.
  upstreamDirectories(env);
  const knowledge = new KnowledgeStore(
    config.knowledgeIndexUrl
      ? { source: 'KNOWLEDGE_INDEX_URL', load: indexFromUrl(config.knowledgeIndexUrl) }
      : { source: 'bundled demo index', load: async () => demoIndex as unknown as KnowledgeIndexArtifact },
  );
  app = createApp(config, { knowledge });
  return app;
}

/**
 * The relay's main party. HTTP requests go to the Hono app under `/api/`;
 * rooms live in their own parties (see partykit.json).
 */
export default class Relay {
  constructor(readonly room: Party.Room) {}

  static onFetch(req: Party.Request, lobby: Party.FetchLobby, ctx: Party.ExecutionContext) {
    let relay: ReturnType<typeof relayApp>;
    try {
      relay = relayApp(lobby.env);
    } catch (err) {
      // A bad env var: refuse every request, loudly, rather than run with a guessed setting.
      const message = err instanceof Error ? err.message : String(err);
      console.error(JSON.stringify({ level: 'error', event: 'relay_misconfigured', at: new Date().toISOString(), detail: message }));
      return Response.json({ error: 'relay_misconfigured', message }, { status: 500 });
    }
    return relay.fetch(req as unknown as Request, { lobby }, ctx as never);
  }
}

Relay satisfies Party.Worker;
