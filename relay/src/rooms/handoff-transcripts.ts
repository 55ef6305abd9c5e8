import type { AgentRef, CallbackRecord, ConversationStatus, HandoffPacket, ResolutionCode, RoomMessage } from '../../../protocol/handoff.js';
import type { TranscriptKeeper, TranscriptScope } from '../privacy/transcript-keepers.js';
import type { ConversationMeta } from './conversation-room.js';
import { callRoom } from './room-calls.js';

/** One handoff conversation as a privacy export shows it: everything its room holds, times in UTC. */
export interface HandoffTranscript {
  conversationId: string;
  site: string;
  status: ConversationStatus;
  createdAt: string;
  agent: AgentRef | null;
  resolution: ResolutionCode | null;
  callback: (Omit<CallbackRecord, 'at'> & { at: string }) | null;
  /** What the widget handed over: the AI's part of the conversation and what it understood. */
  packet: HandoffPacket;
  messages: (Omit<RoomMessage, 'at' | 'clientId'> & { at: string })[];
}

const utc = (ms: number) => new Date(ms).toISOString();

/** The export of a conversation room's state. Pure. */
export function transcriptOf(meta: ConversationMeta, messages: readonly RoomMessage[]): HandoffTranscript {
  return {
    conversationId: meta.id,
    site: meta.site,
    status: meta.status,
    createdAt: utc(meta.createdAt),
    agent: meta.agent,
    resolution: meta.resolution,
    callback: meta.callback ? { ...meta.callback, at: utc(meta.callback.at) } : null,
    packet: meta.packet,
    messages: messages.map(({ clientId: _clientId, at, ...m }) => ({ ...m, at: utc(at) })),
  };
}

/**
 * Handoff transcripts live in conversation rooms: export and erasure of a
 * customer reach every conversation linked to them (`linkConversation`, done
 * by `POST /api/handoff` for a signed-in visitor). A room answers only for
 * its own site; a conversation already gone counts as nothing to do.
 */
export const handoffTranscripts: TranscriptKeeper = {
  name: 'handoff-transcripts',

  async export(scope: TranscriptScope) {
    const transcripts: HandoffTranscript[] = [];
    for (const id of scope.conversationIds) {
      const res = await callRoom<HandoffTranscript>(scope.lobby.parties, 'conversation', id, '/transcript', { site: scope.site });
      if (res.status === 200) transcripts.push(res.data);
      else if (res.status !== 404) throw new Error(`conversation ${id} answered ${res.status}`);
    }
    return transcripts;
  },

  async erase(scope: TranscriptScope) {
    let erased = 0;
    const failed: string[] = [];
    for (const id of scope.conversationIds) {
      try {
        const res = await callRoom<{ erased: boolean }>(scope.lobby.parties, 'conversation', id, '/erase', { site: scope.site });
        if (res.status === 200 && res.data.erased) erased++;
        else if (res.status !== 404) failed.push(id);
      } catch {
        failed.push(id);
      }
    }
    // The other rooms are erased already; naming the rest lets the request be retried for them.
    if (failed.length) throw new Error(`${erased} erased; could not erase conversation ${failed.join(', ')}`);
    return erased;
  },
};
