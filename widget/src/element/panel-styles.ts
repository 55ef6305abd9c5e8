import { css } from 'lit';

/** The open panel's look; loaded with the panel, after the launcher. */
export const panelStyles = css`
  /*
   * Anchored to the launcher's corner in the host's direction (the page's), not in the panel's own
   * (the widget's language): an Arabic panel on an English page still opens from the launcher.
   */
  .panel {
    position: absolute;
    inset-block-end: 0;
    right: 0;
    display: flex;
    flex-direction: column;
    inline-size: min(380px, calc(100vw - 40px));
    block-size: min(620px, calc(100vh - 40px));
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.28);
    overflow: hidden;
    animation: rise 0.18s ease-out;
  }
  :host(:dir(rtl)) .panel,
  :host([position='bottom-left']:dir(ltr)) .panel {
    right: auto;
    left: 0;
  }
  :host([position='bottom-left']:dir(rtl)) .panel {
    right: 0;
    left: auto;
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  @media (max-width: 479.98px) {
    .panel {
      position: fixed;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      border: 0;
      border-radius: 0;
    }
  }
  .header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 10px 12px 10px 16px;
    border-block-end: 1px solid var(--_border);
  }
  .header h2 {
    flex: 1;
    margin: 0;
    font-size: 1.05rem;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  .text-button {
    border: 0;
    background: none;
    color: var(--_muted);
    font-size: 0.82rem;
    text-decoration: underline;
    padding: 4px;
  }
  .icon-button {
    display: grid;
    place-items: center;
    inline-size: 36px;
    block-size: 36px;
    border: 0;
    border-radius: 50%;
    background: none;
    color: var(--_text);
  }
  .icon-button:hover {
    background: var(--_bubble);
  }
  .confirm,
  .notice {
    margin: 0;
    padding: 8px 16px;
    font-size: 0.85rem;
    background: var(--_bubble);
    border-block-end: 1px solid var(--_border);
  }
  .confirm p {
    margin: 0 0 6px;
  }
  .confirm button,
  .feedback button,
  .chip {
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_text);
    padding: 3px 12px;
    margin-inline-end: 6px;
  }
  .confirm .danger {
    background: #b42318;
    border-color: #b42318;
    color: #ffffff;
  }
  .log {
    flex: 1;
    overflow-y: auto;
    padding: 12px 14px;
    display: flex;
    flex-direction: column;
    gap: 10px;
    overscroll-behavior: contain;
  }
  .message {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    max-inline-size: 85%;
  }
  .message.visitor {
    align-self: flex-end;
    align-items: flex-end;
  }
  .message.system {
    align-self: center;
    align-items: center;
    max-inline-size: 95%;
  }
  .bubble {
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_bubble);
    overflow-wrap: anywhere;
  }
  .visitor .bubble {
    background: var(--_accent);
    color: var(--_on-accent);
    white-space: pre-wrap;
  }
  .system .bubble {
    background: none;
    border: 1px dashed var(--_border);
    font-size: 0.88rem;
  }
  .bubble > :first-child {
    margin-block-start: 0;
  }
  .bubble > :last-child {
    margin-block-end: 0;
  }
  .bubble a,
  .citations a {
    color: var(--_accent);
  }
  .bubble ul,
  .bubble ol {
    padding-inline-start: 1.2em;
  }
  .author {
    font-size: 0.78rem;
    font-weight: 600;
    color: var(--_muted);
    margin-block-end: 2px;
  }
  .meta {
    display: flex;
    align-items: center;
    gap: 8px;
    flex-wrap: wrap;
    font-size: 0.75rem;
    color: var(--_muted);
    margin-block-start: 3px;
  }
  .badge {
    border: 1px solid var(--_border);
    border-radius: 6px;
    padding: 0 6px;
  }
  .status.failed {
    color: var(--_danger);
  }
  .citations {
    list-style: none;
    margin: 4px 0 0;
    padding: 0;
    font-size: 0.82rem;
  }
  .citations li::before {
    content: '↗ ';
    color: var(--_muted);
  }
  .feedback,
  .feedback-thanks {
    font-size: 0.82rem;
    margin: 4px 0 0;
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .typing {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    padding: 0 16px 6px;
    font-size: 0.82rem;
    color: var(--_muted);
  }
  .dots {
    display: inline-flex;
    gap: 3px;
  }
  .dots i {
    inline-size: 6px;
    block-size: 6px;
    border-radius: 50%;
    background: currentColor;
    animation: blink 1.2s infinite both;
  }
  .dots i:nth-child(2) {
    animation-delay: 0.2s;
  }
  .dots i:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes blink {
    50% {
      opacity: 0.25;
    }
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    padding: 0 14px 8px;
  }
  .handoff-status:empty {
    display: none;
  }
  .handoff-status {
    padding: 8px 14px;
    border-block-start: 1px solid var(--_border);
    font-size: 0.88rem;
  }
  .handoff-status > p {
    margin: 0;
  }
  .composer {
    border-block-start: 1px solid var(--_border);
    padding: 10px 12px 12px;
  }
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    resize: none;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 10px;
    padding: 8px 10px;
    /* Grows with what the visitor writes, up to a few lines, where supported. */
    field-sizing: content;
    min-block-size: 3.2em;
    max-block-size: 9em;
  }
  textarea::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  .error {
    margin: 4px 0 0;
    font-size: 0.82rem;
    color: var(--_danger);
  }
  .actions {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    margin-block-start: 8px;
  }
  .person {
    border: 1px solid var(--_accent);
    background: none;
    color: var(--_accent);
    border-radius: 10px;
    padding: 6px 12px;
  }
  .send {
    border: 0;
    background: var(--_accent);
    color: var(--_on-accent);
    border-radius: 10px;
    padding: 6px 18px;
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
