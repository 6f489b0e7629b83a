import { HeadingLevel, Paragraph, TextRun, type ParagraphChild } from 'docx';
import type { Node as PMNode } from 'prosemirror-model';

/**
 * Turns the schema's content (paragraphs with heading levels, lists, clauses, marks, hard breaks)
 * into `docx` paragraphs, for the marked-up and clean exports alike. Lists become indented
 * paragraphs that carry their own "1." or "•" text rather than Word auto-numbering, so the number
 * a reader sees in Word, in LibreOffice and in the plain-text view is the one the editor showed,
 * even after a recipient's Word re-flows its numbering definitions.
 */

/** Twips of indent per list depth (a quarter inch reads as one step in Word). */
const LIST_INDENT = 360;

/** Document headings use Heading 1; a paragraph's level 1–3 sits below it. */
const BLOCK_HEADINGS = [HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

/**
 * What goes around a clause's own text: a run before the first paragraph's text (the label,
 * the opening bracket) and runs after the last paragraph's (the closing bracket, footnote
 * references). Each clause is one flat walk, so a 2,000-clause package stays linear.
 */
export interface ClauseFrame {
  before: ParagraphChild[];
  after: ParagraphChild[];
}

/** The runs of one text block: marks become bold/italic/underline, a hard break a line break. */
export function inlineRuns(node: PMNode): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  node.forEach((child) => {
    if (child.isText) {
      const marks = new Set(child.marks.map((m) => m.type.name));
      runs.push(
        new TextRun({
          text: child.text ?? '',
          bold: marks.has('strong') || undefined,
          italics: marks.has('em') || undefined,
          underline: marks.has('underline') ? {} : undefined,
        }),
      );
    } else if (child.type.name === 'hard_break') {
      runs.push(new TextRun({ break: 1 }));
    }
  });
  return runs;
}

interface Leaf {
  children: ParagraphChild[];
  level: number;
  indent: number;
  /** "1." / "•" for the first paragraph of a list item. */
  bullet?: string;
}

/** Flattens one flow node (a paragraph, a nested list, a clause) into leaf paragraphs with list prefixes. */
function collectLeaves(child: PMNode, depth: number, out: Leaf[]): void {
  if (child.type.name === 'paragraph') {
    out.push({ children: inlineRuns(child), level: child.attrs.level as number, indent: depth * LIST_INDENT });
  } else if (child.type.name === 'list') {
    const ordered = child.attrs.kind === 'ordered';
    let n = child.attrs.order as number;
    child.forEach((item) => {
      const start = out.length;
      item.forEach((c) => collectLeaves(c, depth + 1, out));
      if (out.length === start) out.push({ children: [], level: 0, indent: (depth + 1) * LIST_INDENT });
      out[start]!.bullet = ordered ? `${n}.` : '•';
      n += 1;
    });
  } else {
    child.forEach((c) => collectLeaves(c, depth, out));
  }
}

function leafParagraph(leaf: Leaf, extra?: { before?: ParagraphChild[]; after?: ParagraphChild[] }): Paragraph {
  const children: ParagraphChild[] = [];
  if (extra?.before) children.push(...extra.before);
  if (leaf.bullet) children.push(new TextRun({ text: `${leaf.bullet}\t` }));
  children.push(...leaf.children);
  if (extra?.after) children.push(...extra.after);
  const heading = leaf.level > 0 ? BLOCK_HEADINGS[Math.min(leaf.level, BLOCK_HEADINGS.length) - 1] : undefined;
  return new Paragraph({
    children,
    heading,
    indent: leaf.indent > 0 ? { left: leaf.indent + LIST_INDENT, hanging: LIST_INDENT } : undefined,
  });
}

/** A block outside any clause (heading, preamble, list), printed as it is. */
export function blockParagraphs(node: PMNode): Paragraph[] {
  const leaves: Leaf[] = [];
  collectLeaves(node, 0, leaves);
  return leaves.map((leaf) => leafParagraph(leaf));
}

/**
 * A clause's paragraphs, `frame.before` at the start of its first paragraph (so "5 bis." and the
 * opening bracket sit on the line of its text) and `frame.after` at the end of its last. A clause
 * with no text still prints its label and its frame, so a bracketed empty clause shows "[ ]".
 */
export function clauseParagraphs(node: PMNode, frame: ClauseFrame): Paragraph[] {
  const leaves: Leaf[] = [];
  node.forEach((c) => collectLeaves(c, 0, leaves));
  if (leaves.length === 0) leaves.push({ children: [], level: 0, indent: 0 });
  const last = leaves.length - 1;
  return leaves.map((leaf, i) => {
    // A clause's paragraphs are body text whatever level they were typed at: its label leads.
    const body = { ...leaf, level: 0 };
    return leafParagraph(body, { before: i === 0 ? frame.before : undefined, after: i === last ? frame.after : undefined });
  });
}
