/** Row 7 of the table (export and compare, export-cost.ts) and its note. */
import type { ExportCost, ExportedWorkspace, Paired } from './export-cost';
import { bytes, ms, NA, ratio, type Row } from './report-table';
import { median } from './stats';

const thousands = (n: number) => n.toLocaleString('en-US');
const at = (values: readonly number[] | undefined) => (values && values.length ? median(values) : NaN);
/** Whole ms, with one decimal below 10 ms (a plain join of the sample's text takes under 1 ms). */
const fine = (value: number) => ms(value, value < 10 ? 1 : 0);
const runs = (values: readonly number[] | undefined) => (values ?? []).map((x) => x.toFixed(x < 10 ? 1 : 0)).join(', ');

function what(label: string, w: ExportedWorkspace | undefined): string {
  return w ? `${label} (${w.documents} docs, ${thousands(w.clauses)} clauses, ${thousands(w.words)} words)` : label;
}

function pairedRow(measure: string, p: Paired | undefined, baselineName: string, target: string): Row {
  const a = at(p?.app);
  const b = at(p?.baseline);
  return { measure, app: fine(a), baseline: p ? `${fine(b)} ${baselineName}` : NA, ratio: ratio(a, b), target };
}

export function exportRows(cost: ExportCost | undefined): Row[] {
  const n = cost?.runs ?? 0;
  const pdfN = cost?.pdfRuns ?? 0;
  const s = cost?.sample;
  const l = cost?.large;
  const c = cost?.compare;
  const pkgDocx = 'Packer.toBuffer of the same plain paragraphs';
  const pkgHtml = 'same text joined as plain <p> HTML';
  return [
    pairedRow(`7a. DOCX export, marked-up (build + renderDocx + write), ${what('sample', s)}, median of ${n}`, s?.docx, pkgDocx, '—'),
    pairedRow(`7b. DOCX export, marked-up, ${what('generated', l)}, median of ${n}`, l?.docx, pkgDocx, '≤ 2 s'),
    pairedRow(`7c. HTML export, marked-up (build + renderHtml + write), sample, median of ${n}`, s?.html, pkgHtml, '—'),
    pairedRow(`7d. HTML export, marked-up, generated, median of ${n}`, l?.html, pkgHtml, '—'),
    pairedRow(`7e. PDF export, marked-up (build + renderHtml + CLI printer + write), generated, median of ${pdfN}`, l?.pdf, 'same printer on the plain HTML', '—'),
    {
      measure: `7f. Compare two rounds of the generated workspace, ${c ? `${c.edited} of ${thousands(c.clauses)} clauses changed` : '10 % of clauses changed'} (compareWorkspaces alone), median of ${n}`,
      app: ms(at(c?.compare)),
      baseline: c ? `${ms(at(c.compareBaseline))} both packages' clause texts read + hashed` : NA,
      ratio: ratio(at(c?.compare), at(c?.compareBaseline)),
      target: '—',
    },
    {
      measure: `7g. Compare two rounds, open both + build both packages + compare, median of ${cost?.compareRuns ?? 0}`,
      app: ms(at(c?.full)),
      baseline: c ? `${ms(at(c.fullBaseline))} open both rounds + read + hash every clause` : NA,
      ratio: ratio(at(c?.full), at(c?.fullBaseline)),
      target: '—',
    },
  ];
}

function pairedNote(label: string, p: Paired | undefined): string {
  if (!p) return `${label}: n/a`;
  const warm = Number.isFinite(p.firstMs) ? ` (warm-up ${p.firstMs.toFixed(0)} ms)` : '';
  const pages = (n: number | undefined) => (p.pdf ? `, ${n} pages` : '');
  const printer = p.pdf ? ` printed by ${p.pdf.printer}:` : '';
  return (
    `${label}${printer} runs ${runs(p.app)} ms${warm}, of which building the package ${runs(p.buildMs)} ms, ${bytes(p.bytes)}${pages(p.pdf?.pages)}; ` +
    `baseline runs ${runs(p.baseline)} ms, ${bytes(p.baselineBytes)}${pages(p.pdf?.baselinePages)}`
  );
}

export function exportNote(cost: ExportCost): string {
  const parts: string[] = [
    `Export (row 7, in this Node process on a read-only session of each workspace, the marked-up version: cover, brackets, options, footnotes, annex table; ` +
      `measured path and baseline alternate run by run after one warm-up each; output written with writeFileSync, no fsync).`,
  ];
  for (const [label, w] of [
    ['sample', cost.sample],
    ['generated', cost.large],
  ] as const) {
    if (!w) continue;
    parts.push(
      `${label[0]!.toUpperCase()}${label.slice(1)}: first package built after opening (every doc loaded, every signature checked, as \`chancery export\` pays) ${ms(w.coldBuildMs)}; ` +
        [pairedNote('DOCX', w.docx), pairedNote('HTML', w.html), ...(w.pdf ? [pairedNote('PDF', w.pdf)] : [])].join('; ') +
        '.',
    );
  }
  const c = cost.compare;
  if (c) {
    const k = c.counts;
    parts.push(
      `Compare: round 1 cut (${ms(c.cutMs[0] ?? NaN)}), ${c.edited} clauses edited through a replica (${c.wordsReplaced} words replaced, ${c.wordsReplaced / Math.max(1, c.edited)} per clause), round 2 cut (${ms(c.cutMs[1] ?? NaN)}); ` +
        `compareWorkspaces found ${k.changed} changed, ${k.added} added, ${k.removed} removed, ${k.moved} moved, ${k.renumbered} renumbered, ${k.positionChanges} position changes, ` +
        `${k.wordsInserted} words inserted / ${k.wordsDeleted} deleted. Runs: compare ${runs(c.compare)} ms, build + compare ${runs(c.full)} ms.`,
    );
    if (k.changed !== c.edited) parts.push(`NOTE: compare reported ${k.changed} changed clauses where ${c.edited} were edited.`);
  }
  return parts.join(' ');
}
