import { REFUSAL_TEXT, refusalReasonOf, type RefusalReason } from '../../../shared/live/relay-refusal';

/**
 * How the relay tells a client why it closed the socket. A browser or `ws` client cannot always
 * read the body of a refused upgrade, so the relay never refuses an upgrade with an HTTP status:
 * it accepts the upgrade and closes at once with a code and a reason, which the provider surfaces
 * in its `close` event (`event.code`, `event.reason`).
 *
 * - 4401 refused: the reason is exactly `REFUSAL_TEXT[reason]` (shared/live/relay-refusal.ts), so
 *   the client maps it back with `refusalReasonOf` and shows the text ("invitation expired").
 * - 4403 a document this member may not open: `REFUSAL_TEXT['forbidden-document']`. The relay
 *   itself no longer closes a socket for that: it refuses that document alone (PermissionDenied
 *   with the same text) and keeps the socket; a client still reads a 4403 from an older relay.
 * - 4400 a frame the relay will not pass on (undecodable, a type clients do not send, a second
 *   authentication of a document, too many frames before authentication, an edit the workspace's
 *   rules refuse: then the reason starts with "refused: "). Nothing of it was applied or stored.
 * - 4413 a frame larger than the relay's limit.
 * Every reason fits the 123 bytes a close frame may carry.
 */

/** Refused: the token, invitation or roster does not let this key in (or no longer does). */
export const CLOSE_REFUSED = 4401;
/** A document this member may not open (another delegation's private notes). */
export const CLOSE_FORBIDDEN = 4403;
/** A frame the relay will not pass on; nothing of it was applied or stored. */
export const CLOSE_MALFORMED = 4400;
/** A frame larger than the relay's limit (`maxFrameBytes`). */
export const CLOSE_TOO_BIG = 4413;

/** The WebSocket protocol's limit on a close reason, in UTF-8 bytes. */
const MAX_REASON_BYTES = 123;

/** `text` cut to the 123 bytes a close frame may carry (never mid-character). */
export function fitCloseReason(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= MAX_REASON_BYTES) return text;
  let cut = MAX_REASON_BYTES;
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--; // back off a continuation byte
  return bytes.subarray(0, cut).toString('utf8');
}

/** The close code and reason of a refusal. */
export function refusalClose(reason: RefusalReason): { code: number; reason: string } {
  return { code: reason === 'forbidden-document' ? CLOSE_FORBIDDEN : CLOSE_REFUSED, reason: fitCloseReason(REFUSAL_TEXT[reason]) };
}

/** What a client learns from a relay's close: its stable reason and the words to show. */
export interface RelayClose {
  code: number;
  /** A RefusalReason for 4401/4403 (`not-admitted` if the text is not one we know), `malformed` for 4400, `too-big` for 4413. */
  reason: string;
  /** For the user, e.g. "invitation expired". */
  message: string;
}

/**
 * Reads a close event from the relay. Codes outside 4400–4499 are not the relay's verdict (a
 * network drop, a restart): `transient`, the client should reconnect. A 4401/4403 is final until
 * something changes (a new invitation, the roster); after a 4400/4413 the client sent something
 * the relay will not accept, so retrying the same will not help either.
 */
export function readRelayClose(code: number, reasonText: string): { kind: 'transient' } | { kind: 'refused'; close: RelayClose } {
  if (code < 4400 || code > 4499) return { kind: 'transient' };
  if (code === CLOSE_MALFORMED) return { kind: 'refused', close: { code, reason: 'malformed', message: reasonText || 'the relay could not accept what was sent' } };
  if (code === CLOSE_TOO_BIG) return { kind: 'refused', close: { code, reason: 'too-big', message: reasonText || 'an edit was too large for the relay' } };
  const reason = refusalReasonOf(reasonText) ?? (code === CLOSE_FORBIDDEN ? 'forbidden-document' : 'not-admitted');
  return { kind: 'refused', close: { code, reason, message: reasonText || REFUSAL_TEXT[reason] } };
}

/**
 * What an extension throws to make Hocuspocus answer a document's authentication with
 * PermissionDenied carrying the refusal's text (the socket wrapper then closes the socket with
 * {@link refusalClose}). Its message is empty on purpose: Hocuspocus prints the message of every
 * error a hook throws, and the relay has already logged the refusal in one line.
 */
export class HocuspocusRejection extends Error {
  /** What Hocuspocus puts in the PermissionDenied message. */
  readonly reason: string;
  constructor(readonly refusal: RefusalReason) {
    super('');
    this.reason = REFUSAL_TEXT[refusal];
  }
}
