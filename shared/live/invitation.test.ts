import { describe, expect, it } from 'vitest';
import { nodeEd25519, signerFromPrivateKey } from '../../electron/headless/crypto/node-ed25519';
import { recordId } from '../positions/canonical';
import { toBase64Url } from '../positions/signing';
import { seededRandom } from '../testing/seeded-random';
import { TestKeys, testTime } from '../testing/test-keys';
import { checkInvitation, encodeInvitation, INVITATION_PREFIX, invitationId, MAX_INVITATION_TEXT, parseInvitation, signInvitation, verifyInvitationSignature, type Invitation } from './invitation';

const keys = new TestKeys(signerFromPrivateKey, seededRandom(71));
const convener = keys.next();
const other = keys.next();

const fields = {
  workspaceId: 'ws-treaty',
  workspaceTitle: 'Treaty of Velmark — Zoë’s round',
  relay: 'ws://192.168.1.20:4455',
  party: 'VEL',
  role: 'head' as const,
  expires: testTime(60 * 24 * 7),
  at: testTime(10),
};

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return (err as { code: string }).code;
  }
  return 'no error';
};
const textOf = (json: unknown) => INVITATION_PREFIX + toBase64Url(new TextEncoder().encode(JSON.stringify(json)));

describe('invitations as text', () => {
  it('round-trips through its text, verifies, and has a stable id', () => {
    const inv = signInvitation(fields, convener);
    expect(inv).toMatchObject({ v: 1, kind: 'invitation', issuer: convener.publicKey, ...fields });
    expect(inv.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/u);
    const text = encodeInvitation(inv);
    expect(text.startsWith(INVITATION_PREFIX)).toBe(true);
    expect(text).toMatch(/^[A-Za-z0-9_:-]+$/u); // survives mail and chat
    const back = parseInvitation(text);
    expect(back).toEqual(inv);
    expect(verifyInvitationSignature(back, nodeEd25519)).toBe(true);
    expect(invitationId(back)).toBe(invitationId(inv));
    expect(invitationId(inv)).toBe(recordId(inv));
    expect(() => checkInvitation(back, nodeEd25519, new Date(testTime(20)))).not.toThrow();
  });

  it('two invitations with the same fields are two (fresh nonce, other id)', () => {
    const a = signInvitation(fields, convener);
    const b = signInvitation(fields, convener);
    expect(a.nonce).not.toBe(b.nonce);
    expect(invitationId(a)).not.toBe(invitationId(b));
  });

  it('is read as pasted from mail: wrapped lines, indentation, spaces around', () => {
    const inv = signInvitation({ ...fields, role: 'observer', party: null }, convener);
    const text = encodeInvitation(inv);
    const wrapped = `\n   ${text.match(/.{1,60}/gu)!.join('\r\n  ')}  \n\t`;
    expect(parseInvitation(wrapped)).toEqual(inv);
  });

  it('a field changed after signing makes the signature fail', () => {
    const inv = signInvitation(fields, convener);
    const changes: Partial<Invitation>[] = [
      { workspaceId: 'ws-other' }, { workspaceTitle: 'Another title' }, { relay: 'ws://10.0.0.1:4455' }, { party: 'ARC' }, { role: 'member' },
      { expires: testTime(60 * 24 * 365) }, { at: testTime(11) }, { nonce: signInvitation(fields, convener).nonce }, { issuer: other.publicKey },
    ];
    for (const change of changes) {
      const tampered = parseInvitation(encodeInvitation({ ...inv, ...change }));
      expect(verifyInvitationSignature(tampered, nodeEd25519), JSON.stringify(change)).toBe(false);
      expect(() => checkInvitation(tampered, nodeEd25519, new Date(testTime(20)))).toThrow(expect.objectContaining({ code: 'INVALID_INVITATION', message: expect.stringMatching(/changed after it was signed.*new invitation/u) }));
    }
    expect(verifyInvitationSignature({ ...inv, signature: signInvitation(fields, convener).signature }, nodeEd25519)).toBe(false);
  });

  it('an expired invitation is refused with its own code', () => {
    const inv = signInvitation(fields, convener);
    expect(codeOf(() => checkInvitation(inv, nodeEd25519, new Date(Date.parse(inv.expires) + 1)))).toBe('INVITATION_EXPIRED');
    expect(() => checkInvitation(inv, nodeEd25519, new Date(Date.parse(inv.expires) + 1))).toThrow(/expired on .* UTC\. Ask the sender for a new invitation/u);
  });

  it('wrong prefix, garbage, a cut-off text and oversize text are INVALID_INVITATION, saying what to do', () => {
    const text = encodeInvitation(signInvitation(fields, convener));
    const cases: [string, RegExp][] = [
      ['', /No invitation was given/u],
      ['   \n ', /No invitation was given/u],
      [text.replace('chancery-invitation:', 'chancery-member-card:'), /should start with "chancery-invitation:"/u],
      [`Here it is: ${text}`, /should start with/u],
      [`${INVITATION_PREFIX}!!not*base64`, /damaged.*Ask the sender for a new invitation/u],
      [text.slice(0, -30), /damaged|not in the Chancery format/u],
      [textOf('hello'), /not a record/u],
      [`${INVITATION_PREFIX}${toBase64Url(new Uint8Array([0xff, 0xfe, 0x7b]))}`, /damaged/u],
      [INVITATION_PREFIX + 'A'.repeat(MAX_INVITATION_TEXT), /far more than an invitation/u],
    ];
    for (const [input, message] of cases) {
      expect(() => parseInvitation(input), input.slice(0, 50)).toThrow(expect.objectContaining({ code: 'INVALID_INVITATION', message: expect.stringMatching(message) }));
    }
  });

  it('well-formed JSON with a wrong field is refused naming the field', () => {
    const inv = signInvitation(fields, convener);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...inv, relay: 'http://example.org' }, 'relay'],
      [{ ...inv, relay: 'ws://host:1?x=1' }, 'relay'],
      [{ ...inv, role: 'observer' }, 'party'],
      [{ ...inv, party: null }, 'party'],
      [{ ...inv, expires: inv.at }, 'expires'],
      [{ ...inv, expires: '2026-02-31T00:00:00.000Z' }, 'expires'],
      [{ ...inv, role: 'king' }, 'role'],
      [{ ...inv, extra: 1 }, 'extra'],
      [{ ...inv, v: 2 }, 'v'],
      [{ ...inv, nonce: 'short' }, 'nonce'],
    ];
    for (const [value, field] of cases) {
      expect(() => parseInvitation(textOf(value)), field).toThrow(expect.objectContaining({ code: 'INVALID_INVITATION', message: expect.stringContaining(`field "${field}"`) }));
    }
  });

  it('refuses to sign an invitation no one could use', () => {
    expect(codeOf(() => signInvitation({ ...fields, relay: 'https://relay.example' }, convener))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => signInvitation({ ...fields, expires: fields.at }, convener))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => signInvitation({ ...fields, role: 'observer' }, convener))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => signInvitation({ ...fields, relay: 'wss://relay.example.org/chancery' }, convener))).toBe('no error');
  });
});
