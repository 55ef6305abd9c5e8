import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import type { KnowledgeDocument } from './knowledge-document.js';
import { redactPii } from '../../../widget/src/understanding/redaction.js';

/** One resolved ticket as exported from a helpdesk, one JSON object per line. */
const TicketLine = v.object({
  id: v.union([v.string(), v.number()]),
  subject: v.string(),
  /** What the customer asked, in their words. */
  question: v.string(),
  /** How an agent resolved it. */
  resolution: v.string(),
  /** The help article the agent relied on, or null when none applies. */
  articleId: v.optional(v.nullable(v.string())),
  product: v.optional(v.string(), 'general'),
  locale: v.optional(v.string(), 'en'),
  resolvedAt: v.string(),
});
export type Ticket = v.InferOutput<typeof TicketLine>;

/**
 * Reads resolved tickets from JSON Lines. Fields: `id`, `subject`, `question`,
 * `resolution`, `resolvedAt` (ISO), optional `articleId` (the article the
 * answer relied on), `product`, `locale`. A bad line fails the build with its
 * line number.
 */
export async function readTickets(file: string): Promise<Ticket[]> {
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/);
  const tickets: Ticket[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const parsed = v.safeParse(TicketLine, json);
    if (!parsed.success) {
      const issue = parsed.issues[0]!;
      throw new Error(`${file}:${i + 1}: ${v.getDotPath(issue) ?? 'line'}: ${issue.message}`);
    }
    tickets.push(parsed.output);
  });
  return tickets;
}

/**
 * Tickets become documents of their own (question and resolution, with PII
 * redacted: tickets are customer conversations) and also lend their
 * questions to the article that resolved them, so an article is found by the
 * words customers really use, not only the words its author chose.
 */
export function linkTicketsToArticles(articles: KnowledgeDocument[], tickets: Ticket[]): KnowledgeDocument[] {
  const byId = new Map(articles.map((a) => [a.id, { ...a }]));
  const ticketDocs: KnowledgeDocument[] = tickets.map((t) => {
    const locale = t.locale;
    const question = redactPii(t.question, locale).redacted;
    const resolution = redactPii(t.resolution, locale).redacted;
    const article = t.articleId ? byId.get(t.articleId) : undefined;
    if (article) article.askedAs = article.askedAs ? `${article.askedAs}\n${question}` : question;
    return {
      id: `ticket-${t.id}`,
      source: 'ticket',
      title: redactPii(t.subject, locale).redacted,
      url: article?.url ?? '',
      product: t.product,
      locale,
      updated: t.resolvedAt.slice(0, 10),
      text: `${question}\n${resolution}`,
    };
  });
  return [...byId.values(), ...ticketDocs];
}
