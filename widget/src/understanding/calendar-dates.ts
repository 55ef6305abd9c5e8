import * as chrono from 'chrono-node/en';
import { dateHints, mentionsDate } from './date-hints.js';
import { localeParts } from './locale-parts.js';
import type { TextSpan } from './text-span.js';

/** Bare words chrono reads as dates that are not, in a support chat ("may I", "sat on hold"). */
const NOT_A_DATE = /^(?:may|sat|sun|wed|mar|now|second|a second|a minute)$/i;

const PAST_CUE = /\b(?:placed|ordered|arrived|came|come|sent|returned|bought|paid|posted|shipped|delivered|was|were|since|got|received|emailed|rang|called)\b[^.!?]{0,20}$/i;
/**
 * chrono slows badly on long runs of date-like digits ("1-1-1-..."), so it
 * reads only the text around what looked like a date: at most a few windows
 * of a few words either side.
 */
const WINDOW_MARGIN = 48;
const MAX_WINDOWS = 6;
/** "the 31st", "on the 3rd": a day of the month with no month named after it. */
const ORDINAL_DAY = /\bthe\s+((\d{1,2})(?:st|nd|rd|th))\b(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/gi;
/** chrono keeps the preposition ("on 3rd March"); the entity is the date itself. */
const LEADING_WORD = /^(?:on|by|at|from|since|until|till|before|after)\s+/i;
/** "for an hour" is how long, not when. */
const DURATION = /^for\s/i;

export interface DateMatch extends TextSpan {
  text: string;
  /** ISO 8601: "2026-03-12" for a day, "2026-03-12T14:30" when the time was given. */
  value: string;
}

/**
 * chrono's casual English without its "3 days later" parser: visitors
 * hardly write that, and its pattern alone took a third of chrono's
 * first-use compile time here. Recognised by its pattern; if a chrono update
 * renames things, nothing is dropped.
 */
function leanParser(littleEndian: boolean): chrono.Chrono {
  const configuration = chrono.configuration.createCasualConfiguration(littleEndian);
  configuration.parsers = configuration.parsers.filter((parser) => !LATER.test(patternSource(parser)));
  return new chrono.Chrono(configuration);
}

const LATER = /\(\?:later\|after\|from now|\(later\|after\|from now/;

function patternSource(parser: chrono.Parser): string {
  try {
    return (parser as { innerPattern?: (context: unknown) => RegExp }).innerPattern?.({ option: {} })?.source ?? '';
  } catch {
    return '';
  }
}

const DAY_FIRST = leanParser(true);
const MONTH_FIRST = leanParser(false);

/** Day-first for Britain, Australia, Ireland, New Zealand and India; month-first otherwise. */
function parserFor(locale: string | undefined): chrono.Chrono {
  const { region } = localeParts(locale);
  return ['GB', 'UK', 'AU', 'IE', 'NZ', 'IN', 'ZA'].includes(region) ? DAY_FIRST : MONTH_FIRST;
}

/** Dates and times the visitor mentions, resolved against `now`. */
export function findDates(text: string, locale?: string, now: Date = new Date()): DateMatch[] {
  if (!mentionsDate(text)) return [];
  const found: DateMatch[] = [];
  const parser = parserFor(locale);
  const results = dateWindows(text).flatMap(([from, to]) =>
    parser.parse(text.slice(from, to), now, { forwardDate: false }).map((result) => ({ result, index: from + result.index })),
  );
  for (const { result, index } of results) {
    if (found.some((f) => f.start < index + result.text.length && index < f.end)) continue;
    const lead = LEADING_WORD.exec(result.text)?.[0] ?? '';
    // chrono keeps a trailing comma or full stop ("Friday,").
    const raw = result.text.slice(lead.length).replace(/[\s,.;:!?]+$/, '');
    if (DURATION.test(result.text) || NOT_A_DATE.test(raw.trim()) || /^\d+$/.test(raw.trim())) continue;
    const start = index + lead.length;
    const past = PAST_CUE.test(text.slice(Math.max(0, index - 30), index));
    found.push({ start, end: start + raw.length, text: raw, value: isoValue(result.start, past ? now : undefined) });
  }
  for (const m of text.matchAll(ORDINAL_DAY)) {
    const start = m.index + m[0].length - (m[1] ?? '').length;
    const end = start + (m[1] ?? '').length;
    if (found.some((f) => f.start < end && start < f.end)) continue;
    const value = dayOfNearMonth(Number(m[2]), now, PAST_CUE.test(text.slice(Math.max(0, m.index - 30), m.index)));
    if (value) found.push({ start, end, text: m[1] ?? '', value });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Merged stretches around date-like words, widened to whole words (within reason). */
function dateWindows(text: string): [number, number][] {
  const windows: [number, number][] = [];
  for (const hint of dateHints(text)) {
    let from = Math.max(0, hint.index - WINDOW_MARGIN);
    let to = Math.min(text.length, hint.index + hint[0].length + WINDOW_MARGIN);
    for (let k = 0; k < 24 && from > 0 && /\S/.test(text[from - 1]!); k++) from--;
    for (let k = 0; k < 24 && to < text.length && /\S/.test(text[to]!); k++) to++;
    const last = windows.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else if (windows.length < MAX_WINDOWS) windows.push([from, to]);
    else break;
  }
  return windows;
}

/**
 * "the 31st" on its own, which chrono leaves alone: this month's day, or the
 * next month's once it has gone by (the previous month's after a past-tense verb).
 */
function dayOfNearMonth(day: number, now: Date, past: boolean): string | undefined {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const offset = past ? (day > today.getDate() ? -1 : 0) : day < today.getDate() ? 1 : 0;
  const date = new Date(today.getFullYear(), today.getMonth() + offset, day);
  return date.getDate() === day ? isoDay(date) : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day, "2026-03-10". */
function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A bare weekday after a past-tense verb ("order placed Friday") is the one
 * gone by; chrono picks the nearest, which may be ahead.
 */
function isoValue(components: chrono.ParsedResult['start'], pastOf?: Date): string {
  const date = components.date();
  if (pastOf && date > pastOf && components.isCertain('weekday') && !components.isCertain('day')) date.setDate(date.getDate() - 7);
  const pad = (n: number) => String(n).padStart(2, '0');
  return components.isCertain('hour') ? `${isoDay(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}` : isoDay(date);
}
