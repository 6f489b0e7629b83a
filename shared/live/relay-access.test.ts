import { describe, expect, it } from 'vitest';
import { nodeEd25519, signerFromPrivateKey } from '../../electron/headless/crypto/node-ed25519';
import type { RosterEntry } from '../positions/model';
import { ResolvedRoster } from '../positions/roster';
import { SignatureCache, type Signer } from '../positions/signing';
import { rosterEntry, type RosterFields } from '../testing/position-world';
import { seededRandom } from '../testing/seeded-random';
import { TestKeys, testTime } from '../testing/test-keys';
import { signInvitation, type Invitation } from './invitation';
import { currentAccess, decideAccess, documentAccess, REFUSAL_REASONS, REFUSAL_TEXT, refusalReasonOf, RelayRefusal, type RelayAccess } from './relay-access';
import { parseRelayDocName, type RelayDoc } from './relay-names';
import { makeRelayToken, MAX_TOKEN_TEXT, parseRelayToken, PROOF_WINDOW_MS, type RelayToken } from './relay-token';

const keys = new TestKeys(signerFromPrivateKey, seededRandom(97));
const convener = keys.next();
const velHead = keys.next();
const velMember = keys.next();
const observer = keys.next();
const joiner = keys.next();
const stranger = keys.next();
const WS = 'ws-relay';
const NOW = new Date(testTime(60));
const signatures = new SignatureCache(nodeEd25519);

const entry = (by: Signer, minute: number, fields: Record<string, unknown>) =>
  rosterEntry(by, { workspaceId: WS, at: testTime(minute), ...fields } as unknown as RosterFields);
const convene = entry(convener, 1, { action: 'convene', name: 'Helena Marsh' });
const chain: [string, RosterEntry][] = [
  convene,
  entry(convener, 2, { action: 'party', party: 'VEL', name: 'Velmark', colour: '#c27c0e' }),
  entry(convener, 2, { action: 'party', party: 'ARC', name: 'Arcadia', colour: '#1f5fbf' }),
  entry(convener, 3, { action: 'admit', key: velHead.publicKey, name: 'Tomas Brenner', role: 'head', party: 'VEL' }),
  entry(velHead, 4, { action: 'admit', key: velMember.publicKey, name: 'Vera Lind', role: 'member', party: 'VEL' }),
  entry(convener, 5, { action: 'admit', key: observer.publicKey, name: 'Olga', role: 'observer' }),
];
const rosterOf = (extra: [string, RosterEntry][] = []) => ResolvedRoster.resolve({ workspaceId: WS, convener: convener.publicKey, entries: [...chain, ...extra], signatures });
const invite = (by: Signer, role: 'head' | 'member' | 'observer', party: string | null, expiresMinute = 120, workspaceId = WS): Invitation =>
  signInvitation({ workspaceId, workspaceTitle: 'Treaty', relay: 'ws://127.0.0.1:4455', party, role, at: testTime(10), expires: testTime(expiresMinute) }, by);

function token(by: Signer, extra: { invitation?: Invitation; convene?: RosterEntry; at?: string; workspaceId?: string; name?: string } = {}): RelayToken {
  return parseRelayToken(makeRelayToken(by, { workspaceId: extra.workspaceId ?? WS, name: extra.name ?? 'Someone', at: extra.at ?? NOW.toISOString(), ...extra }));
}

function decide(t: RelayToken, over: { pinnedConvener?: string | null; roster?: ResolvedRoster | null; seen?: string[]; now?: Date } = {}): RelayAccess {
  return decideAccess({
    token: t, workspaceId: WS, now: over.now ?? NOW, ed: nodeEd25519,
    pinnedConvener: over.pinnedConvener === undefined ? convener.publicKey : over.pinnedConvener,
    roster: over.roster === undefined ? rosterOf() : over.roster,
    nonceSeen: (n) => (over.seen ?? []).includes(n),
  });
}
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RelayRefusal);
    expect(err).toMatchObject({ code: 'RELAY_REFUSED' });
    const r = err as RelayRefusal;
    expect(r.message.startsWith(REFUSAL_TEXT[r.reason])).toBe(true);
    return r.reason;
  }
  return 'admitted';
}

describe('relay tokens', () => {
  it('round-trip as ASCII JSON, any name, a fresh nonce each', () => {
    const text = makeRelayToken(velHead, { workspaceId: WS, name: 'Zoë 李 🎉', invitation: invite(convener, 'head', 'VEL'), convene: convene[1] });
    expect(text).toMatch(/^[\x20-\x7e]+$/u);
    const t = parseRelayToken(text);
    expect(t.proof).toMatchObject({ v: 1, kind: 'relay-proof', workspaceId: WS, key: velHead.publicKey, name: 'Zoë 李 🎉' });
    expect(t.convene).toEqual(convene[1]);
    expect(parseRelayToken(makeRelayToken(velHead, { workspaceId: WS, name: 'x' })).proof.nonce).not.toBe(t.proof.nonce);
  });

  it('anything else is a malformed refusal', () => {
    const good = JSON.parse(makeRelayToken(velHead, { workspaceId: WS, name: 'x' })) as RelayToken;
    for (const text of ['', 'not json', '[]', '{}', JSON.stringify({ ...good, extra: 1 }), JSON.stringify({ ...good, proof: { ...good.proof, at: 'yesterday' } }), 'x'.repeat(MAX_TOKEN_TEXT + 1)]) {
      expect(refusal(() => parseRelayToken(text)), text.slice(0, 40)).toBe('malformed');
    }
    expect(() => parseRelayToken(JSON.stringify({ ...good, proof: { ...good.proof, kind: 'other' } }))).toThrow(/field "proof.kind"/u);
  });
});

describe('who the relay lets in', () => {
  it('a good token gets access with the roster’s role and party', () => {
    expect(decide(token(velHead))).toEqual({ workspaceId: WS, key: velHead.publicKey, name: 'Tomas Brenner', role: 'head', party: 'VEL' });
    expect(decide(token(velMember))).toMatchObject({ role: 'member', party: 'VEL', name: 'Vera Lind' });
    expect(decide(token(observer))).toMatchObject({ role: 'observer', party: null });
    expect(decide(token(convener))).toMatchObject({ role: 'convener', party: null, name: 'Helena Marsh' });
    expect(decide(token(convener), { roster: null })).toMatchObject({ role: 'convener' });
    // Proofs up to the window either side are fine.
    expect(decide(token(velHead, { at: new Date(NOW.getTime() - PROOF_WINDOW_MS).toISOString() }))).toMatchObject({ role: 'head' });
    expect(decide(token(velHead, { at: new Date(NOW.getTime() + PROOF_WINDOW_MS).toISOString() }))).toMatchObject({ role: 'head' });
  });

  it('a joiner with a valid invitation gets in as the invitation says, until someone else claims it', () => {
    const inv = invite(convener, 'head', 'ARC');
    expect(decide(token(joiner, { invitation: inv, name: 'Nora' }))).toEqual({ workspaceId: WS, key: joiner.publicKey, name: 'Nora', role: 'head', party: 'ARC' });
    expect(decide(token(joiner, { invitation: inv }), { roster: null })).toMatchObject({ role: 'head', party: 'ARC' });
    expect(decide(token(joiner, { invitation: invite(velHead, 'member', 'VEL') }))).toMatchObject({ role: 'member', party: 'VEL' });
    // Once claimed by this key, it is on the roster (and no longer needs the invitation, even expired).
    const claimed = rosterOf([entry(joiner, 20, { action: 'claim', name: 'Nora', invitation: inv })]);
    expect(decide(token(joiner, { invitation: inv }), { roster: claimed })).toMatchObject({ role: 'head', party: 'ARC', name: 'Nora' });
    expect(decide(token(joiner, { at: testTime(500) }), { roster: claimed, now: new Date(testTime(500)) })).toMatchObject({ role: 'head' });
  });

  it('each refusal reason comes from the case it names', () => {
    const inv = invite(convener, 'head', 'ARC');
    const claimedByOther = rosterOf([entry(stranger, 20, { action: 'claim', name: 'Sam', invitation: inv })]);
    const removedRoster = rosterOf([entry(velHead, 30, { action: 'remove', key: velMember.publicKey })]);
    const replay = token(velHead);
    const forgedProof: RelayToken = { ...token(velHead), proof: { ...token(velHead).proof, key: velMember.publicKey } };
    const cases: [string, () => unknown][] = [
      ['bad-proof', () => decide(forgedProof)],
      ['bad-proof', () => decide({ ...replay, signature: token(velMember).signature })],
      ['wrong-workspace', () => decide(token(velHead, { workspaceId: 'ws-other' }))],
      ['wrong-workspace', () => decide(token(joiner, { invitation: invite(convener, 'head', 'ARC', 120, 'ws-other') }))],
      ['stale-proof', () => decide(token(velHead, { at: new Date(NOW.getTime() - PROOF_WINDOW_MS - 1).toISOString() }))],
      ['stale-proof', () => decide(token(velHead, { at: new Date(NOW.getTime() + PROOF_WINDOW_MS + 1000).toISOString() }))],
      ['replayed', () => decide(replay, { seen: [replay.proof.nonce] })],
      ['invitation-expired', () => decide(token(joiner, { invitation: invite(convener, 'head', 'ARC', 59) }))],
      ['invitation-forged', () => decide(token(joiner, { invitation: { ...inv, role: 'observer', party: null } }))],
      ['invitation-forged', () => decide(token(joiner, { invitation: invite(stranger, 'head', 'ARC') }))],
      ['invitation-forged', () => decide(token(joiner, { invitation: invite(velMember, 'member', 'VEL') }))],
      ['invitation-forged', () => decide(token(joiner, { invitation: invite(velHead, 'member', 'VEL') }), { roster: null })],
      ['invitation-used', () => decide(token(joiner, { invitation: inv }), { roster: claimedByOther })],
      ['removed', () => decide(token(velMember), { roster: removedRoster })],
      ['not-admitted', () => decide(token(stranger))],
      ['not-admitted', () => decide(token(velHead), { roster: null })],
      ['not-pinned', () => decide(token(convener), { pinnedConvener: null, roster: null })],
      ['not-pinned', () => decide(token(stranger, { convene: convene[1] }), { pinnedConvener: null, roster: null })],
      ['not-pinned', () => decide(token(convener, { convene: chain[1]![1] }), { pinnedConvener: null, roster: null })],
    ];
    for (const [reason, run] of cases) expect(refusal(run), reason).toBe(reason);
    expect(new Set(cases.map(([r]) => r))).toEqual(new Set(REFUSAL_REASONS.filter((r) => !['malformed', 'forbidden-document', 'read-only'].includes(r))));
    // A convene of another workspace, or a tampered one, is no pin either.
    const foreignConvene = rosterEntry(stranger, { workspaceId: 'ws-other', at: testTime(1), action: 'convene', name: 'Elsewhere' });
    expect(refusal(() => decide(token(stranger, { convene: foreignConvene[1] }), { pinnedConvener: null, roster: null }))).toBe('not-pinned');
    expect(refusal(() => decide(token(convener, { convene: { ...convene[1], name: 'Renamed' } as RosterEntry }), { pinnedConvener: null, roster: null }))).toBe('not-pinned');
    // A removed key is not let back by its claimed invitation, but may come back with a new one.
    const member = invite(velHead, 'member', 'VEL');
    const left = rosterOf([entry(joiner, 20, { action: 'claim', name: 'Nora', invitation: member }), entry(velHead, 30, { action: 'remove', key: joiner.publicKey })]);
    expect(refusal(() => decide(token(joiner, { invitation: member }), { roster: left }))).toBe('removed');
    expect(decide(token(joiner, { invitation: invite(velHead, 'member', 'VEL') }), { roster: left })).toMatchObject({ role: 'member' });
    // A head's invitation dies with the head's removal.
    const headGone = rosterOf([entry(convener, 30, { action: 'remove', key: velHead.publicKey })]);
    expect(refusal(() => decide(token(joiner, { invitation: member }), { roster: headGone }))).toBe('invitation-forged');
  });

  it('first contact: a convene entry signed by the proof’s key pins the convener', () => {
    expect(decide(token(convener, { convene: convene[1], name: 'whatever' }), { pinnedConvener: null, roster: null })).toEqual({ workspaceId: WS, key: convener.publicKey, name: 'Helena Marsh', role: 'convener', party: null });
    // The relay cannot tell a workspace's real convener from anyone who convenes the same id first
    // (trust on first use); once pinned, the pin decides.
    const usurper = entry(stranger, 1, { action: 'convene', name: 'Usurper' })[1];
    expect(decide(token(stranger, { convene: usurper }), { pinnedConvener: null, roster: null })).toMatchObject({ role: 'convener', key: stranger.publicKey });
    expect(refusal(() => decide(token(stranger, { convene: usurper })))).toBe('not-admitted');
  });

  it('refusal texts are short enough to be a WebSocket close reason and map back', () => {
    for (const reason of REFUSAL_REASONS) {
      expect(new TextEncoder().encode(REFUSAL_TEXT[reason]).length, reason).toBeLessThanOrEqual(123);
      expect(refusalReasonOf(REFUSAL_TEXT[reason])).toBe(reason);
    }
    expect(refusalReasonOf('something else')).toBeNull();
    expect(new RelayRefusal('invitation-expired', 'it expired on 2026-03-01 10:00 UTC').message).toBe('invitation expired — ask for a new one (it expired on 2026-03-01 10:00 UTC)');
  });
});

describe('which documents an access reaches', () => {
  const access = (role: RelayAccess['role'], party: string | null): RelayAccess => ({ workspaceId: WS, key: 'k', name: 'n', role, party });
  const docs: Record<string, RelayDoc> = {
    manifest: parseRelayDocName(`${WS}/manifest`),
    framework: parseRelayDocName(`${WS}/framework`),
    'private VEL': parseRelayDocName(`${WS}/private/VEL`),
    'private ARC': parseRelayDocName(`${WS}/private/ARC`),
    'other workspace': parseRelayDocName('ws-other/framework'),
  };
  const grant = (a: RelayAccess, doc: RelayDoc) => {
    try {
      return documentAccess(a, doc);
    } catch (err) {
      return (err as RelayRefusal).reason === 'forbidden-document' ? 'none' : 'other error';
    }
  };
  it('observers read, delegations write, private notes stay with their party, the convener has none', () => {
    const matrix = Object.fromEntries(
      Object.entries({ convener: access('convener', null), 'VEL head': access('head', 'VEL'), 'VEL member': access('member', 'VEL'), 'ARC head': access('head', 'ARC'), observer: access('observer', null) }).map(([who, a]) => [
        who,
        Object.fromEntries(Object.entries(docs).map(([name, doc]) => [name, grant(a, doc)])),
      ]),
    );
    expect(matrix).toEqual({
      convener: { manifest: 'write', framework: 'write', 'private VEL': 'none', 'private ARC': 'none', 'other workspace': 'none' },
      'VEL head': { manifest: 'write', framework: 'write', 'private VEL': 'write', 'private ARC': 'none', 'other workspace': 'none' },
      'VEL member': { manifest: 'write', framework: 'write', 'private VEL': 'write', 'private ARC': 'none', 'other workspace': 'none' },
      'ARC head': { manifest: 'write', framework: 'write', 'private VEL': 'none', 'private ARC': 'write', 'other workspace': 'none' },
      observer: { manifest: 'read', framework: 'read', 'private VEL': 'none', 'private ARC': 'none', 'other workspace': 'none' },
    });
  });

  it('a convener admitted to a party gets that party’s private document', () => {
    const roster = rosterOf([entry(convener, 6, { action: 'admit', key: convener.publicKey, name: 'Helena for ARC', role: 'head', party: 'ARC' })]);
    const a = decide(token(convener), { roster });
    expect(a).toMatchObject({ role: 'head', party: 'ARC' });
    expect(documentAccess(a, docs['private ARC']!)).toBe('write');
  });
});

describe('what a connection may do now, by the current roster', () => {
  it('follows the roster that arrived after the upgrade: an admission, a convener admitted to a party, a removal', () => {
    const inv = invite(convener, 'head', 'ARC');
    // Let in by its invitation before the relay held any roster: a stranger with the invitation's party.
    const granted = decide(token(joiner, { invitation: inv, name: 'Nora' }), { roster: null });
    expect(currentAccess(granted, null, convener.publicKey)).toEqual(granted);
    expect(currentAccess(granted, rosterOf(), convener.publicKey)).toEqual(granted); // claim not arrived yet
    const claimed = rosterOf([entry(joiner, 20, { action: 'claim', name: 'Nora K.', invitation: inv })]);
    expect(currentAccess(granted, claimed, convener.publicKey)).toEqual({ ...granted, name: 'Nora K.', role: 'head', party: 'ARC' });
    const removed = rosterOf([
      entry(joiner, 20, { action: 'claim', name: 'Nora K.', invitation: inv }),
      entry(convener, 30, { action: 'remove', key: joiner.publicKey }),
    ]);
    expect(refusal(() => currentAccess(granted, removed, convener.publicKey))).toBe('removed');

    // The convener signed in at first contact (no roster): a party's head once the roster admits it.
    const first = decide(token(convener, { convene: convene[1] }), { pinnedConvener: null, roster: null });
    expect(first).toMatchObject({ role: 'convener', party: null });
    const admitted = rosterOf([entry(convener, 6, { action: 'admit', key: convener.publicKey, name: 'Helena for ARC', role: 'head', party: 'ARC' })]);
    expect(currentAccess(first, admitted, convener.publicKey)).toMatchObject({ role: 'head', party: 'ARC', name: 'Helena for ARC' });
    expect(currentAccess(first, rosterOf(), convener.publicKey)).toMatchObject({ role: 'convener', party: null, name: 'Helena Marsh' });
    // A roster resolved against another convener than the pin says nothing.
    expect(currentAccess(granted, claimed, stranger.publicKey)).toEqual(granted);
  });
});
