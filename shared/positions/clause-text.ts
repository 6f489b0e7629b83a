import { encodeUtf8 } from 'lib0/string';
import * as Y from 'yjs';
import type { Node as PMNode } from 'prosemirror-model';
import { digest } from 'lib0/hash/sha256';
import { toHexString } from 'lib0/buffer';
import { chancerySchema } from '../schema/schema';

/**
 * What a position was given on. A party accepts *words*, so the hash covers the clause's text and
 * nothing else: renumbering, relabelling ("5 bis"), bold or a re-wrapped line must not make every
 * acceptance stale, while any change of wording must. The ProseMirror and the Yjs readings below
 * must agree exactly — the renderer hashes what the member sees, main hashes the hub's Y.Doc —
 * and `clause-text.test.ts` holds them to that.
 */

/**
 * The normal form that is hashed: every leaf textblock's text (hard breaks already spaces) joined
 * by one space, Unicode NFC (a "é" typed two ways is one word), every run of whitespace collapsed
 * to one space, trimmed.
 */
export function normaliseClauseText(leafTexts: string[]): string {
  return leafTexts.join(' ').normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** SHA-256 hex of {@link normaliseClauseText}; what `textHash` in a position holds. */
export function hashClauseText(leafTexts: string[]): string {
  return toHexString(digest(encodeUtf8(normaliseClauseText(leafTexts))));
}

function pmLeafTexts(node: PMNode, out: string[]): string[] {
  if (node.isTextblock) {
    let text = '';
    node.forEach((child) => {
      text += child.isText ? (child.text ?? '') : ' ';
    });
    out.push(text);
  } else {
    node.forEach((child) => void pmLeafTexts(child, out));
  }
  return out;
}

/** The text hash of a ProseMirror `clause` node (the renderer's view of the clause). */
export function clauseTextHash(clause: PMNode): string {
  return hashClauseText(pmLeafTexts(clause, []));
}

function isTextblockName(name: string): boolean {
  return chancerySchema.nodes[name]?.isTextblock === true;
}

function yLeafTexts(el: Y.XmlElement, out: string[]): string[] {
  if (isTextblockName(el.nodeName)) {
    let text = '';
    for (const child of el.toArray()) {
      if (child instanceof Y.XmlText) {
        for (const op of child.toDelta() as { insert: unknown }[]) if (typeof op.insert === 'string') text += op.insert;
      } else {
        text += ' ';
      }
    }
    out.push(text);
  } else {
    for (const child of el.toArray()) if (child instanceof Y.XmlElement) yLeafTexts(child, out);
  }
  return out;
}

/**
 * The text hash of a clause read straight from its Y.XmlElement (main, the CLI), equal to
 * {@link clauseTextHash} of the node y-prosemirror builds from it. Reads only; never mutates.
 */
export function yClauseTextHash(clause: Y.XmlElement): string {
  return hashClauseText(yLeafTexts(clause, []));
}

/** Every top-level clause's hash by clause id, for a whole document (exports, the CLI, tests). */
export function clauseHashesOfDoc(doc: PMNode): Map<string, string> {
  const hashes = new Map<string, string>();
  doc.forEach((child) => {
    const id = child.attrs.id as unknown;
    if (child.type.name === 'clause' && typeof id === 'string' && !hashes.has(id)) hashes.set(id, clauseTextHash(child));
  });
  return hashes;
}

/**
 * Every top-level clause's hash by id, read from the document's Y.XmlFragment. Where two clauses
 * briefly share an id (before the hub's repair), the first in document order counts, as the
 * repair keeps it.
 */
export function yClauseHashes(fragment: Y.XmlFragment): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const child of fragment.toArray()) {
    if (!(child instanceof Y.XmlElement) || child.nodeName !== 'clause') continue;
    const id = child.getAttribute('id') as unknown;
    if (typeof id === 'string' && !hashes.has(id)) hashes.set(id, yClauseTextHash(child));
  }
  return hashes;
}
