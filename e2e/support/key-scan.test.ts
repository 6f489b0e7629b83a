import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { holdsPrivateKey } from './key-scan';

function keyPair(): { publicKey: string; seed: Buffer; pkcs8: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  return { publicKey: publicKey.export({ format: 'jwk' }).x!, seed: pkcs8.subarray(-32), pkcs8 };
}

describe('holdsPrivateKey (what the identity spec relies on to say a file keeps no raw key)', () => {
  const { publicKey, seed, pkcs8 } = keyPair();
  const noise = randomBytes(300);

  it.each([
    ['raw bytes', Buffer.concat([noise, seed, noise])],
    ['base64url in JSON', Buffer.from(JSON.stringify({ name: 'x', privateKey: seed.toString('base64url'), publicKey }))],
    ['base64 of the 64-byte secret key', Buffer.from(`secret=${Buffer.concat([seed, Buffer.from(publicKey, 'base64url')]).toString('base64')}`)],
    ['hex', Buffer.from(`key: ${seed.toString('hex')}\n`)],
    ['PKCS #8 PEM', Buffer.from(`-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64')}\n-----END PRIVATE KEY-----\n`)],
  ])('finds the key stored as %s', (_how, bytes) => {
    expect(holdsPrivateKey(bytes, publicKey)).toBe(true);
  });

  it('finds a key written as text in a large file too', () => {
    const big = Buffer.concat([randomBytes(64 * 1024), Buffer.from(`"k":"${seed.toString('base64url')}"`), randomBytes(1024)]);
    expect(holdsPrivateKey(big, publicKey)).toBe(true);
  });

  it('finds nothing where only the public key and other keys are', () => {
    const other = keyPair();
    const bytes = Buffer.from(JSON.stringify({ publicKey, other: other.seed.toString('base64url'), noise: noise.toString('base64') }));
    expect(holdsPrivateKey(Buffer.concat([bytes, noise]), publicKey)).toBe(false);
  });
});
