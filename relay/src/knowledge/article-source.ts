import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { KnowledgeDocument } from './knowledge-document.js';
import { markdownToText } from './markdown-text.js';

/**
 * Reads every `*.md` help article in `dir`. Front matter (`key: value` lines
 * between `---` lines) must give `title`, `url`, `product`, `locale` and `updated`; `id`
 * defaults to the file name. A missing field fails the build with the file's
 * name rather than shipping an article nobody can cite.
 */
export async function readArticles(dir: string): Promise<KnowledgeDocument[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  return Promise.all(files.map(async (f) => parseArticle(await readFile(join(dir, f), 'utf8'), f)));
}

/** One article from its Markdown source; `file` names it in errors and gives the default id. */
export function parseArticle(source: string, file: string): KnowledgeDocument {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!m) throw new Error(`${file}: no front matter (a block between --- lines at the top)`);
  const meta = frontMatter(m[1]!);
  const field = (name: string): string => {
    const value = meta.get(name);
    if (!value) throw new Error(`${file}: front matter needs "${name}"`);
    return value;
  };
  // The H1 repeats the title; keep the text to what follows it.
  const body = m[2]!.replace(/^\s*#\s+.*\r?\n/, '');
  return {
    id: meta.get('id') || basename(file, '.md'),
    source: 'article',
    title: field('title'),
    url: field('url'),
    product: field('product'),
    locale: field('locale'),
    updated: field('updated'),
    text: markdownToText(body),
  };
}

/**
 * Flat `key: value` front matter. Split at the first colon, so a title like
 * "Tent spares: poles and pegs" needs no YAML quoting; quotes are optional.
 */
function frontMatter(block: string): Map<string, string> {
  const meta = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (m) meta.set(m[1]!.toLowerCase(), m[2]!.trim().replace(/^(["'])(.*)\1$/, '$2'));
  }
  return meta;
}
