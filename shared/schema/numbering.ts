import type { Node as PMNode } from 'prosemirror-model';

/** A clause as readers see it: its stable id, and the number shown in the margin. */
export interface ClauseNumber {
  id: string;
  /** The displayed number: the running count, or the stored label (e.g. "5 bis"). */
  label: string;
  /** Offset of the clause node in the top-level document. */
  pos: number;
}

/**
 * Derives operative-paragraph numbers from document order. A clause with a stored label keeps it
 * ("5 bis" stays "5 bis" when text is inserted above) and does not advance the running count,
 * which is how insertions between agreed paragraphs are numbered in practice.
 */
export function numberClauses(doc: PMNode): ClauseNumber[] {
  const out: ClauseNumber[] = [];
  let n = 0;
  doc.forEach((node, offset) => {
    if (node.type.name !== 'clause') return;
    const stored = node.attrs.label as string | null;
    if (!stored) n += 1;
    out.push({ id: (node.attrs.id as string | null) ?? '', label: stored ?? String(n), pos: offset });
  });
  return out;
}
