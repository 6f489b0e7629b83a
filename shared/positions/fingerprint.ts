import { digest } from 'lib0/hash/sha256';
import { ChanceryError } from '../errors';
import { fromBase64Url } from './signing';

/** Hash rounds; slows a search for a key with a look-alike fingerprint, as Signal's safety numbers do. */
export const FINGERPRINT_ROUNDS = 1024;

/**
 * A key as six groups of five digits ("12345 67890 …"), for two people to compare by phone or on
 * paper before a head enrols a member card: a key is 43 random characters nobody can read aloud.
 * Signal-style: SHA-256 iterated over (previous hash ‖ key), 30 bytes taken as six 5-byte
 * big-endian numbers, each mod 100 000. 100 bits of the hash, slowed by the rounds.
 */
export function fingerprint(publicKey: string): string {
  let key: Uint8Array;
  try {
    key = fromBase64Url(publicKey);
  } catch {
    key = new Uint8Array(0);
  }
  if (key.length !== 32) {
    throw new ChanceryError('INVALID_ARGUMENT', `${JSON.stringify(publicKey.slice(0, 60))} is not an Ed25519 public key (43 base64url characters); copy the key again.`);
  }
  let hash: Uint8Array = key;
  const buffer = new Uint8Array(32 + key.length);
  for (let i = 0; i < FINGERPRINT_ROUNDS; i++) {
    buffer.set(hash.subarray(0, 32), 0);
    if (i === 0) buffer.fill(0, 0, 32);
    buffer.set(key, 32);
    hash = digest(buffer);
  }
  const groups: string[] = [];
  for (let g = 0; g < 6; g++) {
    let n = 0;
    for (let b = 0; b < 5; b++) n = n * 256 + hash[g * 5 + b]!;
    groups.push(String(n % 100_000).padStart(5, '0'));
  }
  return groups.join(' ');
}
