import { z } from 'zod';
import type { Invitation, RosterEntry } from '../positions/model';
import { atSchema, formatProblem, idSchema, invitationSchema, keySchema, nameSchema, nonceSchema, rosterEntrySchema, signatureSchema } from '../positions/record-schema';
import { canonicalJson, signedBytes, toBase64Url, verifySignature, type Ed25519, type Signer } from '../positions/signing';
import { randomNonce } from './invitation';
import { RelayRefusal } from './relay-refusal';

/**
 * What a client shows the relay to get in: a fresh proof that it holds a member key, signed by
 * that key, plus (when joining) the invitation it holds, or (the convener's first contact) the
 * workspace's signed `convene` entry. Sent at the WebSocket upgrade and as the per-document token.
 * A proof has its own nonce and time, so a captured token is worth nothing minutes later or twice.
 */

/** A relay refuses a proof whose `at` is further than this from its own clock (either way). */
export const PROOF_WINDOW_MS = 5 * 60_000;

/** How long a relay remembers the nonces it has seen; longer than the window, so no replay fits in between. */
export const NONCE_MEMORY_MS = 10 * 60_000;

/** Longest token text a relay reads; a real one with an invitation and a convene entry is about 2 KB. */
export const MAX_TOKEN_TEXT = 16 * 1024;

/** The HTTP header carrying the token at the WebSocket upgrade (clients that cannot set one use `?token=`). */
export const RELAY_TOKEN_HEADER = 'x-chancery-token';

/** The signed part of a token: who (key, name), for which workspace, when, and a one-time nonce. */
export interface RelayProof {
  v: 1;
  kind: 'relay-proof';
  workspaceId: string;
  key: string;
  name: string;
  at: string;
  nonce: string;
}

/** A token as sent: the proof, its signature by `proof.key`, and what lets a new key in. */
export interface RelayToken {
  proof: RelayProof;
  signature: string;
  /** The invitation a joiner holds, until their claim is on the roster. */
  invitation?: Invitation;
  /** The workspace's signed convene entry: how the convener's first contact pins the workspace on a relay. */
  convene?: RosterEntry;
}

const relayProofSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('relay-proof'),
  workspaceId: idSchema,
  key: keySchema,
  name: nameSchema,
  at: atSchema,
  nonce: nonceSchema,
});

const relayTokenSchema = z.strictObject({
  proof: relayProofSchema,
  signature: signatureSchema,
  invitation: invitationSchema.optional(),
  convene: rosterEntrySchema.optional(),
});

/** JSON with every non-ASCII character escaped: still the same JSON, and safe in an HTTP header. */
function asciiJson(value: unknown): string {
  // Without the u flag the class matches UTF-16 code units, so a character outside the BMP becomes
  // its two escaped surrogates, which is how JSON spells it.
  return canonicalJson(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A fresh token for `signer`'s key: new nonce, `at` now (or as given, for tests), signed over the
 * canonical JSON of the proof. The text is ASCII JSON, so it fits a header or a query parameter
 * (URL-encoded). Make a new one for every connection and every document: a relay refuses a
 * nonce it has seen.
 */
export function makeRelayToken(signer: Signer, input: { workspaceId: string; name: string; invitation?: Invitation; convene?: RosterEntry; at?: string }): string {
  const proof: RelayProof = {
    v: 1,
    kind: 'relay-proof',
    workspaceId: input.workspaceId,
    key: signer.publicKey,
    name: input.name,
    at: input.at ?? new Date().toISOString(),
    nonce: randomNonce(),
  };
  const token: RelayToken = { proof, signature: toBase64Url(signer.sign(signedBytes(proof))) };
  if (input.invitation !== undefined) token.invitation = input.invitation;
  if (input.convene !== undefined) token.convene = input.convene;
  return asciiJson(token);
}

/**
 * Reads a token as a relay receives it. Anything but a well-formed token of at most
 * {@link MAX_TOKEN_TEXT} characters throws a {@link RelayRefusal} `malformed` naming what is wrong.
 * It checks the shape only: {@link verifyRelayProof} and `decideAccess` judge the rest.
 */
export function parseRelayToken(text: string): RelayToken {
  if (typeof text !== 'string' || text === '') throw new RelayRefusal('malformed', 'no sign-in token was sent');
  if (text.length > MAX_TOKEN_TEXT) throw new RelayRefusal('malformed', `the token is ${text.length} characters, more than ${MAX_TOKEN_TEXT}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RelayRefusal('malformed', 'the token is not JSON');
  }
  const result = relayTokenSchema.safeParse(value);
  if (!result.success) throw new RelayRefusal('malformed', formatProblem('The token', result.error, value));
  return result.data as RelayToken;
}

/** True iff the proof is signed by the key it names and unaltered; never throws. */
export function verifyRelayProof(token: RelayToken, ed: Ed25519): boolean {
  return verifySignature(ed, token.proof.key, token.proof, token.signature);
}
