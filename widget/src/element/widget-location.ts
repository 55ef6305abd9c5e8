/**
 * The folder the widget's script is served from (`/support-widget.js` in dev,
 * wherever `dist/` is hosted in production). Its chunks, workers, service
 * worker and shipped model all sit beside it.
 */
export function widgetFolderUrl(): string {
  const script = document.querySelector<HTMLScriptElement>('script[src*="support-widget"]');
  return new URL('./', script?.src ?? location.href).href;
}
