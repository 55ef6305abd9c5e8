import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureIndex } from './fixtures/knowledge-fixture.js';
import { parseArticle } from '../src/knowledge/article-source.js';
import { markdownToText } from '../src/knowledge/markdown-text.js';
import { bestSnippet } from '../src/knowledge/snippet.js';
import { indexTerms } from '../src/knowledge/text-analysis.js';
import { KnowledgeSearcher } from '../src/knowledge/knowledge-searcher.js';
import { snapshotOf } from '../src/knowledge/build-index.js';
import type { TextEmbedder } from '../src/knowledge/document-vectors.js';

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
    const rebuilt = KnowledgeSearcher.fromSnapshot({ ...index, lexical: undefined });
    const q = { query: 'spare pegs for my tent' };
    assert.deepEqual(rebuilt.search(q), full.search(q));
  });

  test('with an embedder, vectors find a document that shares no word with the query', async () => {
    // A toy embedder that knows "cash" and "refund" mean the same: enough to exercise the vector half.
    const concepts = [/refund|cash|money/i, /pole|peg/i, /boot|size/i, /deliver|track|parcel/i];
    const embedder: TextEmbedder = {
      model: 'toy-concepts',
      embed: (text) => Float32Array.from(concepts, (c) => (c.test(text) ? 1 : 0.01)),
    };
    const index = await fixtureIndex(embedder);
    assert.equal(index.vectors?.dimensions, 4);
    const hybrid = KnowledgeSearcher.fromSnapshot(index, { embedder });
    assert.equal(hybrid.hybrid, true);
    const [top] = hybrid.search({ query: 'cash', source: 'article', locale: 'en' });
    assert.equal(top?.id, 'returns-policy');
    assert.equal(KnowledgeSearcher.fromSnapshot(index).search({ query: 'cash', source: 'article' }).length, 0);
    // A different model's vectors are ignored rather than compared with the wrong space.
    const other = KnowledgeSearcher.fromSnapshot(index, { embedder: { ...embedder, model: 'other' } });
    assert.equal(other.hybrid, false);
  });

  test('the snapshot keeps articles and their vectors, drops tickets and ticket phrasings', async () => {
    const embedder: TextEmbedder = { model: 'len', embed: (t) => Float32Array.from([t.length % 7, 1, 2]) };
    const index = await fixtureIndex(embedder);
    const snapshot = snapshotOf(index);
    assert.equal(snapshot.documents.length, 5);
    assert.ok(snapshot.documents.every((d) => d.source === 'article' && !('askedAs' in d)));
    assert.equal(atob(snapshot.vectors!.data).length, 5 * 3);
    assert.ok(JSON.stringify(snapshot).length < JSON.stringify(index).length);
  });
});
