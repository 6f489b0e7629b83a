import { describe, expect, it } from 'vitest';
import { generateKeyPair, nodeEd25519, signerFromPrivateKey } from '../../electron/headless/crypto/node-ed25519';
import type { RosterEntry, UnsignedPosition } from './model';
import { recordId } from './canonical';
import { fromBase64Url, signedBytes, signPosition, signRosterEntry, SignatureCache, toBase64Url, type Ed25519 } from './signing';

// node:crypto only reaches shared code through the Ed25519 port, as in main and the CLI.
const member = signerFromPrivateKey(generateKeyPair().privateKey);
const other = signerFromPrivateKey(generateKeyPair().privateKey);

const unsigned: UnsignedPosition = {
  v: 1, workspaceId: 'ws-1', docId: 'framework', clauseId: 'c-0123456789abcdef', party: 'VEL', status: 'accepted',
  textHash: 'b'.repeat(64), comment: 'Agreed in the plenary.', at: '2026-03-01T09:00:00.000Z', member: member.publicKey,
};

describe('base64url', () => {
  it('round-trips bytes without padding', () => {
    for (const length of [0, 1, 2, 3, 31, 32, 64]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + 250) % 256);
      const text = toBase64Url(bytes);
      expect(text).not.toMatch(/[+/=]/u);
      expect([...fromBase64Url(text)]).toEqual([...bytes]);
    }
  });

  it('refuses anything that is not exactly one base64url spelling', () => {
    // "AB" and "AR" carry stray bits in their last character ("AA" and "AQ" are the spellings).
    for (const bad of ['ab+c', 'ab/c', 'abc=', 'a', 'ab c', 'AB', 'AR']) {
      expect(() => fromBase64Url(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
    expect([...fromBase64Url('AA')]).toEqual([0]);
  });
});

describe('signing and verification', () => {
  it('signs every field but the signature, and verifies', () => {
    const record = signPosition(unsigned, member);
    expect(record.signature).toMatch(/^[A-Za-z0-9_-]{86}$/u);
    expect(new TextDecoder().decode(signedBytes(unsigned))).not.toContain('signature');
    const cache = new SignatureCache(nodeEd25519);
    expect(cache.check(recordId(record), record)).toBe(true);
  });

  it('fails when any field changed after signing, or another key claims it', () => {
    const record = signPosition(unsigned, member);
    const cache = new SignatureCache(nodeEd25519);
    const tampered = [
      { ...record, status: 'disputed' as const },
      { ...record, comment: 'Agreed in the plenary' },
      { ...record, at: '2026-03-01T09:00:00.001Z' },
      { ...record, member: other.publicKey },
      { ...record, signature: signPosition({ ...unsigned, party: 'ARC' }, member).signature },
    ];
    for (const t of tampered) expect(cache.check(recordId(t), t)).toBe(false);
  });

  it('refuses to sign a record that names another member or signer', () => {
    expect(() => signPosition({ ...unsigned, member: other.publicKey }, member)).toThrow(expect.objectContaining({ code: 'NOT_AUTHORISED' }));
    expect(() =>
      signRosterEntry({ v: 1, action: 'convene', workspaceId: 'ws-1', at: unsigned.at, signer: other.publicKey, name: 'C' }, member),
    ).toThrow(expect.objectContaining({ code: 'NOT_AUTHORISED' }));
  });

  it('signs and verifies roster entries against their signer', () => {
    const entry = signRosterEntry({ v: 1, action: 'admit', workspaceId: 'ws-1', at: unsigned.at, signer: member.publicKey, key: other.publicKey, name: 'Other', role: 'member', party: 'VEL' }, member);
    const cache = new SignatureCache(nodeEd25519);
    expect(cache.check(recordId(entry), entry)).toBe(true);
    const swapped = { ...entry, signer: other.publicKey } as RosterEntry;
    expect(cache.check(recordId(swapped), swapped)).toBe(false);
  });

  it('never throws on undecodable keys or signatures, and says false', () => {
    const record = signPosition(unsigned, member);
    const cache = new SignatureCache(nodeEd25519);
    for (const bad of [{ ...record, member: 'not a key' }, { ...record, signature: '!!' }, { ...record, signature: 'AA' }]) {
      expect(cache.check(recordId(bad), bad)).toBe(false);
    }
    const throwing: Ed25519 = { verify: () => { throw new Error('boom'); } };
    expect(new SignatureCache(throwing).check(recordId(record), record)).toBe(false);
  });

  it('checks each record once: records are immutable, so a verdict is remembered by id', () => {
    let calls = 0;
    const counting: Ed25519 = { verify: (...args) => (calls++, nodeEd25519.verify(...args)) };
    const cache = new SignatureCache(counting);
    const record = signPosition(unsigned, member);
    for (let i = 0; i < 5; i++) expect(cache.check(recordId(record), record)).toBe(true);
    expect(calls).toBe(1);
    expect(cache.size).toBe(1);
  });

});
