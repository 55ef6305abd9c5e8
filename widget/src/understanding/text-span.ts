/** A stretch of the visitor's original text, by UTF-16 offsets. */
export interface TextSpan {
  start: number;
  end: number;
}

export function overlaps(a: TextSpan, b: TextSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Non-overlapping spans kept in order, so a pasted 100 KB message with
 * thousands of matches is checked by binary search rather than pairwise.
 */
export class SpanSet {
  readonly #spans: TextSpan[] = [];

  /** True when the span shares a character with one already taken. */
  overlaps(span: TextSpan): boolean {
    const i = this.#firstEndingAfter(span.start);
    const next = this.#spans[i];
    return next !== undefined && next.start < span.end;
  }

  /** Takes the span unless it overlaps one already taken; says whether it did. */
  claim(span: TextSpan): boolean {
    if (this.overlaps(span)) return false;
    this.#spans.splice(this.#firstEndingAfter(span.start), 0, { start: span.start, end: span.end });
    return true;
  }

  /** Index of the first span whose end is after `offset`. */
  #firstEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.#spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#spans[mid]!.end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The text with the given spans blanked to a neutral symbol of the same
 * length, so later detectors keep offsets but cannot read across a card
 * number or an email into the phone number beside it.
 */
export function maskSpans(text: string, spans: Iterable<TextSpan>): string {
  let out = '';
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < cursor) continue;
    out += text.slice(cursor, span.start) + '\u2591'.repeat(span.end - span.start);
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

/**
 * True when the text has at least `count` ASCII digits. Patterns built on
 * `\d` cannot match without them, and their Unicode-aware regular
 * expressions are compiled on first use: a message with no digits (most
 * first messages) skips them.
 */
export function hasDigits(text: string, count = 1): boolean {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++seen >= count) return true;
  }
  return false;
}

/** Digits only, for checksums and lengths ("4111-1111 1111" -> "41111111111"). */
export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}
