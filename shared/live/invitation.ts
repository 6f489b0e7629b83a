import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import { ChanceryError } from '../errors';
import { recordId } from '../positions/canonical';
import type { Invitation, UnsignedInvitation } from '../positions/model';
import { formatProblem, invitationSchema } from '../positions/record-schema';
import { canonicalJson, fromBase64Url, signedBytes, toBase64Url, unsignedOf, verifySignature, type Ed25519, type Signer } from '../positions/signing';

/**
 * Invitations as people pass them around: a line of text (`chancery-invitation:` + base64url of
 * the canonical JSON) that survives mail and chat, signed by whoever may admit the role it offers.
 * The types live with the roster model (a claim entry carries one); they are re-exported here.
 */

export type { Invitation, InvitationRole, UnsignedInvitation } from '../positions/model';

/** How an invitation's text begins; anything else is not one. */
export const INVITATION_PREFIX = 'chancery-invitation:';

/** Longest invitation text accepted (a real one is about 1 KB); bounds the work a paste can cause. */
export const MAX_INVITATION_TEXT = 16 * 1024;

/** The crypto global every runtime Chancery runs in (Node, Electron, browsers) provides. */
interface WebCrypto {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/**
 * 16 random bytes, base64url: the nonce of an invitation or a relay proof, so no two are ever the
 * same record even with equal fields and times.
 */
export function randomNonce(): string {
  const webCrypto = (globalThis as unknown as { crypto?: WebCrypto }).crypto;
  if (!webCrypto) throw new ChanceryError('INTERNAL', 'This runtime has no secure random source, so no invitation or sign-in can be made.');
  return toBase64Url(webCrypto.getRandomValues(new Uint8Array(16)));
}

const AGAIN = 'Ask the sender for a new invitation.';

/**
 * Signs an invitation with the issuer's key (`issuer` is the signer's public key). `at` defaults
 * to now and `nonce` to a fresh random one. Throws INVALID_ARGUMENT for fields no invitation may
 * have (a relay that is not ws:// or wss://, an expiry not after `at`, a party for an observer…),
 * so a bad invitation is refused where it is made, not where it is pasted.
 */
export function signInvitation(
  fields: Omit<UnsignedInvitation, 'v' | 'kind' | 'issuer' | 'nonce' | 'at'> & { at?: string; nonce?: string },
  signer: Signer,
): Invitation {
  const unsigned: UnsignedInvitation = {
    v: 1,
    kind: 'invitation',
    workspaceId: fields.workspaceId,
    workspaceTitle: fields.workspaceTitle,
    relay: fields.relay,
    party: fields.party,
    role: fields.role,
    expires: fields.expires,
    at: fields.at ?? new Date().toISOString(),
    issuer: signer.publicKey,
    nonce: fields.nonce ?? randomNonce(),
  };
  const invitation: Invitation = { ...unsigned, signature: toBase64Url(signer.sign(signedBytes(unsigned))) };
  const checked = invitationSchema.safeParse(invitation);
  if (!checked.success) throw new ChanceryError('INVALID_ARGUMENT', formatProblem('This invitation', checked.error, invitation));
  return invitation;
}

/** The text form to send: {@link INVITATION_PREFIX} + base64url(UTF-8 of the canonical JSON). */
export function encodeInvitation(inv: Invitation): string {
  return INVITATION_PREFIX + toBase64Url(encodeUtf8(canonicalJson(inv)));
}

function damaged(why: string): never {
  throw new ChanceryError('INVALID_INVITATION', `This invitation text is damaged (${why}); it may have been cut short or changed when it was copied. ${AGAIN}`);
}

/**
 * Reads an invitation text as pasted: whitespace and line breaks anywhere in it are dropped (mail
 * wraps long lines), then the prefix, base64url, JSON and every field are checked. Throws
 * INVALID_INVITATION saying what is wrong. It does not check the signature or the expiry (see
 * {@link checkInvitation}): the text alone says nothing about the time or the keys.
 */
export function parseInvitation(text: string): Invitation {
  if (typeof text !== 'string') throw new ChanceryError('INVALID_INVITATION', `An invitation is text, not ${typeof text}. ${AGAIN}`);
  if (text.length > MAX_INVITATION_TEXT) {
    throw new ChanceryError('INVALID_INVITATION', `This text is ${text.length} characters long, far more than an invitation (at most ${MAX_INVITATION_TEXT}); paste only the part starting with "${INVITATION_PREFIX}".`);
  }
  const compact = text.replace(/\s+/gu, '');
  if (compact === '') throw new ChanceryError('INVALID_INVITATION', `No invitation was given: paste the text starting with "${INVITATION_PREFIX}".`);
  if (!compact.startsWith(INVITATION_PREFIX)) {
    throw new ChanceryError('INVALID_INVITATION', `${JSON.stringify(compact.slice(0, 40))} is not a Chancery invitation: it should start with "${INVITATION_PREFIX}". ${AGAIN}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(compact.slice(INVITATION_PREFIX.length));
  } catch {
    damaged(`it is incomplete, or has characters that do not belong after "${INVITATION_PREFIX}"`);
  }
  let value: unknown;
  try {
    value = JSON.parse(decodeUtf8(bytes));
  } catch {
    damaged('its content cannot be read');
  }
  const result = invitationSchema.safeParse(value);
  if (!result.success) throw new ChanceryError('INVALID_INVITATION', `${formatProblem('This invitation', result.error, value)} ${AGAIN}`);
  return result.data as Invitation;
}

/** The invitation's id ({@link recordId} of the whole signed invitation): how the roster tells its claims apart. */
export function invitationId(inv: Invitation): string {
  return recordId(inv);
}

/** True iff the invitation was signed by its `issuer` and not altered since; never throws. */
export function verifyInvitationSignature(inv: Invitation, ed: Ed25519): boolean {
  return verifySignature(ed, inv.issuer, unsignedOf(inv), inv.signature);
}

/**
 * What a joiner's app checks before connecting: the signature (INVALID_INVITATION when it fails)
 * and the expiry at `now` (INVITATION_EXPIRED). Whether the issuer was entitled to invite is for
 * the roster to say (`ResolvedRoster.authorisedIssuer`), which the joiner does not have yet.
 */
export function checkInvitation(inv: Invitation, ed: Ed25519, now: Date): void {
  if (!verifyInvitationSignature(inv, ed)) {
    throw new ChanceryError('INVALID_INVITATION', `This invitation to "${inv.workspaceTitle.slice(0, 80)}" does not verify: it was changed after it was signed. ${AGAIN}`);
  }
  if (now.toISOString() > inv.expires) {
    throw new ChanceryError('INVITATION_EXPIRED', `This invitation to "${inv.workspaceTitle.slice(0, 80)}" expired on ${inv.expires.slice(0, 10)} ${inv.expires.slice(11, 16)} UTC. ${AGAIN}`);
  }
}
