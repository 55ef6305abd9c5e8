import type { ConversationStore } from '../src/memory/conversation-store.js';
import { IndexedDbConversationStore } from '../src/memory/indexeddb-store.js';
import { MemoryConversationStore } from '../src/memory/memory-store.js';
import { ResilientConversationStore } from '../src/memory/resilient-store.js';
import { conversationStoreCases } from './conversation-store.cases.js';
import { uniqueSite } from './widget-fixtures.js';

const stores: [string, () => ConversationStore][] = [
  ['IndexedDbConversationStore', () => new IndexedDbConversationStore(uniqueSite())],
  ['MemoryConversationStore', () => new MemoryConversationStore()],
  ['ResilientConversationStore', () => new ResilientConversationStore(new IndexedDbConversationStore(uniqueSite()), () => undefined)],
];

for (const [name, make] of stores) {
  describe(name, () => {
    for (const [title, run] of conversationStoreCases) {
      it(title, async () => {
        const store = make();
        try {
          await run(store);
        } finally {
          await store.erase();
          store.close();
        }
      });
    }
  });
}
