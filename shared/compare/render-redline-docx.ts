import { DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { DOCX_STYLES, pageSection } from '../export/docx-page';
import { clauseLabelText } from '../export/export-text';
import type { BlockComparison, ClauseComparison, DiffParagraph, DocumentComparison, WorkspaceComparison } from './compare-model';
import {
  clauseHeadLabel,
  countsLines,
  documentPositionLines,
  documentPresenceText,
  movedMarker,
  oldTitleText,
  POSITION_CHANGES_TITLE,
  positionChangeText,
  redlineTitle,
  renumberedMarker,
  stateChangeText,
  versionLine,
} from './redline-text';

/**
 * The redline as delegations exchange it: a Word file whose changes are real revision marks
 * (`w:ins` / `w:del` with author and date), so a recipient can step through, accept or reject
 * them in Word's Track Changes exactly as with a secretariat's compilation. Clauses come aligned
 * by stable id from the comparison, so an inserted clause is one inserted paragraph, not every
 * later paragraph rewritten. Annotations a reader needs but that are not text changes — "(was 4)",
 * "Moved from after para 3", position changes — are plain italic text beside the revisions, in
 * the words of `redline-text.ts`, as the HTML and PDF redlines print them.
 */

/** Who and when every revision mark is attributed to. */
export interface RedlineDocxOptions {
  author: string;
  /** ISO 8601. */
  date: string;
}

/** Hands out revision ids, unique across the file as Word requires. */
class Revisions {
  private next = 1;
  constructor(private readonly opts: RedlineDocxOptions) {}

  insert(text: string, extra: { bold?: boolean } = {}): InsertedTextRun {
    return new InsertedTextRun({ text, id: this.next++, author: this.opts.author, date: this.opts.date, ...extra });
  }

  delete(text: string, extra: { bold?: boolean } = {}): DeletedTextRun {
    return new DeletedTextRun({ text, id: this.next++, author: this.opts.author, date: this.opts.date, ...extra });
  }

  /** The mark on a paragraph's own end, so accepting the change adds or removes the whole paragraph. */
  mark(): { id: number; author: string; date: string } {
    return { id: this.next++, author: this.opts.author, date: this.opts.date };
  }
}

const HEADINGS = [HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

function italic(text: string): TextRun {
  return new TextRun({ text, italics: true });
}

function diffRuns(paragraph: DiffParagraph, rev: Revisions): ParagraphChild[] {
  return paragraph.runs.map((run) =>
    run.op === 'insert' ? rev.insert(run.text) : run.op === 'delete' ? rev.delete(run.text) : new TextRun({ text: run.text }),
  );
}

/** The label run(s) of a clause: "5 bis." (inserted or struck with an added or removed clause) and its markers. */
function clauseHead(clause: ClauseComparison, rev: Revisions): ParagraphChild[] {
  const label = `${clauseLabelText(clauseHeadLabel(clause))}`;
  const head: ParagraphChild[] = [];
  if (clause.kind === 'added') head.push(rev.insert(label, { bold: true }));
  else if (clause.kind === 'removed') head.push(rev.delete(label, { bold: true }));
  else head.push(new TextRun({ text: label, bold: true }));
  if (clause.renumbered) head.push(italic(` ${renumberedMarker(clause)}`));
  head.push(new TextRun({ text: '\t' }));
  if (clause.moved) head.push(italic(`(${movedMarker(clause)}) `));
  return head;
}

function clauseParagraphs(clause: ClauseComparison, rev: Revisions): Paragraph[] {
  const whole = clause.kind === 'added' ? 'insertion' : clause.kind === 'removed' ? 'deletion' : null;
  const paragraphs = clause.paragraphs.length > 0 ? clause.paragraphs : [{ runs: [] }];
  const out = paragraphs.map((para, i) => {
    const children = [...(i === 0 ? clauseHead(clause, rev) : []), ...diffRuns(para, rev)];
    return new Paragraph({ children, ...(whole ? { run: { [whole]: rev.mark() } } : {}) });
  });
  const notes = [stateChangeText(clause), ...clause.positionChanges.map(positionChangeText)].filter((t): t is string => t !== null);
  if (clause.positionChanges.length > 0 || notes.length > 0) {
    const text = clause.positionChanges.length > 0 ? `${POSITION_CHANGES_TITLE}: ${notes.join('; ')}` : notes.join('; ');
    out.push(new Paragraph({ indent: { left: 720 }, children: [new TextRun({ text, italics: true, size: 18 })] }));
  }
  return out;
}

function blockParagraphs(block: BlockComparison, rev: Revisions): Paragraph[] {
  const heading = block.level > 0 ? HEADINGS[Math.min(block.level, HEADINGS.length) - 1] : undefined;
  return block.paragraphs.map((para) => new Paragraph({ heading, children: diffRuns(para, rev) }));
}

function documentParagraphs(doc: DocumentComparison, cmp: WorkspaceComparison, rev: Revisions): Paragraph[] {
  const out: Paragraph[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun({ text: doc.title })] })];
  for (const note of [documentPresenceText(doc, cmp), oldTitleText(doc)]) if (note) out.push(new Paragraph({ children: [italic(note)] }));
  out.push(new Paragraph({ children: [italic(countsLines(doc.counts).join('; '))] }));
  for (const item of doc.items) {
    if (item.kind === 'clause') out.push(...clauseParagraphs(item.clause, rev));
    else out.push(...blockParagraphs(item, rev));
  }
  const lines = documentPositionLines(doc);
  if (lines.length > 0) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: POSITION_CHANGES_TITLE })] }));
    for (const line of lines) out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: line })] }));
  }
  return out;
}

function coverParagraphs(cmp: WorkspaceComparison): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: cmp.title })] }),
    new Paragraph({ children: [new TextRun({ text: `Comparison of ${versionLine(cmp.older)} with ${versionLine(cmp.newer)}`, bold: true })] }),
    new Paragraph({ children: [italic('Changes are Word revision marks: insertions underlined, deletions struck through; review them with Track Changes.')] }),
    ...countsLines(cmp.counts).map((line) => new Paragraph({ children: [new TextRun({ text: line })] })),
  ];
}

/**
 * Renders the comparison as a DOCX with Word revision marks attributed to `author` at `date`
 * (A4, running title, "Page N of M", like every Chancery DOCX): a cover with what was compared
 * and the tallies, then each document with its clauses in the newer reading order.
 */
export async function renderRedlineDocx(cmp: WorkspaceComparison, opts: RedlineDocxOptions): Promise<Uint8Array> {
  const rev = new Revisions(opts);
  const children: Paragraph[] = [...coverParagraphs(cmp)];
  for (const doc of cmp.documents) children.push(...documentParagraphs(doc, cmp, rev));
  const document = new Document({
    title: redlineTitle(cmp),
    creator: 'Chancery',
    styles: DOCX_STYLES,
    sections: [pageSection(redlineTitle(cmp), children)],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
