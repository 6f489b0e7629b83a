import * as Y from 'yjs';
import type { Node as PMNode } from 'prosemirror-model';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { chancerySchema, CONTENT_FRAGMENT } from '../schema/schema';

/**
 * Reads a framework document's Y.Doc as a ProseMirror node, for exports, stats and the CLI.
 *
 * It converts a *copy*: y-prosemirror's conversion deletes from the Y.Doc it reads whatever it
 * cannot build (and merges adjacent texts its own client made), and a deletion in the hub's doc
 * would be persisted and synced as if a user had made it. Reading must never change a document.
 */
export function documentNode(doc: Y.Doc): PMNode {
  const copy = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    return yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(CONTENT_FRAGMENT), chancerySchema);
  } finally {
    copy.destroy();
  }
}

/**
 * Writes ProseMirror JSON into an empty document's fragment. Used to seed new documents and the
 * sample; the JSON is checked against the schema first, so a bad seed fails loudly, not silently.
 */
export function seedDocument(doc: Y.Doc, json: unknown, origin: unknown): void {
  chancerySchema.nodeFromJSON(json).check();
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(chancerySchema, json, doc.getXmlFragment(CONTENT_FRAGMENT));
  }, origin);
}

/** Figures the CLI and sidebar show per document. */
export interface DocumentStats {
  clauses: number;
  words: number;
}

/** Counts top-level clauses and words (whitespace-separated runs in the text of every block). */
export function documentStats(node: PMNode): DocumentStats {
  let clauses = 0;
  let words = 0;
  node.forEach((child) => {
    if (child.type.name === 'clause') clauses += 1;
  });
  node.descendants((child) => {
    if (child.isTextblock) {
      const text = child.textContent.trim();
      if (text) words += text.split(/\s+/u).length;
      return false;
    }
    return true;
  });
  return { clauses, words };
}
