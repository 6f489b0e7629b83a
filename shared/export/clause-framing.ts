import type { Node as PMNode } from 'prosemirror-model';

/**
 * Where a clause's markup goes in its text, for every renderer alike: the label and opening
 * bracket at the start of its first text block, the closing bracket and footnote references at
 * the end of its last. Text blocks are counted in document order, so a clause that opens with a
 * list still gets its bracket inside the text (a reader sees "[1. …" not a bracket on its own).
 */

/** What to put before the first and after the last text block of a clause (already escaped for the format). */
export interface Framing {
  before: string;
  after: string;
}

/** How many text blocks the nodes hold, nested ones (list items) included. */
export function countTextblocks(nodes: readonly PMNode[]): number {
  let n = 0;
  for (const node of nodes) {
    if (node.isTextblock) n += 1;
    else {
      node.descendants((d) => {
        if (d.isTextblock) n += 1;
        return !d.isTextblock;
      });
    }
  }
  return n;
}

/** The framing text block `index` of `total` gets: `before` on the first, `after` on the last. */
export function framingAt(framing: Framing | undefined, index: number, total: number): Framing {
  return { before: framing && index === 0 ? framing.before : '', after: framing && index === total - 1 ? framing.after : '' };
}

/** The children of a node as an array (a clause's content, to render with its framing). */
export function childrenOf(node: PMNode): PMNode[] {
  const out: PMNode[] = [];
  node.forEach((c) => void out.push(c));
  return out;
}
