/**
 * A cheap scan for date-like words and numbers. chrono-node parses the
 * whole message even when it has no date, and it is a big part of the
 * inference worker's code: it runs, and loads, only when this sees something.
 */
const DATE_HINT =
  /\b(?:today|tonight|tomorrow|yesterday|tmrw|weekend|fortnight|ago|since|noon|midnight|(?:next|last|this|coming)\s+(?:week|month|year|mon|tue|wed|thu|fri|sat|sun)|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}(?:st|nd|rd|th)|\d{1,2}\s?(?:am|pm)|\d{1,2}[\/.-]\d{1,2}(?:[\/.-]\d{2,4})?|\d{4}-\d{2}-\d{2}|in\s+\d+\s+(?:days?|weeks?|hours?))\b/i;

/** True when the text has anything that may be a date or a time. */
export function mentionsDate(text: string): boolean {
  return DATE_HINT.test(text);
}

/** Every date-like word or number, in order. */
export function dateHints(text: string): IterableIterator<RegExpExecArray> {
  return text.matchAll(new RegExp(DATE_HINT.source, 'gi'));
}
