import { describe, expect, it } from 'vitest';
import { numberClauses } from '../schema/numbering';
import { legacyClauseId } from '../schema/clause-ids';
import { chancerySchema } from '../schema/schema';
import { SAMPLE_DELEGATES, SCRUTINY_COMMENT, samplePositionPlan } from './sample-positions';
import { sampleWorkspace } from './sample-workspace';

const sample = sampleWorkspace();
const clauseIds = new Map(sample.documents.map((d) => [d.id, new Set(numberClauses(chancerySchema.nodeFromJSON(d.content)).map((c) => c.id))]));
const plan = samplePositionPlan();
const all = plan.flatMap((c) => c.positions.map((p) => ({ ...p, docId: c.docId, clause: c.clause })));

describe('sample positions plan', () => {
  it('names only clauses of the sample and its parties, each with a fictional head', () => {
    const codes = sample.parties.map((p) => p.code);
    for (const c of plan) expect(clauseIds.get(c.docId)?.has(legacyClauseId(c.clause)), `${c.docId} ${c.clause}`).toBe(true);
    for (const p of all) expect(codes).toContain(p.party);
    expect(Object.keys(SAMPLE_DELEGATES).sort()).toEqual([...codes].sort());
    expect(new Set(plan.map((c) => `${c.docId} ${c.clause}`)).size).toBe(plan.length);
  });

  it('holds one scrutiny reservation, one acceptance of an earlier wording and several disputes with wording put forward', () => {
    expect(all.filter((p) => p.status === 'reserved')).toEqual([expect.objectContaining({ party: 'MPS', comment: SCRUTINY_COMMENT })]);
    expect(all.filter((p) => p.earlierWording)).toEqual([expect.objectContaining({ status: 'accepted' })]);
    expect(all.filter((p) => p.status === 'disputed' && p.proposal).length).toBeGreaterThanOrEqual(5);
    expect(all.filter((p) => p.proposal && p.status !== 'disputed')).toEqual([]);
    expect(all.filter((p) => p.status === 'accepted-ad-ref').length).toBeGreaterThanOrEqual(2);
    expect(all.some((p) => p.status === 'withdrawn')).toBe(true);
  });

  it('leaves the user’s party clauses to decide in every document', () => {
    for (const { id } of sample.documents) {
      const spoken = new Set(plan.filter((c) => c.docId === id && c.positions.some((p) => p.party === 'ALD')).map((c) => legacyClauseId(c.clause)));
      expect(clauseIds.get(id)!.size - spoken.size, id).toBeGreaterThanOrEqual(2);
    }
  });

  it('dates each party’s changes to a clause in the order they were made', () => {
    for (const c of plan) {
      for (const code of new Set(c.positions.map((p) => p.party))) {
        const days = c.positions.filter((p) => p.party === code).map((p) => p.day);
        expect([...days].sort((a, b) => a - b), `${c.clause} ${code}`).toEqual(days);
      }
    }
  });
});
