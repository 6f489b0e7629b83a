import { HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { AgreementFigures } from '../positions/model';
import type { ExportPackage } from './export-model';
import { coverText } from './export-text';

/**
 * The cover page of a marked-up DOCX: what a head of delegation reads before the text — which
 * version this is, who is at the table, how far agreement has got per document and for the
 * package, and the tallies observers otherwise count by hand. The sentences come from
 * `export-text.ts` so the DOCX cover says exactly what the HTML and PDF covers say; the figures
 * table repeats them in columns for a reader who compares documents.
 */

const FIGURE_HEADERS = ['Document', 'Clauses', 'Agreed by all', 'Ad referendum', 'Disputed', 'Reserved', 'Open', 'Agreement'];

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: bold || undefined })] })] });
}

function figureRow(name: string, f: AgreementFigures, bold = false): TableRow {
  const values = [name, f.clauses, f.agreed, f.agreedAdRef, f.disputed, f.reserved, f.open, `${f.percent.toFixed(1)}%`];
  return new TableRow({ children: values.map((v) => cell(String(v), bold)) });
}

function line(text: string, opts: { bold?: boolean; size?: number } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, bold: opts.bold, size: opts.size })] });
}

/** The cover's paragraphs and tables; the first document starts on the next page. */
export function coverBlocks(pkg: ExportPackage): (Paragraph | Table)[] {
  const c = coverText(pkg);
  const figures = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: FIGURE_HEADERS.map((h) => cell(h, true)) }),
      ...pkg.documents.map((d) => figureRow(d.title, d.agreement)),
      ...(pkg.documents.length > 1 || !pkg.partial ? [figureRow(pkg.partial ? 'This document' : 'Package', pkg.agreement, true)] : []),
    ],
  });
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: c.title })] }),
    line(c.version, { bold: true, size: 28 }),
    line(c.date),
    line('Marked-up text'),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: 'Parties' })] }),
    ...c.parties.map((p) => line(p)),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: 'Agreement' })] }),
    line(c.packageFigure, { bold: true }),
    ...c.documentFigures.map((f) => line(f)),
    figures,
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: 'Counts' })] }),
    ...c.counts.map((n) => line(n)),
  ];
}
