/** One searchable thing: a help article or a resolved ticket, as plain text. */
export interface KnowledgeDocument {
  /** Stable id: the article's front-matter id, or `ticket-<id>`. */
  id: string;
  source: 'article' | 'ticket';
  title: string;
  /** Where a visitor can read it; for a ticket, the article that resolved it (may be empty). */
  url: string;
  /** Product or area it belongs to (`general` when it applies to everything). */
  product: string;
  /** BCP 47 language tag, e.g. `en`, `en-GB`, `fr`. */
  locale: string;
  /** ISO date of the last edit or of the resolution. */
  updated: string;
  /** Plain text (Markdown stripped) the snippet and offline answers are cut from. */
  text: string;
  /**
   * Other ways customers asked for this document, e.g. the questions of
   * resolved tickets that cite an article. Indexed with a low weight, never shown.
   */
  askedAs?: string;
}
