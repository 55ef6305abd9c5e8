/**
 * `npm run kb:build [-- --articles DIR] [--tickets FILE] [--model DIR|none] [--out FILE]`:
 * reads help articles and resolved tickets, embeds them with the shipped
 * model (`models/support-intent/` unless `--model none`) and writes the
 * versioned index artifact the relay bundles (default: the demo store's
 * content into relay/src/knowledge/artifacts/demo-index.json).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readArticles } from './article-source.js';
import { readTickets, linkTicketsToArticles } from './ticket-source.js';
import { buildKnowledgeIndex } from './build-index.js';
import { queryEncoder } from './query-encoder.js';
import { readModelFiles } from '../../../widget/src/inference/model-files-node.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: resolve(root, 'demo/content/articles') },
    tickets: { type: 'string', default: resolve(root, 'demo/content/tickets.jsonl') },
    model: { type: 'string', default: resolve(root, 'models/support-intent') },
    out: { type: 'string', default: resolve(root, 'relay/src/knowledge/artifacts/demo-index.json') },
  },
});

const articles = await readArticles(values.articles);
const tickets = existsSync(values.tickets) ? await readTickets(values.tickets) : [];
const encoder =
  values.model === 'none' ? undefined : await queryEncoder(basename(values.model), await readModelFiles(values.model));
const index = await buildKnowledgeIndex(linkTicketsToArticles(articles, tickets), encoder ? { encoder } : {});
await mkdir(dirname(values.out), { recursive: true });
const json = JSON.stringify(index);
await writeFile(values.out, json + '\n');
console.log(
  `knowledge index ${index.version}: ${articles.length} articles, ${tickets.length} tickets, ` +
    `${index.vectors ? `vectors (${index.vectors.model})` : 'lexical only'}, ${(json.length / 1024).toFixed(0)} KB → ${values.out}`,
);
