import type { UiText } from './en.js';
import { catalogueLanguage } from './locale-choice.js';
import { formatText, type TextValues } from './message-format.js';

/** Says one text of a concern, filled with its values, in the widget's language. */
export type Say<Id extends string = string> = (id: Id, values?: TextValues) => string;

/** Where a widget's text comes from; the `<support-widget>` element is one. Absent parts read English. */
export interface TextSource {
  readonly resolvedLocale?: string;
  /** The catalogue of the locale's language once its chunk arrived; English until then. */
  readonly translation?: Partial<UiText> | undefined;
  /** The site's overrides, as configured (checked here). */
  readonly text?: unknown;
}

/** The first part of every id: an override outside these names no text at all. */
const namespaces = ['launcher', 'panel', 'message', 'origin', 'feedback', 'llm', 'handoff', 'wait', 'resolution', 'callback', 'answer', 'reply'];
const namespaceOf = (id: string) => id.split('.')[0]!;

/**
 * A site's overrides for one concern's texts, checked: kept are this
 * concern's ids with string values; a problem is an id no concern has, one
 * of this concern's namespaces that it lacks (a typo), or a non-string value.
 */
export function checkedOverrides(text: object, english: Record<string, string>): { text: Record<string, string>; problems: string[] } {
  const own = new Set(Object.keys(english).map(namespaceOf));
  const kept: Record<string, string> = {};
  const problems: string[] = [];
  for (const [id, value] of Object.entries(text)) {
    const namespace = namespaceOf(id);
    if (!namespaces.includes(namespace) || (own.has(namespace) && !(id in english))) problems.push(`"${id}" is not a text id`);
    else if (!own.has(namespace)) continue;
    else if (typeof value !== 'string') problems.push(`"${id}" must be a string, got ${typeof value}`);
    else kept[id] = value;
  }
  return { text: kept, problems };
}

/** Problems already reported for an overrides object: each concern checks its own part, and a shared problem is said once. */
const reported = new WeakMap<object, Set<string>>();
function overrides(text: unknown, english: Record<string, string>): Record<string, string> {
  if (typeof text !== 'object' || text === null) return {};
  const result = checkedOverrides(text, english);
  const said = reported.get(text) ?? new Set<string>();
  reported.set(text, said);
  for (const problem of result.problems) {
    if (!said.has(problem)) console.warn(`support-widget: text override ignored: ${problem} (see Languages in the README)`);
    said.add(problem);
  }
  return result.text;
}

/**
 * A concern's `say`: its English under the locale's translation under the
 * site's overrides, read afresh on every call (a translation that arrives
 * later, or a new locale, shows on the next render), composed only when one
 * changed. Plurals and numbers follow the catalogue's language.
 */
export function sayFor<T extends Record<string, string>>(source: TextSource | undefined, english: T): Say<keyof T & string> {
  let made: { translation: unknown; overrides: unknown; text: Record<string, string> } | undefined;
  return (id, values) => {
    const translation = source?.translation;
    const text = source?.text;
    if (!made || made.translation !== translation || made.overrides !== text) {
      made = { translation, overrides: text, text: { ...english, ...translation, ...overrides(text, english) } };
    }
    return formatText(made.text[id]!, catalogueLanguage(source?.resolvedLocale ?? 'en'), values);
  };
}
