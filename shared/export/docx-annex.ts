import { HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ExportPackage } from './export-model';
import { ANNEX_CLAUSE_HEADER, ANNEX_TITLE, legendLines, statusCell } from './export-text';

/**
 * The annex of a marked-up DOCX: one table per document, clause × party, each cell the party's
 * status in words ("Reserved", "Accepted (earlier text)") so a capital sees at a glance who
 * holds what without reading every footnote, and a stale or unverifiable position is never read
 * as agreement. Cell words come from `export-text.ts`, as in the HTML annex.
 */

function cell(text: string, bold = false): TableCell {
  const paragraph = bold ? new Paragraph({ children: [new TextRun({ text, bold: true })] }) : new Paragraph(text);
  return new TableCell({ children: [paragraph] });
}

/** A fresh header row per table (docx components are not shared between tables). */
function headerRow(pkg: ExportPackage): TableRow {
  return new TableRow({
    tableHeader: true,
    children: [cell(ANNEX_CLAUSE_HEADER, true), ...pkg.parties.map((p) => cell(p.code, true))],
  });
}

/** The annex heading (on a new page), a table per document with clauses, and the legend. */
export function annexBlocks(pkg: ExportPackage): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun({ text: ANNEX_TITLE })] }),
  ];
  for (const doc of pkg.documents) {
    const rows: string[][] = [];
    for (const item of doc.content) {
      if (item.kind !== 'clause') continue;
      const byParty = new Map(item.positions.map((p) => [p.party, p]));
      rows.push([item.label, ...pkg.parties.map((party) => {
        const pos = byParty.get(party.code);
        return pos ? statusCell(pos) : '';
      })]);
    }
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: doc.title })] }));
    if (rows.length === 0) {
      out.push(new Paragraph({ children: [new TextRun({ text: 'No clauses.', italics: true })] }));
      continue;
    }
    out.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [headerRow(pkg), ...rows.map((cells) => new TableRow({ children: cells.map((text) => cell(text)) }))],
      }),
    );
  }
  out.push(...legendLines(pkg).map((l) => new Paragraph({ children: [new TextRun({ text: l, size: 18 })], spacing: { before: 60 } })));
  return out;
}
