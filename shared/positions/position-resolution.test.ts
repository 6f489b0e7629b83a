import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random';
import { testTime } from '../testing/test-keys';
import type { PositionRecord, PositionStatus, Verdict } from './model';
import { resolveClause, winnerOf, type JudgedRecord } from './position-resolution';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const SEED = Number(env.CHANCERY_SEED ?? 4242);

const CLAUSE = 'c-00000000000000c1';
const NOW = 'a'.repeat(64);
const OLD = 'b'.repeat(64);
const VALID: Verdict = { valid: true };
const BAD: Verdict = { valid: false, reason: 'bad-signature', message: 'x' };

let n = 0;
function rec(party: string, status: PositionStatus, minute: number, opts: { hash?: string; verdict?: Verdict; id?: string } = {}): JudgedRecord {
  n += 1;
  const record = {
    v: 1, workspaceId: 'ws', docId: 'd', clauseId: CLAUSE, party, status, textHash: opts.hash ?? NOW, at: testTime(minute),
    member: 'A'.repeat(43), signature: `${String(n).padStart(85, 'A')}A`,
  } as PositionRecord;
  return { id: opts.id ?? `id-${String(n).padStart(4, '0')}`, record, verdict: opts.verdict ?? VALID };
}

describe('resolving a clause', () => {
  it('the latest valid record wins; invalid ones are counted, never winning', () => {
    const records = [rec('VEL', 'disputed', 1), rec('VEL', 'accepted', 2), rec('VEL', 'reserved', 3, { verdict: BAD })];
    const c = resolveClause(CLAUSE, NOW, records, ['VEL']);
    expect(c.parties[0]).toMatchObject({ party: 'VEL', status: 'accepted', stale: false, invalid: 1 });
    expect(c.state).toBe('agreed');
    expect(c.history.map((h) => h.record.status)).toEqual(['disputed', 'accepted', 'reserved']);
  });

  it('ties at the same millisecond break by id, the same on every peer', () => {
    const a = rec('VEL', 'accepted', 1, { id: 'aaa' });
    const b = rec('VEL', 'disputed', 1, { id: 'bbb' });
    expect(winnerOf([a, b])).toBe(b);
    expect(winnerOf([b, a])).toBe(b);
    expect(winnerOf([])).toBeNull();
  });

  it(`picks the same winners whatever order the records arrive in (seed ${SEED}; replay: CHANCERY_SEED=${SEED})`, () => {
    const random = seededRandom(SEED);
    const int = (k: number) => Math.floor(random() * k);
    const statuses: PositionStatus[] = ['accepted', 'accepted-ad-ref', 'reserved', 'disputed', 'withdrawn'];
    for (let round = 0; round < 200; round++) {
      const records = Array.from({ length: 1 + int(12) }, () =>
        rec(['ARC', 'VEL', 'BOR'][int(3)]!, statuses[int(5)]!, int(4), { hash: random() < 0.3 ? OLD : NOW, verdict: random() < 0.2 ? BAD : VALID }),
      );
      const expected = resolveClause(CLAUSE, NOW, records, ['ARC', 'VEL', 'BOR']);
      const shuffled = [...records].sort(() => random() - 0.5);
      expect(resolveClause(CLAUSE, NOW, shuffled, ['ARC', 'VEL', 'BOR']), `round ${round}`).toEqual(expected);
    }
  });

  it('a withdrawal makes the party open again and keeps the record', () => {
    const c = resolveClause(CLAUSE, NOW, [rec('VEL', 'accepted', 1), rec('VEL', 'withdrawn', 2)], ['VEL']);
    expect(c.parties[0]).toMatchObject({ status: 'open', stale: false });
    expect(c.parties[0]!.record?.status).toBe('withdrawn');
    expect(c.state).toBe('open');
  });

  it('an acceptance of earlier text is stale and counts as open; a stale objection still stands', () => {
    const c = resolveClause(CLAUSE, NOW, [rec('VEL', 'accepted', 1, { hash: OLD }), rec('ARC', 'accepted', 1)], ['VEL', 'ARC']);
    expect(c.parties[0]).toMatchObject({ status: 'accepted', stale: true });
    expect(c.state).toBe('open');
    const dispute = resolveClause(CLAUSE, NOW, [rec('VEL', 'disputed', 1, { hash: OLD }), rec('ARC', 'accepted', 1)], ['VEL', 'ARC']);
    expect(dispute.parties[0]).toMatchObject({ status: 'disputed', stale: true });
    expect(dispute.state).toBe('disputed');
    expect(dispute.history.map((h) => h.stale)).toEqual([true, false]);
  });

  it('a renewed acceptance of the current text is no longer stale', () => {
    const c = resolveClause(CLAUSE, NOW, [rec('VEL', 'accepted', 1, { hash: OLD }), rec('VEL', 'accepted', 2)], ['VEL']);
    expect(c.parties[0]).toMatchObject({ status: 'accepted', stale: false });
    expect(c.state).toBe('agreed');
  });

  it('every position on a clause that is gone is stale', () => {
    const c = resolveClause(CLAUSE, null, [rec('VEL', 'accepted', 1)], ['VEL']);
    expect(c.parties[0]!.stale).toBe(true);
    expect(c.state).toBe('open');
  });

  it('with no parties the clause is open; records of parties not at the table are shown, not counted', () => {
    const c = resolveClause(CLAUSE, NOW, [rec('VEL', 'accepted', 1), rec('XYZ', 'accepted', 1, { verdict: BAD })], []);
    expect(c).toMatchObject({ state: 'open', parties: [], unattributedInvalid: 1 });
    expect(c.history).toHaveLength(2);
  });

  it('records of other clauses are left out', () => {
    const other = rec('VEL', 'disputed', 5);
    other.record = { ...other.record, clauseId: 'c-00000000000000c2' };
    const c = resolveClause(CLAUSE, NOW, [rec('VEL', 'accepted', 1), other], ['VEL']);
    expect(c.state).toBe('agreed');
    expect(c.history).toHaveLength(1);
  });
});
