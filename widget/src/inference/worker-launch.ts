let launched: Worker | undefined;
let handedOver = false;

/**
 * Starts the understanding worker's script now, before any of the widget's
 * lazy chunks has arrived: the element calls it on the visitor's click (or
 * reach), so the browser fetches and boots the worker while the panel's code
 * loads. The page's first `UnderstandingClient` takes it over and configures
 * it; once one has, this does nothing (later clients start their own).
 * This module is part of the widget's first script: keep it this small.
 */
export function launchUnderstandingWorker(): void {
  if (!handedOver) launched ??= newUnderstandingWorker();
}

/** The worker launched early, handed over once; else a new one. */
export function understandingWorker(): Worker {
  const worker = launched ?? newUnderstandingWorker();
  launched = undefined;
  handedOver = true;
  return worker;
}

function newUnderstandingWorker(): Worker {
  return new Worker(new URL('./understanding.worker.ts', import.meta.url), { type: 'module', name: 'understanding' });
}
