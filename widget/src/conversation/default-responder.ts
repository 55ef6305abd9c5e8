import { OfflineAcknowledger } from './offline-acknowledger.js';
import type { Responder } from './responder.js';

/** What a responder may need to know about the site it answers for. */
export interface ResponderSettings {
  site: string;
  /** The relay's base URL, empty when the site runs without one. */
  relay: string;
  locale: string;
  product: string;
}

/** The responder a widget uses unless the page sets `widget.responder`. Loaded with the panel, never before. */
export function createDefaultResponder(_settings: ResponderSettings): Responder {
  return new OfflineAcknowledger();
}
