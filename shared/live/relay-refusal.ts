import { ChanceryError } from '../errors';

/**
 * Why a relay turns a connection or a document away. Stable words: the relay sends the text on the
 * wire (close code 4401), the sync client maps it back to the reason, and the app shows the text.
 */
export const REFUSAL_REASONS = [
  'malformed',
  'bad-proof',
  'stale-proof',
  'replayed',
  'wrong-workspace',
  'invitation-expired',
  'invitation-forged',
  'invitation-used',
  'not-admitted',
  'removed',
  'not-pinned',
  'forbidden-document',
  'read-only',
] as const;

/** One of {@link REFUSAL_REASONS}. */
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * What the app shows for each refusal: what happened and what to do. Each fits a WebSocket close
 * reason (at most 123 bytes of UTF-8), so the relay can send it as is.
 */
export const REFUSAL_TEXT: Record<RefusalReason, string> = {
  malformed: 'the relay could not read this sign-in — update Chancery and reconnect',
  'bad-proof': 'this sign-in does not match its key — reconnect',
  'stale-proof': "this computer's clock is more than 5 minutes off — correct it and reconnect",
  replayed: 'this sign-in was already used (replay) — reconnect',
  'wrong-workspace': 'this sign-in or invitation is for another workspace',
  'invitation-expired': 'invitation expired — ask for a new one',
  'invitation-forged': 'invitation not valid (changed, or not from someone who may invite) — ask for a new one',
  'invitation-used': 'invitation already used by someone else — ask for a new one',
  'not-admitted': 'not admitted to this workspace',
  removed: 'removed from this workspace',
  'not-pinned': 'this relay does not know this workspace yet — its convener must connect first',
  'forbidden-document': 'no access to this document',
  'read-only': 'observers may read this workspace but not change it',
};

/**
 * The reason whose {@link REFUSAL_TEXT} `text` is (a close reason from the relay), or null for a
 * text that is not one of them (an older or foreign relay): the client then shows the text as is.
 */
export function refusalReasonOf(text: string): RefusalReason | null {
  return REFUSAL_REASONS.find((r) => REFUSAL_TEXT[r] === text) ?? null;
}

/**
 * A refusal by the relay, as a typed error (code RELAY_REFUSED) with its stable `reason`; the
 * message is the text the app shows, with the detail that explains this case.
 */
export class RelayRefusal extends ChanceryError {
  constructor(
    readonly reason: RefusalReason,
    detail?: string,
  ) {
    super('RELAY_REFUSED', detail === undefined || detail === '' ? REFUSAL_TEXT[reason] : `${REFUSAL_TEXT[reason]} (${detail})`);
  }
}

/** True when `err` is a {@link RelayRefusal} (optionally for `reason`); narrows for the caller. */
export function isRelayRefusal(err: unknown, reason?: RefusalReason): err is RelayRefusal {
  return err instanceof RelayRefusal && (reason === undefined || err.reason === reason);
}
