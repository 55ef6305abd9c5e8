/**
 * A synthetic but plausible 10,000-document knowledge base for the relay
 * benchmarks, grown from the demo store's real articles and tickets: the
 * same policies restated for hundreds of products, and tickets re-asked
 * about those products with fresh order numbers and dates. Seeded, so every
 * run indexes the same corpus. The demo index itself stays small.
 */
import type { KnowledgeDocument } from '../relay/src/knowledge/knowledge-document.js';

const LINES = ['Ridge', 'Summit', 'Tarn', 'Fell', 'Scree', 'Cairn', 'Corrie', 'Bothy', 'Moraine', 'Col', 'Bealach', 'Arete'];
const KINDS: [string, string][] = [
  ['tent', 'camping'],
  ['sleeping bag', 'camping'],
  ['stove', 'camping'],
  ['rain jacket', 'apparel'],
  ['fleece', 'apparel'],
  ['walking trousers', 'apparel'],
  ['hiking boot', 'footwear'],
  ['trail shoe', 'footwear'],
  ['daypack', 'packs'],
  ['trekking pack', 'packs'],
];
const VARIANTS = ['', ' 2', ' 3', ' Lite', ' Pro', ' GTX', ' Women’s', ' Junior'];
const ISSUES = [
  'The zip on my {p} broke after two trips.',
  'Can I get a spare part for the {p}?',
  'The {p} I ordered is the wrong size, can I swap it?',
  'My {p} arrived with a tear in it.',
  'Is the {p} still covered by warranty after a year?',
  'How do I wash the {p} without ruining it?',
  'When will the {p} be back in stock?',
  'I was charged twice for the {p}.',
];

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `demo` plus synthetic documents up to `total`, roughly 30% articles and 70% tickets. */
export function syntheticCorpus(demo: KnowledgeDocument[], total = 10_000, seed = 42): KnowledgeDocument[] {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const articles = demo.filter((d) => d.source === 'article' && d.locale === 'en');
  const tickets = demo.filter((d) => d.source === 'ticket' && d.locale === 'en');
  const out = [...demo];
  for (let n = 0; out.length < total; n++) {
    const [kind, product] = pick(KINDS);
    const name = `${pick(LINES)}${pick(VARIANTS)} ${kind}`;
    if (rand() < 0.3) {
      const base = pick(articles);
      const sentences = base.text.split('\n').filter(() => rand() < 0.7);
      out.push({
        ...base,
        id: `synthetic-article-${n}`,
        title: `${name}: ${base.title}`,
        url: `/help/products/${name.toLowerCase().replace(/\W+/g, '-')}/${base.id}`,
        product,
        text: [`This applies to the ${name}.`, ...sentences, `Questions about the ${name}? Contact us.`].join('\n'),
      });
    } else {
      const base = pick(tickets);
      const order = `NW-${String(1_000_000 + Math.floor(rand() * 8_999_999))}`;
      const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
      out.push({
        ...base,
        id: `synthetic-ticket-${n}`,
        title: `${base.title} (${name})`,
        product,
        updated: `2026-${pick(['06', '07', '08', '09', '10', '11'])}-${day}`,
        text: `${pick(ISSUES).replace('{p}', name)} Order ${order}.\n${base.text}`,
      });
    }
  }
  return out;
}
