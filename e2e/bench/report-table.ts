/** The one table `npm run bench` prints, plus number formatting shared by its rows. */

export interface Row {
  measure: string;
  app: string;
  baseline: string;
  ratio: string;
  target: string;
}

const HEADER: Row = {
  measure: 'Measure',
  app: 'This run',
  baseline: 'Baseline (same run)',
  ratio: 'Ratio',
  target: 'Target (brief)',
};

const COLUMNS: (keyof Row)[] = ['measure', 'app', 'baseline', 'ratio', 'target'];

/** A Markdown-compatible table, aligned for a terminal. */
export function renderTable(rows: readonly Row[]): string {
  const all = [HEADER, ...rows];
  const width = (c: keyof Row) => Math.max(...all.map((r) => r[c].length));
  const line = (r: Row) => `| ${COLUMNS.map((c) => r[c].padEnd(width(c))).join(' | ')} |`;
  const rule = `|${COLUMNS.map((c) => '-'.repeat(width(c) + 2)).join('|')}|`;
  return [line(HEADER), rule, ...rows.map(line)].join('\n');
}

export const NA = 'n/a';

export function ms(value: number, decimals = 0): string {
  return Number.isFinite(value) ? `${value.toFixed(decimals)} ms` : NA;
}

export function bytes(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')} B` : NA;
}

export function ratio(value: number, baseline: number): string {
  const r = value / baseline;
  if (!Number.isFinite(r)) return NA;
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}
