import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { ChanceryError } from '../../../shared/errors';
import type { Ed25519, Signer } from '../../../shared/positions/signing';

/**
 * Ed25519 for main and the CLI, with node:crypto (shared/ takes it as a port and never imports
 * Node). Keys travel as base64url without padding: the raw 32-byte public key (JWK `x`) and the
 * private key as PKCS#8 DER, which is what node:crypto exports and imports without conversion.
 */

/** Public KeyObjects by base64url key: building one costs more than a verification. */
const publicKeys = new Map<string, KeyObject | null>();
const MAX_CACHED_KEYS = 10_000;

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

function publicKeyObject(raw: Uint8Array): KeyObject | null {
  const x = base64url(raw);
  const cached = publicKeys.get(x);
  if (cached !== undefined) return cached;
  let key: KeyObject | null = null;
  if (raw.byteLength === 32) {
    try {
      key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    } catch {
      key = null; // not a point on the curve: every signature by it fails
    }
  }
  if (publicKeys.size >= MAX_CACHED_KEYS) publicKeys.clear();
  publicKeys.set(x, key);
  return key;
}

/** Verifies with node:crypto; a malformed key or signature is a failed verification, never a throw. */
export const nodeEd25519: Ed25519 = {
  verify(publicKey, message, signature) {
    if (signature.byteLength !== 64) return false;
    const key = publicKeyObject(publicKey);
    if (key === null) return false;
    try {
      return verify(null, message, key, signature);
    } catch {
      return false;
    }
  },
};

/** A fresh key pair: the public key as base64url (raw 32 bytes), the private key as PKCS#8 DER. */
export function generateKeyPair(): { publicKey: string; privateKey: Uint8Array } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x;
  if (typeof x !== 'string') throw new ChanceryError('IDENTITY_FAILED', 'The new Ed25519 key pair has no public key; try again.');
  return { publicKey: x, privateKey: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })) };
}

/**
 * A Signer over a PKCS#8 DER Ed25519 private key. Throws IDENTITY_FAILED when the bytes are not
 * one (a damaged key file), so the caller can say the identity must be restored or recreated.
 */
export function signerFromPrivateKey(pkcs8: Uint8Array): Signer {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch (err) {
    throw new ChanceryError('IDENTITY_FAILED', `The member key cannot be read (${err instanceof Error ? err.message : String(err)}); restore it from a backup or create a new identity.`, { cause: err });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ChanceryError('IDENTITY_FAILED', `The member key is a ${privateKey.asymmetricKeyType ?? 'unknown'} key, not Ed25519; create a new identity.`);
  }
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x;
  if (typeof x !== 'string') throw new ChanceryError('IDENTITY_FAILED', 'The member key has no public half; create a new identity.');
  return {
    publicKey: x,
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}
