import { WebWorkerMLCEngineHandler, type MLCEngineInterface } from '@mlc-ai/web-llm';

/** The engine calls web-llm's worker handler makes for loading and chat. */
export type HostedEngine = Pick<
  MLCEngineInterface,
  'setInitProgressCallback' | 'setAppConfig' | 'setLogLevel' | 'reload' | 'chatCompletion' | 'interruptGenerate' | 'unload' | 'resetChat' | 'getMessage' | 'runtimeStatsText'
>;

/**
 * Serves an engine over web-llm's own worker protocol (`WebWorkerMLCEngineHandler`),
 * so the page talks to it with `CreateWebWorkerMLCEngine` whatever runs inside:
 * web-llm's `MLCEngine` on WebGPU in production, or any object with the
 * same interface (a deterministic engine in tests).
 */
export function hostEngine(scope: { onmessage: ((event: MessageEvent) => void) | null }, engine?: HostedEngine): WebWorkerMLCEngineHandler {
  const handler = new WebWorkerMLCEngineHandler();
  if (engine) {
    handler.engine = engine as WebWorkerMLCEngineHandler['engine'];
    engine.setInitProgressCallback((report) => handler.postMessage({ kind: 'initProgressCallback', uuid: '', content: report }));
  }
  scope.onmessage = (event) => handler.onmessage(event);
  return handler;
}
