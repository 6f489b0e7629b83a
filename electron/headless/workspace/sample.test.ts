import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_CONVENER_NAME, SAMPLE_DELEGATES } from '../../../shared/sample/sample-positions';
import { verifyWorkspace } from '../cli/verify-report';
import { newSigner, tmpFile } from '../positions/positions-test-support';
import { catchChanceryError } from '../store/store-test-support';
import { sampleSeed } from './sample';
import { WorkspaceSession } from './workspace-session';

const open: WorkspaceSession[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

describe('the sample negotiation', () => {
  it('is convened by the user, who heads the first party, with every other party signed by a fictional delegate', () => {
    const user = newSigner();
    const s = WorkspaceSession.create(tmpFile(), sampleSeed({ convener: { signer: user, name: 'Ines Park' }, firstPartyHead: true }));
    open.push(s);
    const roster = s.positions.roster();
    expect(roster.convener).toBe(user.publicKey);
    expect(roster.members.map((m) => [m.name, m.role, m.party])).toEqual([
      ['Ines Park', 'convener', null],
      ['Ines Park', 'head', 'ALD'],
      [SAMPLE_DELEGATES.VEL, 'head', 'VEL'],
      [SAMPLE_DELEGATES.MPS, 'head', 'MPS'],
      [SAMPLE_DELEGATES.DUN, 'head', 'DUN'],
    ]);
    expect(new Set(roster.members.map((m) => m.key)).size).toBe(4);
    expect(verifyWorkspace(s)).toMatchObject({ valid: true, problems: [] });

    const docs = s.manifest().documents.map((d) => s.positions.docPositions(d.id));
    const records = docs.flatMap((d) => d.clauses.flatMap((c) => c.parties.filter((p) => p.record !== null)));
    expect(records.filter((p) => p.party === 'ALD').every((p) => p.record!.member === user.publicKey)).toBe(true);
    const { agreement, parties } = s.positions.packageAgreement().package;
    expect(agreement).toMatchObject({ reserved: 1, stale: 1, invalid: 0 });
    expect(agreement.agreed).toBeGreaterThanOrEqual(5);
    expect(agreement.agreedAdRef).toBeGreaterThanOrEqual(2);
    expect(agreement.disputed).toBeGreaterThanOrEqual(5);
    expect(parties.ALD!.open).toBeGreaterThan(5);

    // The user can try it out on an open clause: accepting makes it agreed by all where the others accept.
    const clause = docs[0]!.clauses.find((c) => c.parties.every((p) => (p.party === 'ALD' ? p.status === 'open' : p.status === 'accepted')));
    const target = clause ?? docs[0]!.clauses.find((c) => c.parties.find((p) => p.party === 'ALD')!.status === 'open')!;
    s.positions.setPosition(user, 'framework', target.clauseId, 'ALD', { status: 'accepted' });
    expect(s.positions.packageAgreement().package.parties.ALD!.open).toBe(parties.ALD!.open - 1);
    catchChanceryError(() => s.positions.setPosition(user, 'framework', target.clauseId, 'VEL', { status: 'accepted' }), 'NOT_AUTHORISED');
  }, 30_000);

  it('is convened by a fictional facilitator when nobody is named (the command line)', () => {
    const s = WorkspaceSession.create(tmpFile(), sampleSeed());
    open.push(s);
    const roster = s.positions.roster();
    expect(roster.members[0]).toMatchObject({ name: SAMPLE_CONVENER_NAME, role: 'convener' });
    expect(roster.members.filter((m) => m.role === 'head').map((m) => m.name)).toEqual(Object.values(SAMPLE_DELEGATES));
    expect(verifyWorkspace(s).valid).toBe(true);
  }, 30_000);

  it('gives each sample its own workspace id and keys', () => {
    const a = sampleSeed();
    const b = sampleSeed();
    expect(a.workspaceId).not.toBe(b.workspaceId);
    expect(a.convener!.signer.publicKey).not.toBe(b.convener!.signer.publicKey);
  });
});
