import { describe, expect, it } from 'vitest';
import { isChanceryError } from '../../../shared/errors';
import { fromBase64Url } from '../../../shared/positions/signing';
import { generateKeyPair, nodeEd25519, signerFromPrivateKey } from './node-ed25519';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('node-ed25519', () => {
  it('signs with a generated key, and the signature verifies against its public key only', () => {
    const pair = generateKeyPair();
    const signer = signerFromPrivateKey(pair.privateKey);
    expect(signer.publicKey).toBe(pair.publicKey);
    expect(pair.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    const signature = signer.sign(bytes('ALD accepts clause 5'));
    expect(signature.byteLength).toBe(64);
    const key = fromBase64Url(pair.publicKey);
    expect(nodeEd25519.verify(key, bytes('ALD accepts clause 5'), signature)).toBe(true);
    expect(nodeEd25519.verify(key, bytes('ALD disputes clause 5'), signature)).toBe(false);
    const other = fromBase64Url(generateKeyPair().publicKey);
    expect(nodeEd25519.verify(other, bytes('ALD accepts clause 5'), signature)).toBe(false);
  });

  it('treats a malformed key or signature as not verifying, without throwing', () => {
    const signer = signerFromPrivateKey(generateKeyPair().privateKey);
    const message = bytes('x');
    const signature = signer.sign(message);
    const key = fromBase64Url(signer.publicKey);
    expect(nodeEd25519.verify(key.slice(0, 31), message, signature)).toBe(false);
    expect(nodeEd25519.verify(key, message, signature.slice(0, 63))).toBe(false);
    expect(nodeEd25519.verify(new Uint8Array(32).fill(0xff), message, signature)).toBe(false);
    const flipped = signature.slice();
    flipped[10]! ^= 1;
    expect(nodeEd25519.verify(key, message, flipped)).toBe(false);
    // The same key again (from the cache) still verifies what it signed.
    expect(nodeEd25519.verify(key, message, signature)).toBe(true);
  });

  it('refuses bytes that are not an Ed25519 private key with IDENTITY_FAILED', () => {
    try {
      signerFromPrivateKey(new Uint8Array([1, 2, 3]));
      expect.unreachable();
    } catch (err) {
      expect(isChanceryError(err, 'IDENTITY_FAILED')).toBe(true);
    }
  });
});
