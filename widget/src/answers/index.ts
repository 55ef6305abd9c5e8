export {
  AnswerEngine,
  type AnswerEngineOptions,
  type AnswerEvent,
  type AnswerKind,
  type AnswerOutcome,
  type AnswerRequest,
  type PassageLibrary,
  type ReplyEvent,
} from './answer-engine.js';
export { KnowledgeUnavailableError, type KnowledgeHits, type KnowledgeOrigin, type KnowledgeSource } from './knowledge-source.js';
export { RelayKnowledgeSource, type RelayKnowledgeOptions } from './relay-knowledge.js';
export { SnapshotKnowledgeSource, type QueryEmbedder } from './snapshot-knowledge.js';
export { SnapshotStore, type SnapshotStoreOptions } from './snapshot-store.js';
export { RacingKnowledgeSource, type RacingOptions } from './racing-knowledge.js';
export { DEFAULT_THRESHOLDS, type AnswerThresholds, type DeclineReason } from './guardrails.js';
export { TALK_TO_A_PERSON, quickRepliesFor } from './quick-replies.js';
export { rememberEntities, type RememberedEntities } from './entity-memory.js';
export { countResolved, type ResolutionCount } from './feedback.js';
export type { GenerativeModel, GenerationRequest, LoadProgress, ModelState } from './generative-model.js';
export { offerGenerativeTier, type GenerativeOffer, type GenerativeTierConfig } from './generative-tier.js';
export { WebLlmModel, type WebLlmModelConfig } from './web-llm-model.js';
export { ChromeLanguageModel } from './chrome-language-model.js';
export { probeWebGpu, canRunLlm, type GpuCapability, type LlmRequirements } from './webgpu-capability.js';
