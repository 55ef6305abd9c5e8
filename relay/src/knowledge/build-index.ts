import type { KnowledgeDocument } from './knowledge-document.js';
import { SNAPSHOT_FORMAT, type KnowledgeIndexArtifact, type KnowledgeSnapshot } from './knowledge-snapshot.js';
import { encodeVectors, decodeVectors, type TextEmbedder } from './document-vectors.js';
import { lexicalPartitions } from './knowledge-searcher.js';
import { embedderFrom, type QueryEncoder } from './query-encoder.js';

/**
 * The versioned index artifact for `documents`: the documents, the
 * serialised BM25 index and, given a model (`encoder`, stored in the index so
 * the relay embeds queries alike, or a bare `embedder`), document vectors. `version` is a
 * hash of the content, so rebuilding unchanged content changes nothing.
 */
export async function buildKnowledgeIndex(
  documents: KnowledgeDocument[],
  options: { embedder?: TextEmbedder; encoder?: QueryEncoder; builtAt?: Date } = {},
): Promise<KnowledgeIndexArtifact> {
  const seen = new Set<string>();
  for (const d of documents) {
    if (seen.has(d.id)) throw new Error(`two documents have the id "${d.id}"`);
    seen.add(d.id);
  }
  const { encoder } = options;
  const embedder = options.embedder ?? (encoder ? embedderFrom(encoder) : undefined);
  const vectors = embedder
    ? encodeVectors(
        embedder.model,
        documents.map((d) => embedder.embed(`${d.title}\n${d.text}`)),
      )
    : undefined;
  const version = await contentHash(JSON.stringify({ documents, vectors }));
  return {
    format: SNAPSHOT_FORMAT,
    version,
    builtAt: (options.builtAt ?? new Date()).toISOString(),
    documents,
    ...(vectors ? { vectors } : {}),
    lexicalBySource: lexicalPartitions(documents),
    ...(encoder ? { encoder } : {}),
  };
}

/**
 * What the widget may cache: articles only, without the ticket phrasings
 * folded into them (customer text never leaves the relay), and without the
 * lexical index (the browser rebuilds it in a few milliseconds, smaller on the
 * wire). With `language` (`fr`, or a tag like `fr-CA`), only that language's articles.
 */
export function snapshotOf(index: KnowledgeIndexArtifact, options: { language?: string } = {}): KnowledgeSnapshot {
  const language = options.language?.toLowerCase().split(/[-_]/)[0];
  const keep = index.documents.flatMap((d, i) =>
    d.source === 'article' && (!language || d.locale.toLowerCase().split(/[-_]/)[0] === language) ? [i] : [],
  );
  const documents = keep.map((i) => {
    const { askedAs: _private, ...doc } = index.documents[i]!;
    return doc;
  });
  let vectors = index.vectors;
  if (vectors) {
    const all = decodeVectors(vectors);
    const dims = vectors.dimensions;
    const rows = keep.map((i) => Float32Array.from(all.subarray(i * dims, (i + 1) * dims)));
    vectors = encodeVectors(vectors.model, rows);
  }
  return {
    format: SNAPSHOT_FORMAT,
    version: index.version,
    builtAt: index.builtAt,
    documents,
    ...(vectors ? { vectors } : {}),
  };
}

async function contentHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
