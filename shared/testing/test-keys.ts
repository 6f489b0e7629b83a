import type { Signer } from '../positions/signing';

/**
 * Deterministic Ed25519 keys for tests, the forgery generator and the benchmark. shared/ may not
 * import node:crypto (it runs in the renderer too), so this file only makes the *bytes* of a
 * private key from a seed; the caller turns them into a {@link Signer} with whatever crypto its
 * part has (node tests: `signerFromPrivateKey` of the headless crypto module). A seed then
 * replays the very same keys and signatures, which a random key per run would not.
 */

/** The fixed PKCS#8 DER header of an Ed25519 private key (RFC 8410); the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

/** PKCS#8 DER of the Ed25519 private key whose 32-byte seed is `seed`. */
export function ed25519Pkcs8(seed: Uint8Array): Uint8Array {
  if (seed.length !== 32) throw new Error(`an Ed25519 seed is 32 bytes, not ${seed.length}`);
  const der = new Uint8Array(PKCS8_ED25519_PREFIX.length + 32);
  der.set(PKCS8_ED25519_PREFIX, 0);
  der.set(seed, PKCS8_ED25519_PREFIX.length);
  return der;
}

/** Turns PKCS#8 DER bytes into a signer (node:crypto in node tests). */
export type SignerFactory = (pkcs8: Uint8Array) => Signer;

/** A stream of distinct keys drawn from a seeded random source. */
export class TestKeys {
  constructor(
    private readonly factory: SignerFactory,
    private readonly random: () => number,
  ) {}

  /** The next key of the stream. */
  next(): Signer {
    const seed = new Uint8Array(32);
    for (let i = 0; i < 32; i++) seed[i] = Math.floor(this.random() * 256);
    return this.factory(ed25519Pkcs8(seed));
  }
}

/** A fixed origin for test times, so records made by a seed are identical on every run. */
export const TEST_EPOCH = Date.UTC(2026, 2, 1, 9, 0, 0, 0);

/** `TEST_EPOCH` plus `minutes` (fractions allowed), as a record's `at`. */
export function testTime(minutes: number): string {
  return new Date(TEST_EPOCH + Math.round(minutes * 60_000)).toISOString();
}
