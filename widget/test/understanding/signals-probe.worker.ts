/** Runs readSignals inside a module Web Worker for signals.browser.test.ts. */
import { readSignals, type SignalOptions } from '../../src/understanding/signals.js';

self.onmessage = (event: MessageEvent<{ text: string; options: SignalOptions }>) => {
  self.postMessage(readSignals(event.data.text, [], event.data.options));
};
