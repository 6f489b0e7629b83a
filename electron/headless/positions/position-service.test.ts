import { afterEach, describe, expect, it } from 'vitest';
import { isChanceryError } from '../../../shared/errors';
import type { PositionRecord } from '../../../shared/positions/model';
import { signPosition, type Signer } from '../../../shared/positions/signing';
import { catchChanceryError } from '../store/store-test-support';
import { WorkspaceSession } from '../workspace/workspace-session';
import type { PositionChange } from './position-api';
import { C, newSigner, recordUpdate, smallSeed, tmpFile, typingUpdate } from './positions-test-support';

const open: WorkspaceSession[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});
const track = (s: WorkspaceSession) => (open.push(s), s);

const card = (s: Signer, name: string) => ({ v: 1 as const, name, key: s.publicKey });

/** A convened two-party workspace: ALD headed by `ald`, VEL by `vel`. */
function setUp() {
  const convener = newSigner();
  const ald = newSigner();
  const vel = newSigner();
  const file = tmpFile();
  const session = track(WorkspaceSession.create(file, smallSeed(convener)));
  session.positions.admit(convener, card(ald, 'Anja Korvel'), 'head', 'ALD');
  session.positions.admit(convener, card(vel, 'Tomas Brenner'), 'head', 'VEL');
  return { session, file, convener, ald, vel, positions: session.positions };
}

function party(session: WorkspaceSession, docId: string, clauseId: string, code: string) {
  return session.positions.docPositions(docId).clauses.find((c) => c.clauseId === clauseId)!.parties.find((p) => p.party === code)!;
}

function stateOf(session: WorkspaceSession, docId: string, clauseId: string) {
  return session.positions.docPositions(docId).clauses.find((c) => c.clauseId === clauseId)!.state;
}

describe('PositionService', { timeout: 20_000 }, () => {
  it('sets, changes and withdraws a party position, keeping every record in the history', () => {
    const { session, positions, ald, vel } = setUp();
    positions.setPosition(ald, 'alpha', C.a1, 'ALD', { status: 'accepted', comment: '  Fine.  ' });
    expect(party(session, 'alpha', C.a1, 'ALD')).toMatchObject({ status: 'accepted', stale: false, invalid: 0 });
    expect(party(session, 'alpha', C.a1, 'ALD').record?.comment).toBe('Fine.');
    expect(stateOf(session, 'alpha', C.a1)).toBe('open');
    positions.setPosition(vel, 'alpha', C.a1, 'VEL', { status: 'accepted-ad-ref', comment: '   ' });
    expect(stateOf(session, 'alpha', C.a1)).toBe('agreed-ad-ref');
    expect(party(session, 'alpha', C.a1, 'VEL').record).not.toHaveProperty('comment');

    positions.setPosition(ald, 'alpha', C.a1, 'ALD', { status: 'disputed', proposal: ' The Parties shall observe a truce. ' });
    expect(stateOf(session, 'alpha', C.a1)).toBe('disputed');
    expect(party(session, 'alpha', C.a1, 'ALD').record?.proposal).toBe('The Parties shall observe a truce.');
    positions.setPosition(ald, 'alpha', C.a1, 'ALD', { status: 'withdrawn' });
    expect(party(session, 'alpha', C.a1, 'ALD').status).toBe('open');
    expect(stateOf(session, 'alpha', C.a1)).toBe('open');

    const history = positions.history('alpha', C.a1);
    expect(history.map((h) => `${h.record.party} ${h.record.status}`)).toEqual(['ALD accepted', 'VEL accepted-ad-ref', 'ALD disputed', 'ALD withdrawn']);
    expect(history.every((h) => h.verdict.valid && !h.stale)).toBe(true);
    // Each change is dated after the one before, so it wins even within one millisecond.
    const times = history.map((h) => h.record.at);
    expect([...times].sort()).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
  });

  it('refuses what a member may not sign, before signing anything', () => {
    const { session, positions, convener, ald, vel } = setUp();
    const observer = newSigner();
    positions.admit(convener, card(observer, 'Olga Observer'), 'observer', null);
    const stranger = newSigner();
    const refusals: [Signer, string, RegExp][] = [
      [vel, 'ALD', /You are Tomas Brenner \(head of delegation of VEL\); only ALD's delegation can give ALD's positions/u],
      [observer, 'ALD', /Olga Observer is an observer/u],
      [convener, 'ALD', /As the convener \(Convener\) you speak for no party/u],
      [stranger, 'ALD', /not on this workspace's roster; ask ALD's head of delegation to enrol your member card/u],
    ];
    for (const [signer, code, message] of refusals) {
      const err = catchChanceryError(() => positions.setPosition(signer, 'alpha', C.a1, code, { status: 'accepted' }), 'NOT_AUTHORISED');
      expect(err.message).toMatch(message);
    }
    expect(positions.history('alpha', C.a1)).toEqual([]);
    expect(catchChanceryError(() => positions.admit(ald, card(newSigner(), 'X'), 'head', 'VEL'), 'NOT_AUTHORISED').message).toMatch(
      /^Only the convener \(Convener\) can admit a head of delegation; you are Anja Korvel \(head of delegation of ALD\)\./u,
    );
    expect(catchChanceryError(() => positions.admit(vel, card(newSigner(), 'X'), 'member', 'ALD'), 'NOT_AUTHORISED').message).toMatch(
      /Only the head of delegation of ALD can enrol its members/u,
    );
    expect(catchChanceryError(() => positions.setParty(ald, { code: 'NEW', name: 'New', colour: '#000000' }), 'NOT_AUTHORISED').message).toMatch(/Only the convener/u);
    catchChanceryError(() => positions.setPosition(ald, 'alpha', 'c-0000000000000000', 'ALD', { status: 'accepted' }), 'CLAUSE_NOT_FOUND');
    catchChanceryError(() => positions.setPosition(ald, 'alpha', C.a1, 'ALD', { status: 'accepted', proposal: 'Other words' }), 'INVALID_ARGUMENT');
    catchChanceryError(() => positions.setPosition(ald, 'alpha', C.a1, 'ALD', { status: 'withdrawn' }), 'INVALID_ARGUMENT');
    catchChanceryError(() => positions.setPosition(ald, 'nope', C.a1, 'ALD', { status: 'accepted' }), 'DOCUMENT_NOT_FOUND');
    expect(session.positions.roster().events.every((e) => e.verdict.valid)).toBe(true);
  });

  it('lets a head enrol and remove members; a removed member can sign no more, and what it signed before stays valid', () => {
    const { session, positions, ald } = setUp();
    const member = newSigner();
    positions.admit(ald, card(member, 'Mira Member'), 'member', 'ALD');
    positions.setPosition(member, 'alpha', C.a2, 'ALD', { status: 'accepted' });
    positions.remove(ald, member.publicKey);
    expect(positions.roster().members.find((m) => m.key === member.publicKey)?.removedAt).not.toBeNull();
    catchChanceryError(() => positions.setPosition(member, 'alpha', C.a3, 'ALD', { status: 'accepted' }), 'NOT_AUTHORISED');
    expect(party(session, 'alpha', C.a2, 'ALD')).toMatchObject({ status: 'accepted', invalid: 0 });

    // A copy that still trusts the removed key sends a position it signed afterwards: stored, shown invalid, never counted.
    const late: PositionRecord = signPosition(
      { v: 1, workspaceId: session.store.meta.workspaceId, docId: 'alpha', clauseId: C.a3, party: 'ALD', status: 'accepted', textHash: positions.documentState('alpha').hashOf(C.a3)!, at: new Date(Date.now() + 60_000).toISOString(), member: member.publicKey },
      member,
    );
    session.applyPeerUpdate('alpha', recordUpdate(session, 'alpha', late));
    expect(party(session, 'alpha', C.a3, 'ALD')).toMatchObject({ status: 'open', invalid: 1 });
    expect(positions.history('alpha', C.a3)[0]!.verdict).toMatchObject({ valid: false, reason: 'removed' });
    expect(positions.docPositions('alpha').summary.agreement.invalid).toBe(1);
  });

  it('makes acceptances stale when the clause text changes through a window, and says only that clause changed', () => {
    const { session, positions, ald, vel } = setUp();
    positions.setPosition(ald, 'alpha', C.a1, 'ALD', { status: 'accepted' });
    positions.setPosition(vel, 'alpha', C.a1, 'VEL', { status: 'accepted' });
    positions.setPosition(vel, 'alpha', C.a2, 'VEL', { status: 'disputed' });
    expect(stateOf(session, 'alpha', C.a1)).toBe('agreed');
    expect(positions.docPositions('alpha').summary.agreement).toMatchObject({ clauses: 3, agreed: 1, disputed: 1, open: 1, percent: 33.3 });

    const changes: PositionChange[] = [];
    positions.onChange((c) => changes.push(c));
    session.applyRendererUpdate('alpha', typingUpdate(session, 'alpha', C.a1, ' at once'), 1);
    expect(changes.map((c) => c.kind)).toEqual(['doc', 'package']);
    const docChange = changes[0] as Extract<PositionChange, { kind: 'doc' }>;
    expect(docChange.clauses.map((c) => c.clauseId)).toEqual([C.a1]);
    expect(docChange.clauses[0]!.state).toBe('open');
    expect(docChange.clauses[0]!.parties.map((p) => p.stale)).toEqual([true, true]);
    expect(docChange.summary.agreement).toMatchObject({ agreed: 0, stale: 1, open: 2 });
    expect(positions.history('alpha', C.a1).map((h) => h.stale)).toEqual([true, true]);

    // Typing in a disputed clause: the dispute stands (now flagged stale); in a clause nobody spoke on: nothing to say.
    changes.length = 0;
    session.applyRendererUpdate('alpha', typingUpdate(session, 'alpha', C.a3, ' yet'), 1);
    expect(changes).toEqual([]);
    session.applyRendererUpdate('alpha', typingUpdate(session, 'alpha', C.a2, ' more'), 1);
    expect(changes.map((c) => c.kind)).toEqual(['doc', 'package']);
    expect((changes[0] as Extract<PositionChange, { kind: 'doc' }>).clauses.map((c) => [c.clauseId, c.state])).toEqual([[C.a2, 'disputed']]);
  });

  it('sums up the package across documents, and a reopened file gives the same figures', () => {
    const { session, file, positions, ald, vel } = setUp();
    for (const signer of [ald, vel]) {
      const code = signer === ald ? 'ALD' : 'VEL';
      positions.setPosition(signer, 'alpha', C.a1, code, { status: 'accepted' });
      positions.setPosition(signer, 'beta', C.b1, code, { status: 'accepted' });
    }
    positions.setPosition(ald, 'alpha', C.a2, 'ALD', { status: 'reserved', comment: 'Scrutiny reservation' });
    const agreement = positions.packageAgreement();
    expect(agreement.documents.alpha!.agreement).toMatchObject({ clauses: 3, agreed: 1, reserved: 1, percent: 33.3 });
    expect(agreement.documents.beta!.agreement).toMatchObject({ clauses: 1, agreed: 1, percent: 100 });
    expect(agreement.package.agreement).toMatchObject({ clauses: 4, agreed: 2, reserved: 1, open: 1, percent: 50 });
    expect(agreement.package.parties.ALD).toEqual({ accepted: 2, acceptedAdRef: 0, reserved: 1, disputed: 0, open: 1 });
    const views = positions.docPositions('alpha');
    const roster = positions.roster();
    session.close();

    const again = track(WorkspaceSession.open(file));
    expect(again.positions.packageAgreement()).toEqual(agreement);
    expect(again.positions.docPositions('alpha')).toEqual(views);
    expect(again.positions.roster()).toEqual(roster);
  });

  it('stores records from outside that do not verify, shows them invalid and never counts them', () => {
    const { session, file, positions, ald, vel } = setUp();
    positions.setPosition(vel, 'alpha', C.a1, 'VEL', { status: 'accepted' });
    const hash = positions.documentState('alpha').hashOf(C.a1)!;
    const base = { v: 1 as const, workspaceId: session.store.meta.workspaceId, docId: 'alpha', clauseId: C.a1, party: 'ALD', textHash: hash, member: ald.publicKey };
    const genuine = signPosition({ ...base, status: 'disputed', at: new Date(Date.now() + 1000).toISOString() }, ald);
    const forged = { ...genuine, status: 'accepted' as const, at: new Date(Date.now() + 2000).toISOString() };
    const wrongDoc = signPosition({ ...base, docId: 'beta', clauseId: C.a1, status: 'accepted', at: new Date(Date.now() + 3000).toISOString() }, ald);
    for (const record of [genuine, forged, wrongDoc]) session.applyPeerUpdate('alpha', recordUpdate(session, 'alpha', record));

    expect(party(session, 'alpha', C.a1, 'ALD')).toMatchObject({ status: 'disputed', invalid: 2 });
    expect(positions.history('alpha', C.a1).filter((h) => !h.verdict.valid).map((h) => (h.verdict as { reason: string }).reason).sort()).toEqual(['bad-signature', 'wrong-document']);
    expect(positions.docPositions('alpha').summary.agreement).toMatchObject({ disputed: 1, invalid: 1, agreed: 0 });
    session.close();
    const again = track(WorkspaceSession.open(file));
    expect(again.positions.history('alpha', C.a1)).toHaveLength(4);
    expect(again.positions.docPositions('alpha').summary.agreement.invalid).toBe(1);
  });

  it('refuses a window that writes a position itself, even one correctly signed: positions come only from main or another copy', () => {
    const { session, file, positions, ald } = setUp();
    const before = positions.docPositions('alpha').summary;
    const hash = positions.documentState('alpha').hashOf(C.a1)!;
    const signed = signPosition(
      { v: 1, workspaceId: session.store.meta.workspaceId, docId: 'alpha', clauseId: C.a1, party: 'ALD', status: 'accepted', textHash: hash, at: new Date(Date.now() + 1000).toISOString(), member: ald.publicKey },
      ald,
    );
    const err = catchChanceryError(() => session.applyRendererUpdate('alpha', recordUpdate(session, 'alpha', signed), 1), 'INVALID_UPDATE');
    expect(err.message).toMatch(/window tried to write clause positions/u);
    expect(positions.history('alpha', C.a1)).toHaveLength(0);
    expect(positions.docPositions('alpha').summary).toEqual(before);
    session.close();
    expect(track(WorkspaceSession.open(file)).positions.history('alpha', C.a1)).toHaveLength(0);
  });

  it('re-judges everything when the roster changes, and announces the roster, every document and the package', () => {
    const { session, positions, convener, ald, vel } = setUp();
    positions.setPosition(ald, 'alpha', C.a1, 'ALD', { status: 'accepted' });
    positions.setPosition(vel, 'alpha', C.a1, 'VEL', { status: 'disputed' });
    positions.docPositions('beta');
    const changes: PositionChange[] = [];
    positions.onChange((c) => changes.push(c));
    positions.retireParty(convener, 'VEL');
    expect(changes.map((c) => (c.kind === 'doc' ? `doc ${c.docId}` : c.kind))).toEqual(['roster', 'doc alpha', 'doc beta', 'package']);
    expect(positions.roster().parties.map((p) => p.code)).toEqual(['ALD']);
    expect(stateOf(session, 'alpha', C.a1)).toBe('agreed');
    expect(positions.packageAgreement().package.parties).toEqual({ ALD: { accepted: 1, acceptedAdRef: 0, reserved: 0, disputed: 0, open: 3 } });

    positions.setParty(convener, { code: 'VEL', name: 'Velmark', colour: '#c27c0e' });
    expect(stateOf(session, 'alpha', C.a1)).toBe('disputed');
    expect(catchChanceryError(() => positions.retireParty(convener, 'XXX'), 'INVALID_ARGUMENT').message).toMatch(/no party "XXX"/u);
  });

  it('lets the app convene a workspace the command line made, turning its parties into signed entries', () => {
    const file = tmpFile();
    const seed = smallSeed(newSigner());
    delete seed.convener;
    const s = track(WorkspaceSession.create(file, seed));
    expect(s.positions.roster()).toMatchObject({ convener: null, parties: [{ code: 'ALD' }, { code: 'VEL' }] });
    const user = newSigner();
    catchChanceryError(() => s.positions.admit(user, card(user, 'Me'), 'head', 'ALD'), 'NOT_AUTHORISED');
    s.positions.convene(user, 'Helena Marsh');
    s.positions.admit(user, card(user, 'Helena Marsh'), 'head', 'ALD');
    s.positions.setPosition(user, 'beta', C.b1, 'ALD', { status: 'accepted' });
    expect(s.positions.roster().events.map((e) => e.entry.action)).toEqual(['convene', 'party', 'party', 'admit']);
    expect(s.positions.roster().events.every((e) => e.verdict.valid)).toBe(true);
    try {
      s.positions.convene(newSigner(), 'Usurper');
      expect.unreachable();
    } catch (err) {
      expect(isChanceryError(err, 'NOT_AUTHORISED')).toBe(true);
    }
    s.close();
    const again = track(WorkspaceSession.open(file));
    expect(again.positions.roster().convener).toBe(user.publicKey);
    expect(party(again, 'beta', C.b1, 'ALD').status).toBe('accepted');
  });

  it('dates a new position after the latest one seen for that clause and party, even one from a clock running ahead', () => {
    const { session, positions, ald } = setUp();
    const member = newSigner();
    positions.admit(ald, card(member, 'Mira Member'), 'member', 'ALD');
    const ahead = new Date(Date.now() + 3_600_000).toISOString();
    const fromTheFuture = signPosition(
      { v: 1, workspaceId: session.store.meta.workspaceId, docId: 'alpha', clauseId: C.a1, party: 'ALD', status: 'disputed', textHash: positions.documentState('alpha').hashOf(C.a1)!, at: ahead, member: member.publicKey },
      member,
    );
    session.applyPeerUpdate('alpha', recordUpdate(session, 'alpha', fromTheFuture));
    expect(party(session, 'alpha', C.a1, 'ALD').status).toBe('disputed');
    positions.setPosition(ald, 'alpha', C.a1, 'ALD', { status: 'accepted' });
    expect(party(session, 'alpha', C.a1, 'ALD').status).toBe('accepted');
    expect(party(session, 'alpha', C.a1, 'ALD').record!.at > ahead).toBe(true);
  });
});
