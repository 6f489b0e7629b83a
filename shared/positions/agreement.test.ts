import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random';
import { AgreementTally, clauseState, combineSummaries, percentOf, summarise } from './agreement';
import type { ClauseView, PartyPosition } from './model';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const SEED = Number(env.CHANCERY_SEED ?? 77);

const pos = (party: string, status: PartyPosition['status'], stale = false, invalid = 0): PartyPosition => ({ party, record: null, status, stale, invalid });
const view = (id: string, parties: PartyPosition[]): ClauseView => ({ clauseId: id, state: clauseState(parties), parties });

describe('clause state', () => {
  it('disputed beats reserved beats everything; agreed needs every party', () => {
    expect(clauseState([pos('A', 'accepted'), pos('B', 'disputed'), pos('C', 'reserved')])).toBe('disputed');
    expect(clauseState([pos('A', 'accepted'), pos('B', 'reserved')])).toBe('reserved');
    expect(clauseState([pos('A', 'accepted'), pos('B', 'accepted')])).toBe('agreed');
    expect(clauseState([pos('A', 'accepted'), pos('B', 'accepted-ad-ref')])).toBe('agreed-ad-ref');
    expect(clauseState([pos('A', 'accepted'), pos('B', 'open')])).toBe('open');
    expect(clauseState([])).toBe('open');
  });

  it('a stale acceptance is open; a stale dispute or reservation still stands', () => {
    expect(clauseState([pos('A', 'accepted'), pos('B', 'accepted', true)])).toBe('open');
    expect(clauseState([pos('A', 'accepted'), pos('B', 'disputed', true)])).toBe('disputed');
    expect(clauseState([pos('A', 'accepted'), pos('B', 'reserved', true)])).toBe('reserved');
  });
});

describe('agreement figures', () => {
  it('percent is agreed / clauses to one decimal, and 0 with no clauses', () => {
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(9, 10)).toBe(90);
  });

  it('no clauses: all zero, parties still listed', () => {
    expect(summarise([], ['A', 'B'])).toEqual({
      agreement: { clauses: 0, agreed: 0, agreedAdRef: 0, disputed: 0, reserved: 0, open: 0, stale: 0, invalid: 0, percent: 0 },
      parties: { A: { accepted: 0, acceptedAdRef: 0, reserved: 0, disputed: 0, open: 0 }, B: { accepted: 0, acceptedAdRef: 0, reserved: 0, disputed: 0, open: 0 } },
    });
  });

  it('no parties: every clause open, nothing agreed', () => {
    const s = summarise([view('c1', []), view('c2', [])], []);
    expect(s.agreement).toMatchObject({ clauses: 2, open: 2, agreed: 0, percent: 0 });
    expect(s.parties).toEqual({});
  });

  it('all stale: no agreement, acceptances counted open, objections kept', () => {
    const s = summarise(
      [view('c1', [pos('A', 'accepted', true), pos('B', 'accepted', true)]), view('c2', [pos('A', 'accepted-ad-ref', true), pos('B', 'disputed', true)])],
      ['A', 'B'],
    );
    expect(s.agreement).toMatchObject({ clauses: 2, agreed: 0, agreedAdRef: 0, open: 1, disputed: 1, stale: 2, percent: 0 });
    expect(s.parties.A).toEqual({ accepted: 0, acceptedAdRef: 0, reserved: 0, disputed: 0, open: 2 });
    expect(s.parties.B).toEqual({ accepted: 0, acceptedAdRef: 0, reserved: 0, disputed: 1, open: 1 });
  });

  it('counts ad referendum apart, and clauses with invalid records', () => {
    const s = summarise(
      [view('c1', [pos('A', 'accepted'), pos('B', 'accepted')]), view('c2', [pos('A', 'accepted'), pos('B', 'accepted-ad-ref', false, 2)]), view('c3', [pos('A', 'open'), pos('B', 'reserved')])],
      ['A', 'B'],
    );
    expect(s.agreement).toEqual({ clauses: 3, agreed: 1, agreedAdRef: 1, disputed: 0, reserved: 1, open: 0, stale: 0, invalid: 1, percent: 33.3 });
  });

  it('the package sums documents and recomputes the percent (not an average)', () => {
    const big = summarise(Array.from({ length: 9 }, (_, i) => view(`c${i}`, [pos('A', 'accepted')])), ['A']);
    const small = summarise([view('x', [pos('A', 'open')])], ['A']);
    const pkg = combineSummaries([big, small]);
    expect(pkg.agreement).toMatchObject({ clauses: 10, agreed: 9, open: 1, percent: 90 });
    expect(pkg.parties.A).toMatchObject({ accepted: 9, open: 1 });
    expect(combineSummaries([]).agreement.percent).toBe(0);
  });

  it(`the incremental tally equals a full recount after any edits (seed ${SEED}; replay: CHANCERY_SEED=${SEED})`, () => {
    const random = seededRandom(SEED);
    const int = (k: number) => Math.floor(random() * k);
    const statuses: PartyPosition['status'][] = ['accepted', 'accepted-ad-ref', 'reserved', 'disputed', 'open'];
    const codes = ['A', 'B', 'C'];
    const tally = new AgreementTally(codes);
    const current = new Map<string, ClauseView>();
    for (let step = 0; step < 500; step++) {
      const id = `c${int(30)}`;
      if (random() < 0.15) {
        tally.delete(id);
        current.delete(id);
      } else {
        const v = view(id, codes.map((c) => pos(c, statuses[int(5)]!, random() < 0.2, random() < 0.1 ? 1 : 0)));
        tally.set(id, v);
        current.set(id, v);
      }
      expect(tally.summary(), `step ${step}`).toEqual(summarise([...current.values()], codes));
    }
  });
});
