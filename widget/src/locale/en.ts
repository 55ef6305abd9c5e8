import { answerText } from './answer-text.js';
import { handoffText } from './handoff-text.js';
import { launcherLabel } from './launcher-text.js';
import { llmText } from './llm-text.js';
import { panelText } from './panel-text.js';

/**
 * Every fixed text the visitor sees or hears, in English, by id. English is
 * kept per concern (launcher, panel, tier 2, handoff, answers), each in the
 * chunk that shows it, so no chunk carries text it never says; the other
 * languages are one catalogue each (es.ts, ...), with exactly these ids and
 * placeholders, loaded as one chunk for the visitors who read them.
 * `{name}` is replaced by a value; `{n, plural, one {…} other {…}}` picks a
 * form by the language's plural rules (`=1 {…}` matches one number exactly,
 * and `#` is the number written the language's way).
 */
export const en = { 'launcher.open': launcherLabel.en, ...panelText, ...llmText, ...handoffText, ...answerText };

/** The id of one text in the catalogue. */
export type UiTextId = keyof typeof en;

/** A whole catalogue: every id, in one language. */
export type UiText = Record<UiTextId, string>;
