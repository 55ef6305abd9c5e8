export type { IntentModel, IntentModelConfig, ModelFiles, RejectionProfile, SupportWidgetModelConfig } from './intent-model.js';
export { KernelIntentModel } from './kernel-model.js';
export { fetchModelFiles, ModelLoadError } from './model-files.js';
