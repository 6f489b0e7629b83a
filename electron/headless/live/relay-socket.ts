import WebSocket from 'ws';
import { RELAY_TOKEN_HEADER } from '../../../shared/live/relay-token';

/**
 * The WebSocket the provider opens to the relay, in Node (`ws`): every (re)connection presents a
 * fresh token in the upgrade header (a relay refuses a nonce it has seen, so a token is never
 * reused), and frames above the relay's own limit are refused here too instead of being buffered.
 */

/** The largest frame accepted from the relay: the relay's default limit on what it accepts. */
export const DEFAULT_MAX_FRAME_BYTES = 8 * 1024 * 1024;

/** How long an opening handshake may take before the attempt counts as failed (and is retried). */
const HANDSHAKE_TIMEOUT_MS = 10_000;

/** What the socket tells its owner besides what the provider hears. */
export interface SocketEvents {
  /** A fresh token for this connection. */
  token(): string;
  /** The socket opened (the ws object, so its owner can wait for it to close). */
  opened?(socket: WebSocket): void;
}

/** A `ws` WebSocket class for the provider's `WebSocketPolyfill`, bound to `events`. */
export function relaySocketClass(events: SocketEvents, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES): new (url: string) => WebSocket {
  return class RelaySocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { [RELAY_TOKEN_HEADER]: events.token() }, maxPayload: maxFrameBytes, handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
      this.on('open', () => events.opened?.(this));
      // The provider listens for errors itself, and drops its listeners before closing a socket
      // that is still connecting; ws then reports one more error, which must not go unhandled.
      this.on('error', () => undefined);
    }
  };
}
