import type { Node as PMNode } from 'prosemirror-model';
import { diffArrays, diffWordsWithSpace } from 'diff';
import type { DiffParagraph, DiffRun } from './compare-model';

/**
 * Word-level diffing of one clause or block, paragraph by paragraph. A negotiator reads a redline
 * word by word ("shall" struck, "should" inserted), so runs are words, never characters; and
 * paragraphs are aligned first, so a sub-paragraph added to a clause reads as one inserted
 * paragraph instead of its words smeared over its neighbours.
 */

/**
 * The paragraphs of a node as the redline compares them: every leaf textblock's text (a hard
 * break reads as a space, as `clause-text.ts` reads it), NFC, whitespace collapsed, trimmed;
 * empty paragraphs dropped. Two nodes whose paragraphs join to the same string carry the same
 * words, which is exactly what the positions' text hash says.
 */
export function comparableParagraphs(node: PMNode): string[] {
  const out: string[] = [];
  const visit = (n: PMNode): void => {
    if (n.isTextblock) {
      let text = '';
      n.forEach((child) => {
        text += child.isText ? (child.text ?? '') : ' ';
      });
      const clean = text.normalize('NFC').replace(/\s+/gu, ' ').trim();
      if (clean) out.push(clean);
    } else {
      n.forEach(visit);
    }
  };
  visit(node);
  return out;
}

/** Unchanged paragraphs: one equal run each (no diffing, which is what keeps big packages fast). */
export function equalParagraphs(paragraphs: readonly string[]): DiffParagraph[] {
  return paragraphs.map((text) => ({ runs: [{ op: 'equal', text }] }));
}

/** Paragraphs only one side has (an added or removed clause or block): one whole run each. */
export function wholeParagraphs(paragraphs: readonly string[], op: 'insert' | 'delete'): DiffParagraph[] {
  return paragraphs.map((text) => ({ runs: [{ op, text }] }));
}

/**
 * Tidies jsdiff's runs for reading: a lone space kept between two changes is folded into both
 * sides ("~~the quick~~ __a slow__" rather than "~~the~~ __a__ ~~quick~~ __slow__"), and in each
 * stretch of changes the deletion comes before the insertion, as Word shows a replacement.
 */
function tidyRuns(raw: DiffRun[]): DiffRun[] {
  const out: DiffRun[] = [];
  let del = '';
  let ins = '';
  const flush = (): void => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = '';
    ins = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const run = raw[i]!;
    if (run.op === 'delete') del += run.text;
    else if (run.op === 'insert') ins += run.text;
    else {
      const next = raw[i + 1];
      const between = (del || ins) && next !== undefined && next.op !== 'equal' && /^\s+$/u.test(run.text);
      if (between) {
        del += run.text;
        ins += run.text;
      } else {
        flush();
        out.push({ op: 'equal', text: run.text });
      }
    }
  }
  flush();
  return out;
}

/** The word diff of one paragraph against another. */
export function diffParagraph(older: string, newer: string): DiffParagraph {
  if (older === newer) return { runs: older ? [{ op: 'equal', text: older }] : [] };
  const raw: DiffRun[] = diffWordsWithSpace(older, newer).map((c) => ({
    op: c.added ? 'insert' : c.removed ? 'delete' : 'equal',
    text: c.value,
  }));
  return { runs: tidyRuns(raw.filter((r) => r.text !== '')) };
}

/**
 * The diff of a clause's (or block's) paragraphs: paragraphs aligned with diffArrays over their
 * texts; a paragraph deleted where another was inserted is word-diffed against it (pairs in
 * order), and the rest are whole insertions or deletions.
 */
export function diffParagraphs(older: readonly string[], newer: readonly string[]): DiffParagraph[] {
  const out: DiffParagraph[] = [];
  const changes = diffArrays([...older], [...newer]);
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (!change.added && !change.removed) {
      out.push(...equalParagraphs(change.value));
      continue;
    }
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      const paired = Math.min(change.value.length, next.value.length);
      for (let k = 0; k < paired; k++) out.push(diffParagraph(change.value[k]!, next.value[k]!));
      out.push(...wholeParagraphs(change.value.slice(paired), 'delete'));
      out.push(...wholeParagraphs(next.value.slice(paired), 'insert'));
      i += 1;
      continue;
    }
    out.push(...wholeParagraphs(change.value, change.added ? 'insert' : 'delete'));
  }
  return out;
}

function wordsIn(text: string): number {
  const trimmed = text.trim();
  return trimmed ? trimmed.split(/\s+/u).length : 0;
}

/** Words inserted and deleted in some paragraphs (whitespace-separated tokens in the changed runs). */
export function countWords(paragraphs: readonly DiffParagraph[]): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const p of paragraphs) {
    for (const r of p.runs) {
      if (r.op === 'insert') inserted += wordsIn(r.text);
      else if (r.op === 'delete') deleted += wordsIn(r.text);
    }
  }
  return { inserted, deleted };
}
