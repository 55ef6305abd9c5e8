import { css } from 'lit';

const darkTokens = css`
  --_accent: var(--support-widget-accent, #8cb4ff);
  --_on-accent: var(--support-widget-on-accent, #0b1526);
  --_surface: var(--support-widget-surface, #16191e);
  --_text: var(--support-widget-text, #e8ebef);
  --_muted: var(--support-widget-muted, #a3acb7);
  --_border: var(--support-widget-border, #3a4150);
  --_bubble: var(--support-widget-bubble, #242933);
  --_focus: var(--support-widget-focus, #8cb4ff);
  --_danger: #ff9b94;
`;

/**
 * Theme tokens and the launcher: everything the first script paints. Sites
 * restyle through the `--support-widget-*` custom properties and `::part()`.
 */
export const launcherStyles = css`
  :host {
    --_accent: var(--support-widget-accent, #1f5fbf);
    --_on-accent: var(--support-widget-on-accent, #ffffff);
    --_surface: var(--support-widget-surface, #ffffff);
    --_text: var(--support-widget-text, #1b1f24);
    --_muted: var(--support-widget-muted, #57606a);
    --_border: var(--support-widget-border, #c9d1d9);
    --_bubble: var(--support-widget-bubble, #f2f4f7);
    --_focus: var(--support-widget-focus, #1f5fbf);
    --_danger: #b42318;
    --_radius: var(--support-widget-radius, 14px);
    --_font: var(--support-widget-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    position: fixed;
    inset-block-end: 20px;
    inset-inline-end: 20px;
    z-index: var(--support-widget-z-index, 2147483000);
    font-family: var(--_font);
    font-size: 15px;
    line-height: 1.45;
    color: var(--_text);
  }
  :host([position='bottom-left']) {
    inset-inline-end: auto;
    inset-inline-start: 20px;
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  .launcher {
    display: grid;
    place-items: center;
    inline-size: 56px;
    block-size: 56px;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
    cursor: pointer;
    transition: transform 0.15s ease;
  }
  .launcher:hover {
    transform: scale(1.05);
  }
  .launcher[hidden] {
    display: none;
  }
  .launcher svg {
    inline-size: 28px;
    block-size: 28px;
  }
  .unread {
    position: absolute;
    inset-block-start: -6px;
    inset-inline-end: -4px;
    min-inline-size: 20px;
    padding: 1px 6px;
    box-sizing: border-box;
    border-radius: 999px;
    background: #b42318;
    color: #ffffff;
    font-size: 12px;
    font-weight: 700;
    text-align: center;
    pointer-events: none;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
