import type { KnowledgeDocument } from './knowledge-document.js';
import type { QueryEncoder } from './query-encoder.js';

export const SNAPSHOT_FORMAT = 'support-knowledge/1';

/**
 * The knowledge base as one JSON document, built by `npm run kb:build`. The
 * relay serves it at `GET /api/knowledge/snapshot` (articles only: tickets are
 * customer conversations and stay on the relay) for the widget to cache and
 * search offline with `KnowledgeSearcher`.
 */
export interface KnowledgeSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** Content hash: changes exactly when documents or vectors change. Also the HTTP ETag. */
  version: string;
  /** ISO time of the build. */
  builtAt: string;
  documents: KnowledgeDocument[];
  /** Document vectors in document order, when the index was built with an embedding model. */
  vectors?: SnapshotVectors;
}

/** Unit-length vectors quantised to int8 (component × 127), all documents in one base64 string. */
export interface SnapshotVectors {
  /** The model that made them; a query must be embedded by the same one. */
  model: string;
  dimensions: number;
  encoding: 'int8-base64';
  data: string;
}

/**
 * What the relay loads: the snapshot plus MiniSearch's serialised lexical
 * index per source (so a cold start does not re-tokenise) and, when it has
 * vectors, the model that made them (so queries are embedded by the same model).
 */
export interface KnowledgeIndexArtifact extends KnowledgeSnapshot {
  lexicalBySource?: { article?: unknown; ticket?: unknown };
  encoder?: QueryEncoder;
}

/** True when `value` looks like a snapshot this code can read. */
export function isKnowledgeSnapshot(value: unknown): value is KnowledgeSnapshot {
  const v = value as Partial<KnowledgeSnapshot> | null;
  return !!v && v.format === SNAPSHOT_FORMAT && typeof v.version === 'string' && Array.isArray(v.documents);
}
