export type { IntentModel, IntentModelConfig, ModelFiles, RejectionProfile, SupportWidgetModelConfig } from './intent-model.js';
export { KernelIntentModel } from './kernel-model.js';
export { fetchModelFiles, ModelLoadError } from './model-files.js';
export { UnderstandingPipeline, NO_INTENT, type UnderstandingPipelineOptions } from './understanding-pipeline.js';
export { UnderstandingClient, UnderstandingTimeoutError, type UnderstandingClientOptions, type WorkerReady } from './understanding-client.js';
export { startUnderstanding } from './understanding-start.js';
export type { UnderstandingWorkerConfig } from './worker-protocol.js';
