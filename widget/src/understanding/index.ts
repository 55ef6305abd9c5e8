export { readSignals, warmUpSignals, ANALYSED_CHARS, type Signals, type SignalOptions } from './signals.js';
export { normaliseText } from './normalise.js';
export { defaultSynonyms, type SynonymMap } from './locale-synonyms.js';
export { readSentiment, type SentimentReading } from './sentiment.js';
export { readFrustration, FRUSTRATED_AT } from './frustration.js';
export { findEntities } from './entities.js';
export { redactPii, PII_PLACEHOLDERS, type Redaction, type PiiSpan } from './redaction.js';
export { guessLanguage } from './language.js';
