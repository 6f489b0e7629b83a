import type { LossCounts, SeedResult } from './run-seed';

/**
 * The convergence test's console summary: what ran and, above all, what was lost and why, so the
 * figures in the issue's note can be read off one run.
 */

export interface Summary {
  seeds: number;
  ops: number;
  typed: number;
  lostTypedToDeletion: number;
  lostTypedToReplacement: number;
  lostTypedToRepair: number;
  seedsWithRepairs: number;
  repairNodes: number;
  resolvedIds: number;
  byCause: LossCounts;
  seededByCause: LossCounts;
  duplicatedTokens: number;
  invariantFixes: number;
  seedsWithGaps: number;
  opKinds: LossCounts;
}

function add(into: LossCounts, from: LossCounts): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

const total = (counts: LossCounts, cls: string) =>
  [...counts].filter(([k]) => k.startsWith(`${cls}:`)).reduce((sum, [, v]) => sum + v, 0);

export function summarise(results: readonly SeedResult[]): Summary {
  const byCause: LossCounts = new Map();
  const seededByCause: LossCounts = new Map();
  const opKinds: LossCounts = new Map();
  for (const r of results) {
    add(byCause, r.lostTyped);
    add(seededByCause, r.lostSeeded);
    add(opKinds, r.opKinds);
  }
  return {
    seeds: results.length,
    ops: results.reduce((s, r) => s + [...r.opKinds.values()].reduce((a, b) => a + b, 0), 0),
    typed: results.reduce((s, r) => s + r.typed, 0),
    lostTypedToDeletion: total(byCause, 'deletion'),
    lostTypedToReplacement: total(byCause, 'replacement'),
    lostTypedToRepair: total(byCause, 'schema-repair'),
    seedsWithRepairs: results.filter((r) => r.schemaRepairNodes > 0).length,
    repairNodes: results.reduce((s, r) => s + r.schemaRepairNodes, 0),
    resolvedIds: results.reduce((s, r) => s + r.resolvedIds, 0),
    byCause,
    seededByCause,
    duplicatedTokens: results.reduce((s, r) => s + r.duplicatedTokens, 0),
    invariantFixes: results.reduce((s, r) => s + r.invariantFixes, 0),
    seedsWithGaps: results.filter((r) => r.gapsAfterMerge > 0).length,
    opKinds,
  };
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '0%');

function byKind(counts: LossCounts, cls: string): string {
  const rows = [...counts]
    .filter(([k]) => k.startsWith(`${cls}:`))
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k.slice(cls.length + 1)} ${v}`);
  return rows.length ? rows.join(', ') : 'none';
}

export function formatSummary(s: Summary, peers: number, seconds: number): string {
  return [
    `convergence: ${s.seeds} seeds × ${s.ops / Math.max(1, s.seeds)} ops, ${peers} peers, ${seconds.toFixed(1)} s`,
    `  ops: ${[...s.opKinds].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  tokens typed: ${s.typed}; removed by a user who saw them ${total(s.byCause, 'edited')} (${byKind(s.byCause, 'edited')})`,
    `  tokens lost: to a concurrent deletion ${s.lostTypedToDeletion} (${pct(s.lostTypedToDeletion, s.typed)}), to replacement ${s.lostTypedToReplacement} (${pct(s.lostTypedToReplacement, s.typed)}), to schema repair ${s.lostTypedToRepair}`,
    `  lost to deletion by op: ${byKind(s.byCause, 'deletion')}`,
    `  lost to replacement by op: ${byKind(s.byCause, 'replacement')}`,
    `  starting text lost: deletion ${total(s.seededByCause, 'deletion')}, replacement ${total(s.seededByCause, 'replacement')} (${byKind(s.seededByCause, 'replacement')}), schema repair ${total(s.seededByCause, 'schema-repair')}`,
    `  schema-repair deletions: ${s.repairNodes} nodes in ${s.seedsWithRepairs} of ${s.seeds} seeds`,
    `  duplicate clause ids resolved by the hubs: ${s.resolvedIds}; tokens visible twice at the end: ${s.duplicatedTokens}`,
    `  invariant fixes appended to local edits: ${s.invariantFixes}; seeds whose final merge left a gap for the next edit: ${s.seedsWithGaps}`,
  ].join('\n');
}
