import { encodeUtf8 } from 'lib0/string';
import canonicalize from 'canonicalize';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { ChanceryError } from '../errors';
import type { RelayProof } from '../live/relay-token';
import type { Invitation, PositionRecord, RosterEntry, UnsignedInvitation, UnsignedPosition, UnsignedRosterEntry } from './model';

/**
 * Ed25519 verification, as a port: shared/ runs in the renderer too and never imports node:crypto,
 * so main and the CLI pass in an implementation backed by node:crypto.
 */
export interface Ed25519 {
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/**
 * Whoever holds a private key (main's identity, a test key). Only main has one; shared code asks it
 * to sign bytes and never sees the key itself.
 */
export interface Signer {
  /** The raw 32-byte Ed25519 public key, base64url without padding. */
  readonly publicKey: string;
  sign(message: Uint8Array): Uint8Array;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/u;

/** Keys, signatures and record ids travel as base64url without padding (URL-, file- and JSON-safe). */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

/**
 * Decodes base64url without padding, strictly: anything else (padding, "+", "/", spaces, a length
 * no encoder produces, stray bits) throws, so one value has exactly one spelling and a record
 * cannot be re-spelled into a different id with the same meaning.
 */
export function fromBase64Url(text: string): Uint8Array {
  if (typeof text !== 'string' || !BASE64URL.test(text) || text.length % 4 === 1) {
    throw new ChanceryError('INVALID_ARGUMENT', `${JSON.stringify(String(text).slice(0, 60))} is not base64url text without padding.`);
  }
  const padded = text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bytes = fromBase64(padded);
  if (toBase64Url(bytes) !== text) {
    throw new ChanceryError('INVALID_ARGUMENT', `${JSON.stringify(text.slice(0, 60))} is not canonical base64url (stray bits at the end).`);
  }
  return bytes;
}

/** RFC 8785 canonical JSON of `value`; throws for values JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new ChanceryError('INVALID_ARGUMENT', 'A record cannot be written as JSON.');
  return text;
}

/**
 * Everything Chancery signs, without its signature: positions, roster entries, invitations and the
 * relay's proofs of possession. One list, so every signature is made over the same canonical form.
 */
export type SignedFields = UnsignedPosition | UnsignedRosterEntry | UnsignedInvitation | RelayProof;

/** What a signature covers: the UTF-8 of the canonical JSON of every field but `signature`. */
export function signedBytes(value: SignedFields): Uint8Array {
  return encodeUtf8(canonicalJson(value));
}

/**
 * True iff `signature` (base64url) is `publicKey`'s (base64url) Ed25519 signature of `unsigned`'s
 * {@link signedBytes}. Any decoding failure is false, never a throw: callers judge hostile input.
 */
export function verifySignature(ed: Ed25519, publicKey: string, unsigned: SignedFields, signature: string): boolean {
  try {
    const key = fromBase64Url(publicKey);
    const sig = fromBase64Url(signature);
    if (key.length !== 32 || sig.length !== 64) return false;
    return ed.verify(key, signedBytes(unsigned), sig) === true;
  } catch {
    return false;
  }
}

/** Drops `signature`, giving back exactly the fields the signature covers. */
export function unsignedOf<T extends { signature?: unknown }>(record: T): Omit<T, 'signature'> {
  const { signature: _signature, ...rest } = record;
  return rest;
}

/**
 * Signs a position. The signer must be the `member` named in it: a record signed by one key but
 * naming another would never verify, so refusing here reports the bug at its source.
 */
export function signPosition(unsigned: UnsignedPosition, signer: Signer): PositionRecord {
  if (unsigned.member !== signer.publicKey) {
    throw new ChanceryError('NOT_AUTHORISED', `This position names member ${unsigned.member} but would be signed by ${signer.publicKey}; sign it with the member's own key.`);
  }
  const clean = unsignedOf(unsigned as UnsignedPosition & { signature?: unknown });
  return { ...clean, signature: toBase64Url(signer.sign(signedBytes(clean))) };
}

/** Signs a roster entry; the signer must be the `signer` named in it (see {@link signPosition}). */
export function signRosterEntry(unsigned: UnsignedRosterEntry, signer: Signer): RosterEntry {
  if (unsigned.signer !== signer.publicKey) {
    throw new ChanceryError('NOT_AUTHORISED', `This roster entry names signer ${unsigned.signer} but would be signed by ${signer.publicKey}; sign it with that key.`);
  }
  const clean = unsignedOf(unsigned as UnsignedRosterEntry & { signature?: unknown }) as UnsignedRosterEntry;
  return { ...clean, signature: toBase64Url(signer.sign(signedBytes(clean))) } as RosterEntry;
}

/**
 * Remembers signature checks by record id. Records are immutable and their id is the hash of the
 * whole signed record, so a verdict once reached holds forever; re-resolving a document on every
 * keystroke then costs no Ed25519 work for records already seen.
 */
export class SignatureCache {
  readonly #ed: Ed25519;
  readonly #verdicts = new Map<string, boolean>();

  constructor(ed: Ed25519) {
    this.#ed = ed;
  }

  /**
   * True iff `record`'s signature verifies against its `member` (positions), `signer` (roster
   * entries) or `issuer` (invitations). Any decoding failure is false; it never throws. The caller
   * must pass the id it computed (or checked) for this very record, since the memo trusts it.
   */
  check(id: string, record: PositionRecord | RosterEntry | Invitation): boolean {
    const known = this.#verdicts.get(id);
    if (known !== undefined) return known;
    const verdict = this.#verify(record);
    this.#verdicts.set(id, verdict);
    return verdict;
  }

  /**
   * Whether the record stored under `id` has a verdict already, so judging it costs no Ed25519
   * work: main builds a document's figures at once only then, and checks it in slices otherwise.
   */
  has(id: string): boolean {
    return this.#verdicts.has(id);
  }

  /** How many verdicts are remembered (for tests and diagnostics). */
  get size(): number {
    return this.#verdicts.size;
  }

  #verify(record: PositionRecord | RosterEntry | Invitation): boolean {
    try {
      const key = 'action' in record ? record.signer : 'issuer' in record ? record.issuer : record.member;
      return verifySignature(this.#ed, key, unsignedOf(record) as SignedFields, record.signature);
    } catch {
      return false;
    }
  }
}
