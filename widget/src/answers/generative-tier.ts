import { ChromeLanguageModel, chromeLanguageModelAvailability } from './chrome-language-model.js';
import type { GenerativeModel } from './generative-model.js';
import { canRunLlm, probeWebGpu, SMALL_LLM_REQUIREMENTS, type LlmRequirements } from './webgpu-capability.js';
import { WebLlmModel, type WebLlmModelConfig } from './web-llm-model.js';

/** How a site turns on tier 2. Off unless `enabled`. */
export interface GenerativeTierConfig {
  enabled: boolean;
  /** Use Chrome's built-in `LanguageModel` when the browser has one. Default true. */
  useBrowserModel?: boolean;
  /** A self-hosted web-llm model for browsers with a capable WebGPU adapter. */
  webLlm?: WebLlmModelConfig & {
    requirements?: Partial<LlmRequirements>;
    /** The worker that hosts the engine; default: the widget's own `llm.worker.ts`. */
    worker?: () => Worker;
  };
}

export type GenerativeOffer =
  | { available: false; reason: string }
  | {
      available: true;
      model: GenerativeModel;
      /** True when loading downloads weights: ask the visitor first, then call `model.load(onProgress)`. */
      needsConsent: boolean;
      /** What that download weighs (from web-llm's manifest); unknown for the browser's own model. */
      downloadBytes?: number;
    };

/**
 * Decides whether this device and site get tier-2 answers, and with which
 * model. It never downloads anything; tier 1 answers meanwhile either way.
 *
 * @example
 * const offer = await offerGenerativeTier(siteConfig.llm);
 * if (offer.available && (!offer.needsConsent || (await askVisitor()))) void offer.model.load(showProgress);
 * const engine = new AnswerEngine({ knowledge, generative: offer.available ? offer.model : undefined });
 */
export async function offerGenerativeTier(config: GenerativeTierConfig | undefined): Promise<GenerativeOffer> {
  if (!config?.enabled) return { available: false, reason: 'the site has not enabled generated answers' };
  if (config.useBrowserModel !== false) {
    const availability = await chromeLanguageModelAvailability();
    if (availability !== 'unavailable') {
      return { available: true, model: new ChromeLanguageModel(), needsConsent: availability !== 'available' };
    }
  }
  if (!config.webLlm) return { available: false, reason: 'no built-in model and no web-llm model configured' };
  if ((import.meta as { env?: { SUPPORT_WIDGET_SINGLE_FILE?: boolean } }).env?.SUPPORT_WIDGET_SINGLE_FILE) {
    return { available: false, reason: 'self-hosted web-llm models need the module build (support-widget.js), not the single-file one' };
  }
  const verdict = canRunLlm(await probeWebGpu(), { ...SMALL_LLM_REQUIREMENTS, ...config.webLlm.requirements });
  if (!verdict.ok) return { available: false, reason: verdict.reason };
  const { worker, requirements: _, ...webLlm } = config.webLlm;
  const model = worker ? new WebLlmModel(webLlm, worker) : new WebLlmModel(webLlm);
  if (await model.isCached()) return { available: true, model, needsConsent: false };
  // No readable manifest, no download that could work: nothing is offered rather than a download bound to fail.
  const downloadBytes = await model.downloadSize();
  if (!downloadBytes) return { available: false, reason: `no model manifest (tensor-cache.json) could be read for ${config.webLlm.modelUrl}` };
  return { available: true, model, needsConsent: true, downloadBytes };
}
