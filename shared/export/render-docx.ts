import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun, type ParagraphChild, type Table } from 'docx';
import type { ExportClause, ExportOptions, ExportPackage } from './export-model';
import { cleanNote, clauseLabelText, documentFigureText, OPTION_ONE_PREFIX, optionAttribution, optionBody, versionText } from './export-text';
import { annexBlocks } from './docx-annex';
import { blockParagraphs, clauseParagraphs } from './docx-content';
import { coverBlocks } from './docx-cover';
import { DOCX_STYLES, pageSection } from './docx-page';

/**
 * The DOCX export: what delegations actually exchange, since every capital opens Word. The
 * marked-up version carries the conventions readers expect of a negotiating text — disputed and
 * reserved clauses in square brackets, alternative wordings as `[Option n: …]` with the parties
 * proposing them, real Word footnotes naming who disputes, reserves or accepts ad referendum —
 * plus a cover with the figures and an annex table. The clean version is the bare text with
 * its numbering, optionally only the agreed clauses. Everything printed comes from the
 * ExportPackage and the wording in `export-text.ts`, so DOCX, HTML and PDF never disagree.
 */

type FootnoteMap = Record<string, { children: Paragraph[] }>;

/** Collects footnotes as clauses are rendered; ids are unique across the whole file. */
class Footnotes {
  readonly map: FootnoteMap = {};
  private next = 1;

  add(text: string): FootnoteReferenceRun {
    const id = this.next++;
    this.map[String(id)] = { children: [new Paragraph({ children: [new TextRun({ text })] })] };
    return new FootnoteReferenceRun(id);
  }
}

function labelRun(label: string): TextRun {
  return new TextRun({ text: `${clauseLabelText(label)}\t`, bold: true });
}

/** A marked-up clause: label, brackets (Option 1 when alternatives exist), footnotes, then its options. */
function markedClause(clause: ExportClause, notes: Footnotes): Paragraph[] {
  const before: ParagraphChild[] = [labelRun(clause.label)];
  const after: ParagraphChild[] = [];
  const hasOptions = clause.options.length > 0;
  if (clause.bracketed || hasOptions) {
    before.push(new TextRun({ text: hasOptions ? `[${OPTION_ONE_PREFIX}` : '[' }));
    after.push(new TextRun({ text: ']' }));
  }
  for (const note of clause.footnotes) after.push(notes.add(note.text));
  const paragraphs = clauseParagraphs(clause.node, { before, after });
  for (const option of clause.options) {
    paragraphs.push(
      new Paragraph({
        indent: { left: 720 },
        children: [new TextRun({ text: `[${optionBody(option)}]` }), new TextRun({ text: ` ${optionAttribution(option)}`, italics: true })],
      }),
    );
  }
  return paragraphs;
}

function cleanClause(clause: ExportClause): Paragraph[] {
  return clauseParagraphs(clause.node, { before: [labelRun(clause.label)], after: [] });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore: boolean): Paragraph {
  return new Paragraph({ heading: level, pageBreakBefore, children: [new TextRun({ text })] });
}

/** The body (cover or clean title, documents, annex) and the footnotes it refers to. */
function body(pkg: ExportPackage, options: ExportOptions): { children: (Paragraph | Table)[]; footnotes: FootnoteMap } {
  const notes = new Footnotes();
  const children: (Paragraph | Table)[] = [];
  const marked = !options.clean;
  if (marked) {
    children.push(...coverBlocks(pkg));
  } else {
    children.push(heading(pkg.title, HeadingLevel.TITLE, false));
    children.push(new Paragraph({ children: [new TextRun({ text: cleanNote(pkg, options), italics: true })] }));
  }
  pkg.documents.forEach((doc, i) => {
    children.push(heading(doc.title, HeadingLevel.HEADING_1, marked || i > 0));
    if (marked) children.push(new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: documentFigureText(doc.agreement), italics: true })] }));
    for (const item of doc.content) {
      if (item.kind === 'block') children.push(...blockParagraphs(item.node));
      else if (marked) children.push(...markedClause(item, notes));
      else if (!options.agreedOnly || item.state === 'agreed') children.push(...cleanClause(item));
    }
  });
  if (marked) children.push(...annexBlocks(pkg));
  return { children, footnotes: notes.map };
}

/** The running title in every page header: the workspace, and which version of it this is. */
function runningTitle(pkg: ExportPackage, options: ExportOptions): string {
  return `${pkg.title} — ${options.clean ? cleanNote(pkg, options) : versionText(pkg)}`;
}

/**
 * Renders the package as a DOCX file (A4, running title, "Page N of M"). Marked-up unless
 * `options.clean`; with `agreedOnly` too, only clauses agreed by all are kept, numbered as in
 * the editor (a left-out clause leaves a gap in the numbers rather than renumbering the rest,
 * so "para 7" means the same paragraph in every version a delegation holds).
 */
export async function renderDocx(pkg: ExportPackage, options: ExportOptions): Promise<Uint8Array> {
  const { children, footnotes } = body(pkg, options);
  const doc = new Document({
    title: pkg.title,
    creator: 'Chancery',
    styles: DOCX_STYLES,
    footnotes,
    sections: [pageSection(runningTitle(pkg, options), children)],
  });
  const buffer = await Packer.toArrayBuffer(doc);
  return new Uint8Array(buffer);
}
