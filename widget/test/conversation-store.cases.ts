/**
 * One suite every `ConversationStore` runs (IndexedDB, memory, resilient),
 * so the fallback keeps exactly the contract of the real thing.
 */
import { assert } from 'chai';
import type { ConversationMessage } from '../src/conversation/message.js';
import type { ConversationStore } from '../src/memory/conversation-store.js';

function message(id: string, at: number, conversationId = 'c1'): ConversationMessage {
  return { id, conversationId, role: 'visitor', text: `text ${id}`, at, status: 'pending' };
}

export const conversationStoreCases: [string, (store: ConversationStore) => Promise<void>][] = [
  [
    'returns a conversation oldest first, and only that conversation',
    async (store) => {
      await store.putMessage(message('b', 2));
      await store.putMessage(message('a', 1));
      await store.putMessage(message('x', 0, 'other'));
      assert.deepEqual((await store.messages('c1')).map((m) => m.id), ['a', 'b']);
    },
  ],
  [
    'replaces a message by id',
    async (store) => {
      await store.putMessage(message('a', 1));
      await store.putMessage({ ...message('a', 1), status: 'sent' });
      assert.strictEqual((await store.message('a'))?.status, 'sent');
      assert.strictEqual((await store.messages('c1')).length, 1);
    },
  ],
  [
    'keeps the outbox in the order messages were queued and removes by message id',
    async (store) => {
      for (const id of ['m3', 'm1', 'm2']) await store.enqueue(message(id, 10));
      assert.deepEqual((await store.outbox()).map((e) => e.messageId), ['m3', 'm1', 'm2']);
      const first = (await store.outbox())[0]!;
      await store.putOutbox({ ...first, attempts: 2 });
      await store.removeOutbox('m1');
      const left = await store.outbox();
      assert.deepEqual(left.map((e) => [e.messageId, e.attempts]), [['m3', 2], ['m2', 0]]);
      assert.strictEqual((await store.message('m1'))?.text, 'text m1');
    },
  ],
  [
    'does not hand out its own copies',
    async (store) => {
      await store.putMessage(message('a', 1));
      const read = (await store.message('a'))!;
      read.text = 'changed by the reader';
      assert.strictEqual((await store.message('a'))?.text, 'text a');
    },
  ],
  [
    'stores the conversation state and erases everything',
    async (store) => {
      await store.putState({ conversationId: 'c1', startedAt: 5, visitor: { email: 'ada@example.com' } });
      await store.enqueue(message('a', 1));
      assert.strictEqual((await store.state())?.visitor?.email, 'ada@example.com');
      await store.erase();
      assert.strictEqual(await store.state(), undefined);
      assert.deepEqual(await store.messages('c1'), []);
      assert.deepEqual(await store.outbox(), []);
    },
  ],
  [
    'deletes messages by id',
    async (store) => {
      await store.putMessage(message('a', 1));
      await store.putMessage(message('b', 2));
      await store.deleteMessages(['a']);
      assert.deepEqual((await store.messages('c1')).map((m) => m.id), ['b']);
    },
  ],
];
