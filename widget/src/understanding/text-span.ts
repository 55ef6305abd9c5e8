/** A stretch of the visitor's original text, by UTF-16 offsets. */
export interface TextSpan {
  start: number;
  end: number;
}

export function overlaps(a: TextSpan, b: TextSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

export function overlapsAny(span: TextSpan, taken: readonly TextSpan[]): boolean {
  return taken.some((t) => overlaps(span, t));
}

/** Digits only, for checksums and lengths ("4111-1111 1111" -> "41111111111"). */
export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}
