import createDOMPurify from 'dompurify';
import snarkdown from 'snarkdown';

const allowedTags = ['a', 'p', 'br', 'strong', 'b', 'em', 'i', 'del', 's', 'ul', 'ol', 'li', 'code', 'pre', 'blockquote', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

// Our own instance, so the hook below never touches a DOMPurify the host page uses.
const purifier = typeof window === 'undefined' ? undefined : createDOMPurify(window);
purifier?.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

/**
 * Bot and agent text as HTML that is safe to insert: Markdown (links, lists,
 * emphasis, code) through snarkdown, then DOMPurify with a short allow-list.
 * Raw HTML in the source shows as text; links are http(s), mailto or tel only.
 */
export function renderSafeMarkdown(source: string): string {
  if (!purifier) throw new Error('renderSafeMarkdown needs a DOM');
  const escaped = source.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return purifier.sanitize(snarkdown(escaped), {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: ['href', 'title'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|\/|#|\.)/i,
  });
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
