import type * as Party from 'partykit/server';

/** Which transcripts a privacy request reaches. */
export interface TranscriptScope {
  site: string;
  customerId: string;
  /** Handoff conversations linked to the customer (see LocalDirectory.linkConversation). */
  conversationIds: string[];
  /** PartyKit parties and env, to reach the rooms that hold the transcripts. */
  lobby: { parties: Party.Context['parties']; env: Record<string, unknown> };
}

/**
 * Whatever stores visitor text (handoff transcripts live in conversation
 * rooms) registers a keeper, so export and erasure follow the customer there.
 */
export interface TranscriptKeeper {
  /** Names the keeper in export and erasure reports, e.g. `handoff-transcripts`. */
  name: string;
  export(scope: TranscriptScope): Promise<unknown[]>;
  /** Erases every transcript in scope; returns how many were erased. */
  erase(scope: TranscriptScope): Promise<number>;
}

const keepers = new Map<string, TranscriptKeeper>();

/**
 * Registers a keeper (once, at module load). Returns a function that removes it.
 *
 * @example
 * registerTranscriptKeeper({ name: 'handoff-transcripts', export: …, erase: … });
 */
export function registerTranscriptKeeper(keeper: TranscriptKeeper): () => void {
  keepers.set(keeper.name, keeper);
  return () => {
    if (keepers.get(keeper.name) === keeper) keepers.delete(keeper.name);
  };
}

export function transcriptKeepers(): TranscriptKeeper[] {
  return [...keepers.values()];
}
