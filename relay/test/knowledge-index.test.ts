import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureIndex, shippedEncoder } from './fixtures/knowledge-fixture.js';
import { embedderFrom, modelFingerprint } from '../src/knowledge/query-encoder.js';
import { loadKernelModel, readModelFiles, SHIPPED_MODEL_DIR } from '../../widget/src/inference/model-files-node.js';
import { parseArticle } from '../src/knowledge/article-source.js';
import { markdownToText } from '../src/knowledge/markdown-text.js';
import { bestSnippet } from '../src/knowledge/snippet.js';
import { indexTerms } from '../src/knowledge/text-analysis.js';
import { KnowledgeSearcher } from '../src/knowledge/knowledge-searcher.js';
import { snapshotOf } from '../src/knowledge/build-index.js';
import { planQuery } from '../src/knowledge/query-plan.js';
import type { TextEmbedder } from '../src/knowledge/document-vectors.js';
import { readFileSync } from 'node:fs';
import MiniSearch, { type AsPlainObject, type Query } from 'minisearch';
import { Bm25Index } from '../src/knowledge/bm25-index.js';
import { LEXICAL_OPTIONS } from '../src/knowledge/knowledge-searcher.js';
import type { KnowledgeIndexArtifact } from '../src/knowledge/knowledge-snapshot.js';

describe('articles', () => {
  test('front matter is flat key: value; titles may contain colons', () => {
    const a = parseArticle('---\ntitle: Tents: poles and pegs\nurl: /help/t\nproduct: tents\nlocale: en\nupdated: 2026-01-02\n---\n# Tents\n\nBody.', 'tents.md');
    assert.equal(a.id, 'tents');
    assert.equal(a.title, 'Tents: poles and pegs');
    assert.equal(a.text, 'Body.');
  });

  test('a missing field fails the build, naming the file', () => {
    assert.throws(() => parseArticle('---\ntitle: T\n---\nx', 'bad.md'), /bad\.md: front matter needs "url"/);
    assert.throws(() => parseArticle('no front matter', 'none.md'), /none\.md: no front matter/);
  });

  test('Markdown becomes plain text: link text kept, tables as rows', () => {
    const text = markdownToText('## Heading\n\nSee **the** [kit](/x).\n\n| A | B |\n|---|---|\n| 1 | 2 |\n- item');
    assert.equal(text, 'Heading\nSee the kit.\nA: B\n1: 2\nitem');
  });
});

describe('text analysis and snippets', () => {
  test('terms are stemmed, accent-folded, without stop words', () => {
    assert.deepEqual(indexTerms('How do I return my Boots?'), ['return', 'boot']);
    assert.deepEqual(indexTerms('Remboursé'), ['rembours']);
    // Hyphenated words meet their joined and spaced spellings.
    assert.deepEqual(indexTerms('pre-orders'), ['pre', 'order', 'preorder']);
    assert.ok(indexTerms('I preordered').includes('preorder'));
  });

  test('the snippet is the passage holding the most query terms', () => {
    const text = 'Intro line. Nothing here. Spare pegs come in packs of ten. Poles are aluminium.';
    assert.equal(bestSnippet(text, new Set(indexTerms('spare pegs'))), '…Spare pegs come in packs of ten. Poles are aluminium.');
  });
});

describe('KnowledgeSearcher', () => {
  test('the same index answers with and without its serialised lexical part', async () => {
    const index = await fixtureIndex();
    const full = KnowledgeSearcher.fromSnapshot(index);
    const rebuilt = KnowledgeSearcher.fromSnapshot({ ...index, lexicalBySource: undefined });
    const q = { query: 'spare pegs for my tent' };
    assert.deepEqual(rebuilt.search(q), full.search(q));
  });

  test('with an embedder, vectors re-rank the documents that match the words', async () => {
    // A toy embedder whose one concept ("delivery speed") the bare query "days" is taken to mean.
    const embedder: TextEmbedder = {
      model: 'toy-concepts',
      embed: (text) => Float32Array.from([/express|track|^days$/i.test(text) ? 1 : 0.01, 0.05]),
    };
    const index = await fixtureIndex({ embedder });
    assert.equal(index.vectors?.dimensions, 2);
    const q = { query: 'days', source: 'article' as const };
    const lexical = KnowledgeSearcher.fromSnapshot(index).search(q);
    assert.deepEqual(lexical.map((r) => r.id).sort(), ['delivery-times', 'returns-policy']);
    assert.equal(lexical[0]?.id, 'returns-policy');
    const hybrid = KnowledgeSearcher.fromSnapshot(index, { embedder, lexicalWeight: 0.5 });
    assert.equal(hybrid.hybrid, true);
    assert.deepEqual(hybrid.search(q).map((r) => r.id), ['delivery-times', 'returns-policy']);
    // A different model's vectors are ignored rather than compared in the wrong space.
    const other = KnowledgeSearcher.fromSnapshot(index, { embedder: { ...embedder, model: 'other' } });
    assert.equal(other.hybrid, false);
    // A query vector made elsewhere (the widget's worker) ranks as the embedder would; without one, words alone.
    const brought = KnowledgeSearcher.fromSnapshot(index, { vectorModel: 'toy-concepts', lexicalWeight: 0.5 });
    assert.equal(brought.hybrid, true);
    assert.deepEqual(brought.search(q, embedder.embed(q.query)), hybrid.search(q));
    assert.deepEqual(brought.search(q).map((r) => r.id), lexical.map((r) => r.id));
  });

  test('the snapshot keeps articles and their vectors, drops tickets and ticket phrasings', async () => {
    const embedder: TextEmbedder = { model: 'len', embed: (t) => Float32Array.from([t.length % 7, 1, 2]) };
    const index = await fixtureIndex({ embedder });
    const snapshot = snapshotOf(index);
    assert.equal(snapshot.documents.length, 5);
    assert.ok(snapshot.documents.every((d) => d.source === 'article' && !('askedAs' in d)));
    assert.equal(atob(snapshot.vectors!.data).length, 5 * 3);
    assert.ok(JSON.stringify(snapshot).length < JSON.stringify(index).length);
  });
});

describe('the shipped model as query encoder', () => {
  test('an index carries the model that embedded it; the relay embeds queries exactly as the widget does', async () => {
    const encoder = await shippedEncoder();
    const files = await readModelFiles(SHIPPED_MODEL_DIR);
    assert.equal(encoder.model, await modelFingerprint('support-intent', files.onnx));
    const index = await fixtureIndex({ encoder });
    assert.equal(index.vectors?.model, encoder.model);
    assert.deepEqual(index.encoder, encoder);

    const kernel = await loadKernelModel();
    const fromIndex = embedderFrom(encoder);
    assert.deepEqual(fromIndex.embed('where is my parcel'), kernel.embed('where is my parcel'));

    // The widget passes its own loaded model under the same id and gets the hybrid ranking.
    const widgetSide = KnowledgeSearcher.fromSnapshot(snapshotOf(index), {
      embedder: { model: encoder.model, embed: (t) => kernel.embed(t) },
    });
    assert.equal(widgetSide.hybrid, true);
    assert.equal(widgetSide.search({ query: 'replacement tent pole' })[0]?.id, 'tent-poles');
  });

  test('vectors re-rank word matches but never admit a document alone', async () => {
    const index = await fixtureIndex({ encoder: await shippedEncoder() });
    const kb = KnowledgeSearcher.fromSnapshot(index, { embedder: embedderFrom(index.encoder!) });
    assert.deepEqual(kb.search({ query: 'xylophone quaternion' }), []);
  });
});

describe('planQuery', () => {
  const counts = new Map([
    ['order', 6000],
    ['parcel', 300],
    ['refund', 40],
  ]);
  const df = (term: string) => counts.get(term) ?? 0;

  test('in a big index, a word on most documents is skipped when a rarer one carries the query', () => {
    assert.deepEqual(planQuery('my order parcel', df, 10_000).terms.map((t) => t.term), ['parcel']);
    assert.deepEqual(planQuery('my order', df, 10_000).terms.map((t) => t.term), ['order']);
    // A small index keeps every word: its posting lists cost nothing.
    assert.deepEqual(planQuery('my order parcel', (t) => ({ order: 200, parcel: 30 })[t] ?? 0, 300).terms.length, 2);
  });

  test('rarer words weigh more; only unknown words are matched fuzzily or as a prefix', () => {
    const plan = planQuery('parcel refund refnud deliv', df, 10_000);
    const [parcel, refund, typo, partial] = plan.terms;
    assert.ok(refund!.idf > parcel!.idf);
    assert.deepEqual([typo!.known, partial!.known], [false, false]);
    assert.deepEqual(
      plan.terms.map((t) => [t.fuzzy, t.prefix]),
      [
        [false, false],
        [false, false],
        [0.2, false],
        [0.2, true],
      ],
    );
  });
});

describe('Bm25Index', () => {
  test('ranks and scores exactly as MiniSearch.search on the demo index, typos and half-typed words included', () => {
    const demo = JSON.parse(
      readFileSync(new URL('../src/knowledge/artifacts/demo-index.json', import.meta.url), 'utf8'),
    ) as KnowledgeIndexArtifact;
    const labelled = readFileSync(new URL('../../demo/content/queries/retrieval.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { query: string }).query);
    const queries = [...labelled, 'refnud', 'wher is my parsel', 'tent pol', 'cancel ord', 'delivry time', 'pre-order', 'xylophone'];
    const positions = new Map(demo.documents.map((d, i) => [d.id, i]));
    const odd = (i: number) => i % 2 === 1;
    let compared = 0;
    for (const serialised of Object.values(demo.lexicalBySource ?? {}) as AsPlainObject[]) {
      const reference = MiniSearch.loadJS(serialised, LEXICAL_OPTIONS);
      const index = new Bm25Index(serialised, LEXICAL_OPTIONS.searchOptions!.boost!, (id) => positions.get(id));
      const df = (term: string) => index.documentFrequency(term);
      for (const query of queries) {
        const { terms } = planQuery(query, df, index.documentCount);
        const tree: Query = { combineWith: 'OR', queries: terms.map((t) => ({ queries: [t.word], fuzzy: t.fuzzy, prefix: t.prefix })) };
        for (const accepts of [undefined, odd]) {
          const filter = accepts && ((r: { id: string }) => accepts(positions.get(r.id)!));
          const expected = reference.search(tree, filter ? { filter } : {}).slice(0, 60);
          const actual = index.search(terms, 60, accepts);
          assert.deepEqual(actual.map((h) => demo.documents[h.document]!.id), expected.map((r) => r.id), query);
          actual.forEach((h, i) => {
            assert.ok(Math.abs(h.score - expected[i]!.score) <= 1e-9 * expected[i]!.score, `${query}: score`);
            const idf = expected[i]!.queryTerms.reduce((sum, t) => sum + terms.find((p) => p.term === t)!.idf, 0);
            assert.ok(Math.abs(h.coverage - idf) < 1e-9, `${query}: coverage`);
          });
          compared += expected.length;
        }
      }
    }
    assert.ok(compared > 5000);
  });
});
