import { describe, expect, it } from 'vitest';
import { nodeEd25519, signerFromPrivateKey } from '../../electron/headless/crypto/node-ed25519';
import { seededRandom } from '../testing/seeded-random';
import { TestKeys } from '../testing/test-keys';
import { buildPositionWorld, draw, type PositionWorld } from '../testing/position-world';
import { FORGERY_KINDS, generateForgery, type ForgeryCase, type ForgeryKind } from '../testing/position-forgery';
import { summarise } from './agreement';
import type { ClausePositions } from './model';
import { judgeRecord, resolveClause, type JudgedRecord } from './position-resolution';
import { ResolvedRoster } from './roster';
import { SignatureCache } from './signing';

/**
 * The property the brief asks of positions: whatever an attacker stores — a field changed after
 * signing, a signature from another record, a key of another party or negotiation, a record
 * copied onto another clause or document, a removed member or an observer signing, a member
 * enrolled by someone who is not the head, an older record replayed, an old acceptance carried
 * onto changed text — none of it counts: it is shown invalid (or stale), no winner changes, and no
 * agreement figure moves.
 *
 * CHANCERY_SEED=<n> replays one seed; CHANCERY_FORGERY_CASES=20000 runs the long mode.
 */

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const SEED = Number(env.CHANCERY_SEED ?? 6006);
const CASES = Number(env.CHANCERY_FORGERY_CASES ?? 1100);

const signatures = new SignatureCache(nodeEd25519);

function resolveWorld(w: PositionWorld, c: ForgeryCase | null) {
  const rosterEntries = new Map<string, unknown>([...w.roster, ...(c?.setup ?? []), ...(c?.roster ?? [])]);
  const roster = ResolvedRoster.resolve({ workspaceId: w.workspaceId, convener: w.convener.publicKey, entries: rosterEntries, signatures });
  const stored = new Map<string, unknown>(w.positions);
  // A replay re-adds the same value under the same key; a kept id stores another value over it.
  for (const [id, value] of c?.positions ?? []) stored.set(id, value);
  const judged: (JudgedRecord & { raw: unknown })[] = [];
  const verdicts = new Map<string, ReturnType<typeof judgeRecord>>();
  for (const [id, value] of stored) {
    const j = judgeRecord(id, value, { roster, signatures, workspaceId: w.workspaceId, docId: w.docId });
    verdicts.set(id, j);
    if (j.record) judged.push({ id, record: j.record, verdict: j.verdict, raw: value });
  }
  const clauses = w.clauses.map((clause) =>
    resolveClause(clause.id, c?.changedText.get(clause.id) ?? clause.hash, judged.filter((r) => r.record.clauseId === clause.id), roster.partyCodes()),
  );
  return { roster, verdicts, clauses, summary: summarise(clauses, roster.partyCodes()) };
}

const outcome = (clauses: ClausePositions[]) =>
  clauses.map((c) => ({ clause: c.clauseId, state: c.state, parties: c.parties.map((p) => [p.party, p.status, p.stale, p.record?.signature ?? null]) }));

const membership = (roster: ResolvedRoster) => ({
  parties: roster.view.parties,
  members: roster.view.members.map((m) => [m.key, m.role, m.party, m.since]),
});

describe(`forged, tampered and replayed records never count (seed ${SEED}; replay: CHANCERY_SEED=${SEED})`, () => {
  it(`${CASES} generated cases: each forged record is invalid or stale, and no winner or figure moves`, () => {
    const d = draw(seededRandom(SEED));
    const world = buildPositionWorld(new TestKeys(signerFromPrivateKey, d.random), d);
    const base = resolveWorld(world, null);
    // The baseline is what it claims: every stored record valid, the first clause agreed by all.
    expect([...base.verdicts.values()].every((v) => v.verdict.valid)).toBe(true);
    expect(base.clauses[0]!.state).toBe('agreed');
    expect(base.roster.view.events.every((e) => e.verdict.valid)).toBe(true);

    const figures = new Map<ForgeryKind, { cases: number; records: number; entries: number }>(FORGERY_KINDS.map((k) => [k, { cases: 0, records: 0, entries: 0 }]));
    for (let n = 0; n < CASES; n++) {
      // Every kind in turn, then at random, so a short run still covers all of them.
      const c = generateForgery(world, d, n < FORGERY_KINDS.length * 20 ? FORGERY_KINDS[n % FORGERY_KINDS.length] : undefined);
      const where = `case ${n} (${c.kind}: ${c.what}); replay: CHANCERY_SEED=${SEED}`;
      const got = resolveWorld(world, c);
      const f = figures.get(c.kind)!;
      f.cases += 1;

      for (const [id] of c.roster) {
        if (world.roster.some(([known]) => known === id)) continue;
        const event = got.roster.view.events.find((e) => e.id === id);
        expect(event?.verdict.valid, `${where}: roster entry ${id} counted`).toBe(false);
        f.entries += 1;
      }
      for (const [id] of c.setup) expect(got.roster.view.events.find((e) => e.id === id)?.verdict.valid, where).toBe(true);
      if (c.setup.length === 0) expect(membership(got.roster), where).toEqual(membership(base.roster));

      for (const [id] of c.positions) {
        const baselineRecord = world.positions.find(([known]) => known === id);
        if (baselineRecord && c.kind !== 'position-id-kept') continue; // the same record again: no new key
        expect(got.verdicts.get(id)?.verdict.valid, `${where}: record ${id} counted`).toBe(false);
        f.records += 1;
      }
      // Baseline verdicts stand (a forgery cannot invalidate what was validly signed, except
      // the record whose stored value it replaced under the same key).
      for (const [id] of world.positions) {
        if (c.kind === 'position-id-kept' && c.positions.some(([k]) => k === id)) continue;
        expect(got.verdicts.get(id)?.verdict.valid, `${where}: baseline record ${id} lost`).toBe(true);
      }

      if (c.kind === 'acceptance-on-changed-text') {
        for (const [clauseId] of c.changedText) {
          const clause = got.clauses.find((x) => x.clauseId === clauseId)!;
          expect(['agreed', 'agreed-ad-ref'], where).not.toContain(clause.state);
          for (const p of clause.parties) if (p.status === 'accepted' || p.status === 'accepted-ad-ref') expect(p.stale, where).toBe(true);
          f.records += clause.parties.filter((p) => p.stale).length;
        }
        expect(got.summary.agreement.agreed, where).toBeLessThan(base.summary.agreement.agreed);
        continue;
      }
      // Nothing moves: the same winners, states and figures (only the invalid count may grow).
      // A value stored over a record's key (which the gate refuses, but a damaged file may hold)
      // is as if that record were missing: compare with the world without it.
      const overridden = c.kind === 'position-id-kept' ? new Set(c.positions.map(([id]) => id)) : new Set<string>();
      const expected = overridden.size === 0 ? base : resolveWorld({ ...world, positions: world.positions.filter(([id]) => !overridden.has(id)) }, null);
      expect(outcome(got.clauses), where).toEqual(outcome(expected.clauses));
      const { invalid: _a, ...gotFigures } = got.summary.agreement;
      const { invalid: _b, ...expectedFigures } = expected.summary.agreement;
      expect(gotFigures, where).toEqual(expectedFigures);
      expect(got.summary.parties, where).toEqual(expected.summary.parties);
    }

    const rows = [...figures].map(([k, v]) => `  ${k.padEnd(30)} ${String(v.cases).padStart(5)} cases ${String(v.records).padStart(5)} records ${String(v.entries).padStart(5)} roster entries`);
    const totals = [...figures.values()].reduce((a, v) => ({ cases: a.cases + v.cases, records: a.records + v.records, entries: a.entries + v.entries }), { cases: 0, records: 0, entries: 0 });
    console.log(`forgery seed ${SEED}: ${totals.cases} cases, ${totals.records} forged records and ${totals.entries} forged roster entries, none counted\n${rows.join('\n')}`);
    expect(totals.records + totals.entries).toBeGreaterThanOrEqual(1000);
  }, 120_000);
});
