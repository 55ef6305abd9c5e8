import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConversationMessage } from '../src/conversation/message.js';
import { expiredMessageIds } from '../src/memory/retention.js';

const day = 86_400_000;
const now = 100 * day;

function at(id: string, daysAgo: number, status: ConversationMessage['status'] = 'delivered'): ConversationMessage {
  return { id, conversationId: 'c', role: 'visitor', text: id, at: now - daysAgo * day, status };
}

describe('expiredMessageIds', () => {
  it('drops messages older than the age limit', () => {
    const messages = [at('old', 31), at('edge', 29), at('new', 0)];
    assert.deepEqual(expiredMessageIds(messages, { maxAgeDays: 30, maxMessages: 100 }, now), ['old']);
  });

  it('keeps only the newest messages over the count limit', () => {
    const messages = [at('a', 3), at('b', 2), at('c', 1), at('d', 0)];
    assert.deepEqual(expiredMessageIds(messages, { maxAgeDays: 30, maxMessages: 2 }, now), ['a', 'b']);
  });

  it('never drops a message still waiting to be delivered', () => {
    const messages = [at('queued', 90, 'pending'), at('b', 1)];
    assert.deepEqual(expiredMessageIds(messages, { maxAgeDays: 30, maxMessages: 1 }, now), []);
  });
});
