/** Row 5 of the table (clause positions: typing, meter, recompute, checking at open) and its note. */
import type { CheckingAtOpen } from './checking-cost';
import type { KeystrokeLatency } from './keystroke-latency';
import type { MeterLatency } from './meter-latency';
import type { IncrementalRecompute } from './positions-cost';
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
  checking?: CheckingAtOpen;
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
  const c = r.checking;
  const at = (values: readonly number[] | undefined) => (values && values.length ? median(values) : NaN);
  const final = at(c?.final);
  const plain = at(c?.plain);
  rows.push({
    measure: `5e. Open → package agreement as the window asks (every signature checked, in slices), 5 docs, ${thousands(c?.clauses ?? 0)} clauses, ${thousands(c?.records ?? 0)} records, median of ${c?.final.length ?? 0}`,
    app: ms(final),
    baseline: c ? `${ms(plain)} plain Yjs load of every doc` : NA,
    ratio: ratio(final, plain),
    target: '—',
  });
  const openDoc = at(c?.openDoc);
  const alone = at(c?.openDocAlone);
  rows.push({
    measure: `5f. While 5e runs: the 1st doc's openDoc, asked in the next turn, served after (median)`,
    app: ms(openDoc),
    baseline: c ? `${ms(alone)} the same openDoc with nothing else running` : NA,
    ratio: ratio(openDoc, alone),
    target: '≤ 500 ms to an editable 1st doc (row 1e)',
  });
  const stall = at(c?.stall);
  rows.push({
    measure: `5g. While 5e runs: longest stall of main's event loop (what a keystroke's pushUpdate may wait), median of per-run maxima`,
    app: ms(stall, 1),
    baseline: c ? `${ms(alone)} one openDoc (a document load is one block)` : NA,
    ratio: ratio(stall, alone),
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
  if (r.checking) {
    const c = r.checking;
    const runs = (values: readonly number[]) => values.map((x) => x.toFixed(0)).join(', ');
    parts.push(
      `Checking at open (5e–5g): openReadOnly + positions.checkedPackageAgreement([1st doc]) (fresh session: every signature checked once, package ${c.percent}% agreed), the 1st doc's getDoc + encode queued with setImmediate right after; ` +
        `final figures runs ${runs(c.final)} ms; openDoc served runs ${runs(c.openDoc)} ms; longest stall runs ${runs(c.stall)} ms. ` +
        `The same figures all at once (packageAgreement, the CLI's info and verify): median ${ms(median(c.allAtOnce))}, runs ${runs(c.allAtOnce)} ms; plain Yjs runs ${runs(c.plain)} ms.`,
    );
  }
  return parts.join(' ');
}
