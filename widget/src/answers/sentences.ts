/**
 * Splits passage text into sentences, keeping each sentence's wording
 * exactly. Markdown list items and headings count as their own sentences,
 * and abbreviations such as "e.g." or "No." do not end one.
 */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const rawLine of text.replace(/\r\n?/g, '\n').split(/\n+/)) {
    const line = rawLine.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').replace(/^#+\s*/, '').trim();
    if (!line) continue;
    let start = 0;
    const boundary = /([.!?…]+["”’)\]]*)\s+(?=["“‘(\[]?[\p{Lu}\p{N}])/gu;
    for (let m = boundary.exec(line); m; m = boundary.exec(line)) {
      const end = m.index + m[1]!.length;
      const candidate = line.slice(start, end);
      if (/\b(?:e\.g|i\.e|etc|vs|no|approx|mr|mrs|ms|dr|st)\.$/i.test(candidate)) continue;
      out.push(candidate.trim());
      start = end;
    }
    const rest = line.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out;
}
