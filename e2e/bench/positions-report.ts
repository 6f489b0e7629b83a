/** Row 5 of the table (clause positions: typing, meter, recompute, verify at open) and its note. */
import type { KeystrokeLatency } from './keystroke-latency';
import type { MeterLatency } from './meter-latency';
import type { IncrementalRecompute, VerifyAtOpen } from './positions-cost';
import type { PositionsSeedStats } from './positions-workspace';
import { ms, NA, ratio, type Row } from './report-table';
import { median, quantile } from './stats';

const thousands = (n: number) => n.toLocaleString('en-US');
const q = (values: readonly number[] | undefined, p: number) => (values && values.length ? quantile(values, p) : NaN);

function pair(a: number, b: number, decimals = 1): string {
  return Number.isFinite(a) && Number.isFinite(b) ? `${a.toFixed(decimals)} / ${b.toFixed(decimals)} ms` : NA;
}

/** A ratio far below 1 (incremental vs full), with two significant digits instead of "0.00×". */
function small(r: number): string {
  return Number.isFinite(r) ? `${r < 0.1 ? r.toPrecision(2) : r.toFixed(2)}×` : NA;
}

export interface PositionsResults {
  typingDoc?: { words: number; clauses: number; stats: PositionsSeedStats };
  largeStats?: PositionsSeedStats;
  keys?: KeystrokeLatency;
  meter?: MeterLatency;
  recompute?: IncrementalRecompute;
  verify?: VerifyAtOpen;
}

export function positionsRows(r: PositionsResults, keysPerEditor: number): Row[] {
  const doc = r.typingDoc;
  const what = doc ? `${thousands(doc.words)}-word doc, ${doc.clauses} clauses × 4 signed positions` : 'positions typing doc';
  const rows: Row[] = [];
  for (const [label, p, target] of [
    ['p50', 0.5, '— (bare ≈ 13–16 ms here)'],
    ['p95', 0.95, '≤ 1.1× bare'],
  ] as const) {
    const a = q(r.keys?.app, p);
    const b = q(r.keys?.bare, p);
    rows.push({
      measure: `5${label === 'p50' ? 'a' : 'b'}. Keystroke → paint ${label}, ${what}, ${keysPerEditor} keys`,
      app: ms(a, 1),
      baseline: r.keys ? `${ms(b, 1)} bare y-prosemirror, same doc` : NA,
      ratio: ratio(a, b),
      target,
    });
  }
  const m50 = q(r.meter?.meter, 0.5);
  const m95 = q(r.meter?.meter, 0.95);
  const k50 = q(r.meter?.paint, 0.5);
  const k95 = q(r.meter?.paint, 0.95);
  rows.push({
    measure: `5c. Keystroke in an agreed clause → meter and clause state painted, ${r.meter?.meter.length ?? 0} keys, p50 / p95`,
    app: pair(m50, m95),
    baseline: r.meter ? `${pair(k50, k95)} same keys → character painted` : NA,
    ratio: `${ratio(m50, k50)} / ${ratio(m95, k95)}`,
    target: '— (incremental, not a full recount)',
  });
  const i50 = q(r.recompute?.incremental, 0.5);
  const i95 = q(r.recompute?.incremental, 0.95);
  const full = r.recompute ? median(r.recompute.full) : NaN;
  rows.push({
    measure: `5d. Main's positions recompute per typed update (incremental), ${r.recompute?.incremental.length ?? 0} updates, p50 / p95`,
    app: pair(i50, i95, 3),
    baseline: r.recompute ? `${ms(full, 1)} full recount of the doc (signatures memoised), median of ${r.recompute.full.length}` : NA,
    ratio: small(i50 / full),
    target: '—',
  });
  const v = r.verify ? median(r.verify.verify) : NaN;
  const plain = r.verify ? median(r.verify.plain) : NaN;
  rows.push({
    measure: `5e. Open + verify every signature + package agreement, 5 docs, ${thousands(r.verify?.clauses ?? 0)} clauses, ${thousands(r.verify?.records ?? 0)} records, median of ${r.verify?.verify.length ?? 0}`,
    app: ms(v),
    baseline: r.verify ? `${ms(plain)} plain Yjs load of every doc` : NA,
    ratio: ratio(v, plain),
    target: '—',
  });
  return rows;
}

export function positionsNote(r: PositionsResults): string {
  const parts: string[] = [];
  if (r.typingDoc) {
    const s = r.typingDoc.stats;
    parts.push(`Positions docs: typing doc ${s.records} records (${s.agreedClauses} of ${s.clauses} clauses agreed by all)${r.largeStats ? `; 2,000-clause workspace ${thousands(r.largeStats.records)} records (${r.largeStats.agreedClauses} agreed)` : ''}, convener + one head per party, all valid.`);
  }
  if (r.meter) {
    parts.push(
      `Meter (5c): each key at the end of a different agreed clause (${r.meter.agreedAtStart} agreed at start), keydown → the painted frame in which the package meter's aria-valuenow had changed and the clause's data-state was no longer "agreed"; runs ${r.meter.meter.map((x) => x.toFixed(0)).join(', ')} ms.`,
    );
  }
  if (r.recompute) {
    parts.push(
      `Recompute (5d): the positions service's session listener timed around its call, ${r.recompute.updates} typed updates in bursts into random clauses (${r.recompute.announced} announced a clause change); max ${ms(Math.max(...r.recompute.incremental), 2)}; full recount runs ${r.recompute.full.map((x) => x.toFixed(0)).join(', ')} ms.`,
    );
  }
  if (r.verify) {
    const load = median(r.verify.loadOnly);
    parts.push(
      `Verify at open (5e): openReadOnly + positions.packageAgreement (fresh session: every signature checked once, package ${r.verify.percent}% agreed); the same session opening and loading every doc without positions: median ${ms(load)} (so positions add ${ms(median(r.verify.verify) - load)}); plain Yjs runs ${r.verify.plain.map((x) => x.toFixed(0)).join(', ')} ms; verify runs ${r.verify.verify.map((x) => x.toFixed(0)).join(', ')} ms.`,
    );
  }
  return parts.join(' ');
}
