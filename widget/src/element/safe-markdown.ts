import snarkdown from 'snarkdown';

const allowedTags = new Set(['A', 'P', 'BR', 'STRONG', 'B', 'EM', 'I', 'DEL', 'S', 'UL', 'OL', 'LI', 'CODE', 'PRE', 'BLOCKQUOTE', 'HR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const allowedLink = /^(?:https?:|mailto:|tel:|\/|#|\.)/i;

/**
 * Bot and agent text as HTML that is safe to insert: Markdown (links, lists,
 * emphasis, code) through snarkdown. Raw HTML in the source shows as text:
 * `<` and `&` are escaped first, so every tag comes from snarkdown's own
 * templates. Its output is then parsed inert (a `<template>`: nothing runs or
 * loads) and rebuilt from an allow-list, never copied: allowed elements with
 * no attributes but a checked `href` (http(s), mailto, tel or same-site) on
 * links; everything else (images, attributes smuggled through a
 * link's URL) is dropped, keeping only its text. Replaces DOMPurify
 * because the input can only ever hold snarkdown's handful of tags.
 */
export function renderSafeMarkdown(source: string): string {
  if (typeof document === 'undefined') throw new Error('renderSafeMarkdown needs a DOM');
  const escaped = source.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parsed = document.createElement('template');
  parsed.innerHTML = snarkdown(escaped);
  const out = document.createElement('div');
  // Iterative, so a deeply nested message cannot exhaust the stack.
  const work: [Node, Node][] = [[parsed.content, out]];
  for (let step = work.pop(); step; step = work.pop()) {
    const [from, to] = step;
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) to.appendChild(document.createTextNode(node.nodeValue ?? ''));
      else if (node.nodeType === Node.ELEMENT_NODE) to.appendChild(rebuilt(node as Element, work));
    }
  }
  return out.innerHTML;
}

/** A clean copy of an allowed element (its children queued for copying), or the text of any other. */
function rebuilt(element: Element, work: [Node, Node][]): Node {
  if (!allowedTags.has(element.tagName)) return document.createTextNode(element.textContent ?? '');
  const clean = document.createElement(element.tagName.toLowerCase());
  if (element.tagName === 'A') {
    const href = element.getAttribute('href');
    if (href && allowedLink.test(href)) {
      clean.setAttribute('href', href);
      clean.setAttribute('target', '_blank');
      clean.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  }
  work.push([element, clean]);
  return clean;
}

/** A link target safe for an `href`: http(s), mailto, tel or same-site; anything else gives undefined. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url, location.href);
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
