import { afterEach, describe, expect, it } from 'vitest';
import { WorkspaceSession } from '../workspace/workspace-session';
import { KeystrokeReplica, signedBenchSeed, verifyEverySignature } from './bench-support';
import type { PositionChange } from './position-api';
import { C, newSigner, smallSeed, tmpFile } from './positions-test-support';

const open: WorkspaceSession[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

describe('bench support', () => {
  it('gives every clause every party’s signed position, all of which verify from scratch', () => {
    const plain = smallSeed(newSigner());
    delete plain.convener;
    const { seed, records } = signedBenchSeed(plain);
    expect(records).toBe(4 * 2);
    const s = WorkspaceSession.create(tmpFile(), seed);
    open.push(s);
    // Two parties' heads and their admission, the convening and the two parties.
    expect(verifyEverySignature(s)).toEqual({ records: records + 5, valid: records + 5 });
    const { agreement } = s.positions.packageAgreement().package;
    expect(agreement.clauses).toBe(4);
    expect(agreement.invalid).toBe(0);
    expect(agreement.agreed + agreement.agreedAdRef + agreement.disputed + agreement.reserved).toBe(4);
  });

  it('types into a clause as a window does; the meter hears of that clause only', () => {
    const plain = smallSeed(newSigner());
    delete plain.convener;
    const s = WorkspaceSession.create(tmpFile(), signedBenchSeed(plain).seed);
    open.push(s);
    s.positions.packageAgreement();
    const changes: PositionChange[] = [];
    s.positions.onChange((c) => changes.push(c));
    const replica = new KeystrokeReplica(s, 'alpha', C.a2);
    s.applyRendererUpdate('alpha', replica.keystroke(), 1);
    s.applyRendererUpdate('alpha', replica.keystroke(), 1);
    replica.destroy();
    const docChanges = changes.filter((c): c is Extract<PositionChange, { kind: 'doc' }> => c.kind === 'doc');
    expect(docChanges).toHaveLength(1); // the second keystroke changes nothing the meter shows
    expect(docChanges[0]!.clauses.map((c) => c.clauseId)).toEqual([C.a2]);
    expect(docChanges[0]!.clauses[0]!.parties.every((p) => p.stale)).toBe(true);
  });
});
