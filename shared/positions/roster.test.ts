import { describe, expect, it } from 'vitest';
import { nodeEd25519, signerFromPrivateKey } from '../../electron/headless/crypto/node-ed25519';
import { seededRandom } from '../testing/seeded-random';
import { TestKeys, testTime } from '../testing/test-keys';
import { positionEntry, rosterEntry, type RosterFields } from '../testing/position-world';
import type { PositionRecord, RosterEntry, Verdict } from './model';
import { judgeRecord } from './position-resolution';
import { ResolvedRoster } from './roster';
import { SignatureCache, type Signer } from './signing';

const keys = new TestKeys(signerFromPrivateKey, seededRandom(61));
const convener = keys.next();
const velHead = keys.next();
const velMember = keys.next();
const arcHead = keys.next();
const observer = keys.next();
const stranger = keys.next();
const WS = 'ws-roster';
const signatures = new SignatureCache(nodeEd25519);

const entry = (by: Signer, minute: number, fields: Record<string, unknown>) =>
  rosterEntry(by, { workspaceId: WS, at: testTime(minute), ...fields } as unknown as RosterFields);

const chain: [string, RosterEntry][] = [
  entry(convener, 1, { action: 'convene', name: 'Helena Marsh' }),
  entry(convener, 2, { action: 'party', party: 'VEL', name: 'Commonwealth of Velmark', colour: '#c27c0e' }),
  entry(convener, 2, { action: 'party', party: 'ARC', name: 'Arcadia', colour: '#1f5fbf' }),
  entry(convener, 3, { action: 'admit', key: velHead.publicKey, name: 'Tomas Brenner', role: 'head', party: 'VEL' }),
  entry(convener, 3, { action: 'admit', key: arcHead.publicKey, name: 'Ada Arc', role: 'head', party: 'ARC' }),
  entry(velHead, 4, { action: 'admit', key: velMember.publicKey, name: 'Vera Lind', role: 'member', party: 'VEL' }),
  entry(convener, 5, { action: 'admit', key: observer.publicKey, name: 'Olga Observer', role: 'observer' }),
];

function resolve(extra: [string, unknown][] = [], convenerKey: string | null = convener.publicKey): ResolvedRoster {
  return ResolvedRoster.resolve({ workspaceId: WS, convener: convenerKey, entries: [...chain, ...extra], signatures, legacyParties: [{ code: 'OLD', name: 'Old party', colour: '#000' }] });
}

const verdictOf = (roster: ResolvedRoster, id: string): Verdict => roster.view.events.find((e) => e.id === id)!.verdict;
const reasonOf = (v: Verdict) => (v.valid ? 'valid' : v.reason);

function position(by: Signer, minute: number, party = 'VEL'): [string, PositionRecord] {
  return positionEntry(by, { workspaceId: WS, docId: 'framework', clauseId: 'c-0123456789abcdef', party, status: 'accepted', textHash: 'c'.repeat(64), at: testTime(minute) });
}
const judge = (roster: ResolvedRoster, [id, record]: [string, PositionRecord]) => judgeRecord(id, record, { roster, signatures, workspaceId: WS, docId: 'framework' }).verdict;

describe('the roster chain', () => {
  it('convener → head → member: all valid, with parties in definition order', () => {
    const roster = resolve();
    expect(roster.view.events.map((e) => reasonOf(e.verdict))).toEqual(chain.map(() => 'valid'));
    expect(roster.partyCodes().sort()).toEqual(['ARC', 'VEL']);
    expect(roster.member(velMember.publicKey)).toMatchObject({ role: 'member', party: 'VEL', admittedBy: velHead.publicKey, removedAt: null });
    expect(roster.member(convener.publicKey)).toMatchObject({ role: 'convener', name: 'Helena Marsh', party: null });
    expect(reasonOf(judge(roster, position(velMember, 6)))).toBe('valid');
    expect(reasonOf(judge(roster, position(velHead, 6)))).toBe('valid');
  });

  it('refuses a member enrolled by anyone but that party’s head', () => {
    for (const by of [velMember, arcHead, observer, stranger, convener]) {
      const admit = entry(by, 6, { action: 'admit', key: stranger.publicKey, name: 'Sneaky', role: 'member', party: 'VEL' });
      const roster = resolve([admit]);
      expect(reasonOf(verdictOf(roster, admit[0]))).toBe('not-authorised');
      expect(roster.member(stranger.publicKey)).toBeNull();
      const v = judge(roster, position(stranger, 7));
      expect(v).toMatchObject({ valid: false, reason: 'unknown-key' });
      expect(v.valid ? '' : v.message).toContain('never admitted');
    }
  });

  it('a removed head: later entries and positions invalid, earlier ones still valid', () => {
    const removal = entry(convener, 10, { action: 'remove', key: velHead.publicKey });
    const late = entry(velHead, 11, { action: 'admit', key: stranger.publicKey, name: 'Too late', role: 'member', party: 'VEL' });
    const roster = resolve([removal, late]);
    expect(reasonOf(verdictOf(roster, removal[0]))).toBe('valid');
    expect(verdictOf(roster, late[0])).toMatchObject({ valid: false, reason: 'removed' });
    expect(reasonOf(verdictOf(roster, chain[5]![0]))).toBe('valid'); // the member it enrolled at minute 4
    expect(reasonOf(judge(roster, position(velHead, 9)))).toBe('valid');
    const after = judge(roster, position(velHead, 12));
    expect(after).toMatchObject({ valid: false, reason: 'removed' });
    expect(after.valid ? '' : after.message).toMatch(/^VEL's head of delegation Tomas Brenner was removed on 2026-03-01 09:10 UTC, before signing this/u);
    expect(reasonOf(judge(roster, position(velMember, 12)))).toBe('valid'); // members stay until removed themselves
  });

  it('a head may remove its own members, not another party’s', () => {
    const own = entry(velHead, 8, { action: 'remove', key: velMember.publicKey });
    const foreign = entry(arcHead, 8, { action: 'remove', key: velMember.publicKey });
    expect(reasonOf(verdictOf(resolve([foreign]), foreign[0]))).toBe('not-authorised');
    const roster = resolve([own]);
    expect(reasonOf(verdictOf(roster, own[0]))).toBe('valid');
    expect(roster.member(velMember.publicKey)).toBeNull();
    expect(roster.memberAt(velMember.publicKey, testTime(7))).toMatchObject({ party: 'VEL' });
    expect(reasonOf(judge(roster, position(velMember, 9)))).toBe('removed');
  });

  it('observers and the convener sign no positions; a key speaks only for its party', () => {
    const roster = resolve();
    expect(reasonOf(judge(roster, position(observer, 6)))).toBe('observer');
    expect(reasonOf(judge(roster, position(convener, 6)))).toBe('not-authorised');
    expect(reasonOf(judge(roster, position(arcHead, 6, 'VEL')))).toBe('wrong-party');
    expect(reasonOf(judge(roster, position(velMember, 3.5)))).toBe('not-enrolled-then');
    expect(reasonOf(judge(roster, position(velHead, 6, 'XYZ')))).toBe('unknown-party');
  });

  it('a key belongs to one party at a time', () => {
    const twice = entry(arcHead, 6, { action: 'admit', key: velMember.publicKey, name: 'Vera again', role: 'member', party: 'ARC' });
    const roster = resolve([twice]);
    expect(reasonOf(verdictOf(roster, twice[0]))).toBe('key-in-use');
    expect(reasonOf(judge(roster, position(velMember, 7, 'ARC')))).toBe('wrong-party');
    // After its removal from VEL, the key may join ARC.
    const removal = entry(velHead, 6, { action: 'remove', key: velMember.publicKey });
    const later = entry(arcHead, 7, { action: 'admit', key: velMember.publicKey, name: 'Vera', role: 'member', party: 'ARC' });
    const moved = resolve([removal, later]);
    expect(reasonOf(verdictOf(moved, later[0]))).toBe('valid');
    expect(reasonOf(judge(moved, position(velMember, 8, 'ARC')))).toBe('valid');
    expect(reasonOf(judge(moved, position(velMember, 5, 'VEL')))).toBe('valid');
  });

  it('a second convening, or one by another key, counts for nothing', () => {
    const again = entry(convener, 6, { action: 'convene', name: 'Someone else' });
    const usurper = entry(stranger, 0.5, { action: 'convene', name: 'Usurper' });
    const roster = resolve([again, usurper]);
    expect(reasonOf(verdictOf(roster, again[0]))).toBe('not-authorised');
    expect(reasonOf(verdictOf(roster, usurper[0]))).toBe('not-authorised');
    expect(roster.member(convener.publicKey)?.name).toBe('Helena Marsh');
  });

  it('parties come only from the convener; the latest entry wins and retired leaves the table', () => {
    const rename = entry(convener, 7, { action: 'party', party: 'VEL', name: 'Velmark', colour: '#ff0000' });
    const retire = entry(convener, 8, { action: 'party', party: 'ARC', name: 'Arcadia', colour: '#1f5fbf', retired: true });
    const forged = entry(velHead, 9, { action: 'party', party: 'VEL', name: 'Forged', colour: '#000' });
    const roster = resolve([rename, retire, forged]);
    expect(roster.view.parties).toEqual([{ code: 'VEL', name: 'Velmark', colour: '#ff0000' }]);
    expect(reasonOf(verdictOf(roster, forged[0]))).toBe('not-authorised');
  });

  it('an entry from another workspace, a tampered or mis-keyed entry, does not count', () => {
    const foreign = rosterEntry(convener, { workspaceId: 'ws-other', at: testTime(6), action: 'admit', key: stranger.publicKey, name: 'Elsewhere', role: 'observer' });
    const tampered = { ...chain[5]![1], name: 'Renamed' };
    const roster = resolve([foreign, ['tampered-id', tampered], ['x', { hello: 'world' }]]);
    expect(reasonOf(verdictOf(roster, foreign[0]))).toBe('wrong-workspace');
    expect(reasonOf(verdictOf(roster, 'tampered-id'))).toBe('malformed');
    expect(reasonOf(verdictOf(roster, 'x'))).toBe('malformed');
  });

  it('a workspace nobody convened keeps its legacy parties, and nothing in it counts', () => {
    const roster = resolve([], null);
    expect(roster.view.convener).toBeNull();
    expect(roster.partyCodes()).toEqual(['OLD']);
    expect(roster.view.events.every((e) => !e.verdict.valid && e.verdict.reason === 'no-convener')).toBe(true);
    expect(reasonOf(judge(roster, position(velHead, 6)))).toBe('no-convener');
  });

  it('resolves the same whatever order the entries are stored in', () => {
    const a = resolve();
    const b = ResolvedRoster.resolve({ workspaceId: WS, convener: convener.publicKey, entries: [...chain].reverse(), signatures });
    expect(b.view).toEqual(a.view);
  });
});
