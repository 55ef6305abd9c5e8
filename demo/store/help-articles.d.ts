/** Help articles from `demo/content/articles/*.md`, read by the demo's Vite plugin. */
declare module 'virtual:help-articles' {
  export interface HelpArticle {
    id: string;
    title: string;
    url: string;
    product: string;
    locale: string;
    updated: string;
    /** The article body as Markdown, title heading removed. */
    markdown: string;
  }
  const articles: HelpArticle[];
  export default articles;
}
