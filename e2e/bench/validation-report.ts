/** Row 4 of the table (validation cost per update, validation-cost.ts) and its note. */
import { NA, ratio, type Row } from './report-table';
import { median, quantile } from './stats';
import type { Samples, ValidationCost } from './validation-cost';

const thousands = (n: number) => n.toLocaleString('en-US');

/** "a / b ms" for two figures below a few ms, where hundredths matter. */
function pair(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) ? `${a.toFixed(2)} / ${b.toFixed(2)} ms` : NA;
}

function p50p95(values: readonly number[]): [number, number] {
  return values.length ? [quantile(values, 0.5), quantile(values, 0.95)] : [NaN, NaN];
}

function row(measure: string, app: readonly number[], base: readonly number[], baseName: string, target: string): Row {
  const [a50, a95] = p50p95(app);
  const [b50, b95] = p50p95(base);
  return {
    measure,
    app: pair(a50, a95),
    baseline: `${pair(b50, b95)} ${baseName}`,
    ratio: `${ratio(a50, b50)} / ${ratio(a95, b95)}`,
    target,
  };
}

const GATE = 'Y.applyUpdate, plain Y.Doc';
const STORE = 'appendUpdate + Y.applyUpdate';

export function validationRows(cost: ValidationCost | undefined, doc: { words: number; clauses: number } | undefined): Row[] {
  const empty: Samples = { hub: [], store: [], gate: [], apply: [], check: [] };
  const typed = cost?.typed ?? empty;
  const structural = cost?.structural ?? empty;
  const what = doc ? `${thousands(doc.words)}-word doc, ${doc.clauses} clauses` : 'typing doc';
  const first = cost?.first ?? [];
  const firstHub = first.length ? median(first.map((f) => f.hub)) : NaN;
  const firstStore = first.length ? median(first.map((f) => f.store)) : NaN;
  return [
    row(`4a. Check per typed char (UpdateGate.admit), ${what}, ${typed.gate.length} updates, p50 / p95`, typed.gate, typed.apply, GATE, '— (row 2 unchanged)'),
    row(
      `4b. Hub path per typed char (applyRendererUpdate: check, SQLite append, apply, ids), p50 / p95`,
      typed.hub,
      typed.store,
      STORE,
      '— (row 2 unchanged)',
    ),
    row(`4c. Check per Enter / new clause (UpdateGate.admit), ${structural.gate.length} updates, p50 / p95`, structural.gate, structural.apply, GATE, '—'),
    row(`4d. Hub path per Enter / new clause (applyRendererUpdate), p50 / p95`, structural.hub, structural.store, STORE, '—'),
    {
      measure: `4e. First push after opening (hub path; the gate builds its scratch copy), median of ${first.length} opens`,
      app: Number.isFinite(firstHub) ? `${firstHub.toFixed(1)} ms` : NA,
      baseline: Number.isFinite(firstStore) ? `${firstStore.toFixed(2)} ms ${STORE}` : NA,
      ratio: ratio(firstHub, firstStore),
      target: '—',
    },
  ];
}

export function validationNote(cost: ValidationCost): string {
  const q = (values: readonly number[]) => {
    const [a, b] = p50p95(values);
    return pair(a, b);
  };
  const max = (values: readonly number[]) => (values.length ? `${Math.max(...values).toFixed(1)} ms` : NA);
  const gateFirst = cost.first.map((f) => f.gate);
  return (
    `Validation (in this Node process, the same replica updates fed to every path in rotating order, first update excluded from 4a–4d): ` +
    `updates are y-prosemirror's own writes (updateYFragment) from a replica of the ${thousands(cost.stateBytes)}-byte doc, median ` +
    `${cost.updateBytes.typed} B typed, ${cost.updateBytes.structural} B structural. checkTransaction alone (timed inside admit), p50 / p95: typed ${q(cost.typed.check)}, ` +
    `structural ${q(cost.structural.check)}; the rest of admit is decoding the update and applying it to the scratch copy. ` +
    `Max: hub ${max(cost.typed.hub)}, store baseline ${max(cost.typed.store)}, gate ${max(cost.typed.gate)} (GC and fsync outliers). ` +
    `First admit alone (scratch copy built): median ${median(gateFirst).toFixed(1)} ms, runs ${gateFirst.map((x) => x.toFixed(0)).join(', ')} ms. ` +
    `Compaction (every 500 stored updates, not in these samples): ${cost.compactionMs.toFixed(0)} ms.`
  );
}
