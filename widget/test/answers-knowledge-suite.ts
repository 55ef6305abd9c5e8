import { expect } from 'chai';
import type { KnowledgeSource } from '../src/answers/knowledge-source.js';

type Define = (name: string, fn: () => void | Promise<void>) => unknown;

/**
 * The behaviour every `KnowledgeSource` shares, run against the relay, the
 * on-device snapshot and the racing policy, over the demo help centre.
 */
export function knowledgeSourceSuite(describe: (name: string, fn: () => void) => unknown, it: Define, name: string, make: () => KnowledgeSource | Promise<KnowledgeSource>) {
  describe(`KnowledgeSource: ${name}`, () => {
    it('finds the article that answers a customer question', async () => {
      const source = await make();
      const { results } = await source.search({ query: 'how do I cancel my order', k: 5, locale: 'en' });
      expect(results[0]?.id).to.equal('change-or-cancel-order');
      const tracking = await source.search({ query: 'where is me parcel, how do i track it', k: 3, locale: 'en' });
      expect(tracking.results.map((r) => r.id)).to.include('order-tracking');
    });
    it('returns at most k results, best first, each citable', async () => {
      const { results } = await (await make()).search({ query: 'refund return delivery', k: 2, locale: 'en' });
      expect(results.length).to.be.within(1, 2);
      for (const r of results) {
        expect(r.title).to.be.a('string').and.not.empty;
        expect(r.url).to.match(/^\/|^https?:/);
        expect(r.score).to.be.within(0, 1);
      }
      expect(results[0]!.score).to.be.at.least(results.at(-1)!.score);
    });
    it('finds nothing for words the help centre never uses', async () => {
      const { results } = await (await make()).search({ query: 'zxqvbn plorfed', k: 5 });
      expect(results).to.deep.equal([]);
    });
    it('stops when the caller aborts', async () => {
      const controller = new AbortController();
      controller.abort(new DOMException('visitor left', 'AbortError'));
      let error: unknown;
      try {
        await (await make()).search({ query: 'cancel my order' }, controller.signal);
      } catch (err) {
        error = err;
      }
      expect((error as Error | undefined)?.name).to.equal('AbortError');
    });
  });
}
