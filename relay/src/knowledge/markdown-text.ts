/**
 * Markdown to the plain text snippets and offline answers are cut from: one
 * line per block, markup removed, link text kept, table rows as "a: b: c".
 */
export function markdownToText(markdown: string): string {
  const lines: string[] = [];
  let inFence = false;
  for (const raw of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      continue;
    }
    let line = raw.trim();
    if (!inFence) {
      if (/^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/.test(line)) continue;
      if (line.startsWith('|')) line = line.replace(/^\||\|$/g, '').split('|').map((c) => c.trim()).filter(Boolean).join(': ');
      line = line
        .replace(/^#{1,6}\s+/, '')
        .replace(/^>\s?/, '')
        .replace(/^([-*+]|\d+[.)])\s+/, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/<[^>]+>/g, '')
        .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2');
    }
    if (line) lines.push(line);
  }
  return lines.join('\n');
}
