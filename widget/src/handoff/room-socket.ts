import PartySocket from 'partysocket';

/**
 * Reconnect limits, set on purpose: a first retry soon enough that a blip
 * goes unnoticed, backoff to 10 s so a relay outage is not hammered by every
 * open tab, and a cap after which the visitor is told plainly (the bot keeps
 * answering and "Talk to a person" starts a fresh attempt).
 */
export interface ReconnectLimits {
  minReconnectionDelay: number;
  maxReconnectionDelay: number;
  reconnectionDelayGrowFactor: number;
  connectionTimeout: number;
  maxRetries: number;
  maxEnqueuedMessages: number;
}

export const RECONNECT_LIMITS: ReconnectLimits = {
  minReconnectionDelay: 250,
  maxReconnectionDelay: 10_000,
  reconnectionDelayGrowFactor: 1.6,
  connectionTimeout: 5_000,
  maxRetries: 60,
  /** Room messages are resent by their owners after a reconnect, so partysocket's own buffer stays empty. */
  maxEnqueuedMessages: 0,
};

export interface RoomSocketOptions {
  /** The relay's base URL, e.g. `https://relay.example.com`. */
  relay: string;
  party: string;
  room: string;
  /** A valid token; called on every (re)connect so an expired one is never reused. */
  token: () => Promise<string>;
  limits?: Partial<ReconnectLimits>;
  /** Node has no global WebSocket: pass the `ws` package's. */
  WebSocket?: unknown;
}

/**
 * A reconnecting socket to one relay room. Every connection gets a new
 * connection id: a room that has not yet noticed the old socket is gone would
 * otherwise drop the new one from its list when the old one finally closes,
 * and broadcasts would stop reaching it.
 */
export class RoomSocket extends PartySocket {
  constructor(options: RoomSocketOptions) {
    const url = new URL(options.relay);
    super({
      host: url.host,
      protocol: url.protocol === 'https:' ? 'wss' : 'ws',
      party: options.party,
      room: options.room,
      query: async () => ({ token: await options.token() }),
      ...RECONNECT_LIMITS,
      ...options.limits,
      ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
    });
    // Runs before partysocket's delayed reconnect reads the URL again.
    this.addEventListener('close', () => this.updateProperties({}));
  }

  override reconnect(code?: number, reason?: string): void {
    this.updateProperties({});
    super.reconnect(code, reason);
  }
}
