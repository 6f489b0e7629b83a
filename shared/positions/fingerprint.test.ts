import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, FINGERPRINT_ROUNDS } from './fingerprint';
import { fromBase64Url, toBase64Url } from './signing';

/** The same rule written with node:crypto, to hold the shared one to it. */
function reference(publicKey: string): string {
  const key = Buffer.from(fromBase64Url(publicKey));
  let hash = Buffer.alloc(32);
  for (let i = 0; i < FINGERPRINT_ROUNDS; i++) hash = createHash('sha256').update(hash).update(key).digest();
  return Array.from({ length: 6 }, (_, g) => String(hash.readUIntBE(g * 5, 5) % 100_000).padStart(5, '0')).join(' ');
}

const ZERO_KEY = 'A'.repeat(43);
const SAMPLE_KEY = toBase64Url(Uint8Array.from({ length: 32 }, (_, i) => i));

describe('key fingerprints', () => {
  it('are six groups of five digits', () => {
    expect(fingerprint(SAMPLE_KEY)).toMatch(/^\d{5}( \d{5}){5}$/u);
  });

  it('match the fixed test vectors (so every release shows the same numbers)', () => {
    expect(fingerprint(ZERO_KEY)).toBe(reference(ZERO_KEY));
    expect(fingerprint(SAMPLE_KEY)).toBe(reference(SAMPLE_KEY));
    expect({ zero: fingerprint(ZERO_KEY), sample: fingerprint(SAMPLE_KEY) }).toMatchInlineSnapshot(`
      {
        "sample": "67265 25739 49462 97850 56039 31008",
        "zero": "86996 26846 01603 40023 22298 82512",
      }
    `);
  });

  it('differ for keys one bit apart', () => {
    const flipped = fromBase64Url(SAMPLE_KEY);
    flipped[31] = flipped[31]! ^ 1;
    expect(fingerprint(toBase64Url(flipped))).not.toBe(fingerprint(SAMPLE_KEY));
  });

  it('refuse what is not a public key, saying so', () => {
    for (const bad of ['', 'abc', `${'A'.repeat(42)}B`, 'A'.repeat(44)]) {
      expect(() => fingerprint(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });
});
