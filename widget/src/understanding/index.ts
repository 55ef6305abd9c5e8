/**
 * The rules as a visitor's device runs them: the signals of a message and the
 * text the intent model reads. No code imports this file; the signals bench
 * bundles it to weigh what the rules cost to download.
 */
export { readSignals, warmUpSignals } from './signals.js';
export { normaliseText } from './normalise.js';
