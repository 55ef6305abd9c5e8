/**
 * The demo store's help centre: the articles in `demo/content/articles/`
 * listed by product with a filter box, and each one at its own URL
 * (`/help/<id>`), which is where the widget's citations link.
 */
import articles, { type HelpArticle } from 'virtual:help-articles';
import { renderSafeMarkdown } from '../../widget/src/element/safe-markdown.js';

const productNames: Record<string, string> = {
  general: 'Orders, delivery and returns',
  apparel: 'Clothing',
  footwear: 'Footwear',
  camping: 'Tents and camping',
  packs: 'Packs',
  'gift-cards': 'Gift cards',
  'trail-club': 'Trail Club',
};

const main = document.querySelector<HTMLElement>('#help-centre')!;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  return node;
}

function link(article: HelpArticle): HTMLLIElement {
  const item = element('li');
  const a = element('a', article.title);
  a.href = article.url;
  item.append(a);
  return item;
}

function renderIndex(): void {
  const heading = element('h1', 'Help centre');
  const intro = element('p', 'Answers from the Northwind team. The chat in the corner reads these same articles.');
  const label = element('label', 'Search the help centre');
  label.htmlFor = 'help-filter';
  const filter = element('input');
  Object.assign(filter, { id: 'help-filter', type: 'search', className: 'help-search', placeholder: 'e.g. returns, tent poles, gift card' });
  const groups = element('div');
  groups.className = 'help-groups';
  const english = articles.filter((a) => a.locale === 'en');
  const draw = () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = english.filter((a) => words.every((w) => `${a.title} ${a.markdown}`.toLowerCase().includes(w)));
    groups.replaceChildren();
    for (const [product, name] of Object.entries(productNames)) {
      const inGroup = shown.filter((a) => a.product === product);
      if (!inGroup.length) continue;
      const section = element('section');
      const list = element('ul');
      list.append(...inGroup.map(link));
      section.append(element('h2', name), list);
      groups.append(section);
    }
    if (!shown.length) groups.append(element('p', 'No article matches. Try fewer words, or ask in the chat.'));
  };
  filter.addEventListener('input', draw);
  draw();
  const translated = articles.filter((a) => a.locale !== 'en');
  const others = element('section');
  if (translated.length) {
    const list = element('ul');
    list.append(...translated.map(link));
    others.append(element('h2', 'En español · En français'), list);
  }
  main.replaceChildren(heading, intro, label, element('br'), filter, groups, others);
}

function renderArticle(article: HelpArticle): void {
  document.title = `${article.title} | Northwind Outfitters`;
  const wrapper = element('article');
  wrapper.className = 'article';
  wrapper.lang = article.locale;
  const back = element('a', '← Help centre');
  back.href = '/help.html';
  const meta = element('p', `Updated ${article.updated}`);
  meta.className = 'article-meta';
  const body = element('div');
  body.innerHTML = renderSafeMarkdown(article.markdown);
  wrapper.append(back, element('h1', article.title), meta, body);
  main.replaceChildren(wrapper);
}

const path = location.pathname.replace(/\/$/, '');
const current = articles.find((a) => a.url === path);
if (current) renderArticle(current);
else if (path.startsWith('/help/')) {
  main.replaceChildren(element('h1', 'Article not found'), element('p', 'It may have moved.'));
  const back = element('a', 'Browse the help centre');
  back.href = '/help.html';
  main.append(back);
} else renderIndex();
