import * as Y from 'yjs';
import { topLevelAncestor, type YType } from './top-level-block';
import type { Mark, Node as PMNode, Schema } from 'prosemirror-model';
import { ChanceryError } from '../errors';
import { POSITIONS_ROOT } from '../positions/positions-doc';
import { allRecordKeys, checkRecordKeys, checkRecordRoot } from '../positions/stored-records';
import { isClauseId } from './clause-ids';
import { chancerySchema, CONTENT_FRAGMENT } from './schema';

/**
 * Is this Yjs content something every editor can show without losing a character?
 *
 * y-prosemirror builds each ProseMirror node from its Y element with `schema.node(name, attrs,
 * children)` (which checks the content expression and the attributes) and each text run with
 * `schema.text(text, marks)`. When that throws, it does not report: it *deletes* the Y element (or
 * text) and that deletion travels to every peer as an ordinary edit. A bare Y.XmlText at the top
 * level, or an XmlHook anywhere, crashes the binding instead. So the hub accepts content only if
 * it passes exactly these constructors, plus what ProseMirror's own `check()` adds (allowed marks,
 * attribute validators), plus Chancery's rule that every clause carries a usable id.
 *
 * y-prosemirror offers this conversion only for a whole fragment, and only in its deleting form;
 * a whole-document conversion per keystroke would also make checking cost O(document). These
 * checks follow the same constructors per element, so the hub can check just the top-level blocks
 * an update touched. `content-check.test.ts` holds them to y-prosemirror's verdict on a copy.
 */

/** Root types a framework document's Y.Doc may hold: its text and its signed positions. */
export const DOCUMENT_ROOTS: ReadonlySet<string> = new Set([CONTENT_FRAGMENT, POSITIONS_ROOT]);

/** Deeper than any real document nests (clause › list › item › list …); a guard for the stack. */
const MAX_DEPTH = 48;

/** y-prosemirror stores overlapping marks as `name--<8-char hash>`; this recovers the name. */
const HASHED_MARK = /(.*)(--[a-zA-Z0-9+/=]{8})$/u;

function refuse(where: string, why: string): never {
  throw new ChanceryError('INVALID_UPDATE', where ? `${where} ${why}` : why);
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function marksOf(attributes: Record<string, unknown> | undefined, schema: Schema, where: string): Mark[] {
  const marks: Mark[] = [];
  for (const [key, value] of Object.entries(attributes ?? {})) {
    const name = HASHED_MARK.exec(key)?.[1] ?? key;
    if (!schema.marks[name]) refuse(where, `carries the formatting "${name}", which Chancery does not know`);
    try {
      marks.push(schema.mark(name, value as Record<string, unknown> | null));
    } catch (err) {
      refuse(where, `carries "${name}" formatting with invalid settings (${reason(err)})`);
    }
  }
  return marks;
}

function textNodes(text: Y.XmlText, schema: Schema, where: string): PMNode[] {
  const out: PMNode[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string') refuse(where, 'holds an embedded object where only text may stand');
    try {
      out.push(schema.text(op.insert, marksOf(op.attributes, schema, where)));
    } catch (err) {
      if (err instanceof ChanceryError) throw err;
      refuse(where, `holds text ProseMirror cannot build (${reason(err)})`);
    }
  }
  return out;
}

/**
 * Builds the ProseMirror node for one Y element as y-prosemirror would, throwing INVALID_UPDATE
 * (with `where` and what is wrong) instead of deleting. Never modifies the Y.Doc.
 */
function yElementToNode(el: Y.XmlElement, schema: Schema = chancerySchema, where = el.nodeName, depth = 0): PMNode {
  if (depth > MAX_DEPTH) refuse(where, `nests deeper than ${MAX_DEPTH} levels`);
  if (!schema.nodes[el.nodeName] || schema.nodes[el.nodeName]!.isText) {
    refuse(where, `is a "${el.nodeName}" node, which the document format does not have`);
  }
  const children: PMNode[] = [];
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlElement) children.push(yElementToNode(child, schema, `${where} › ${child.nodeName}`, depth + 1));
    else if (child instanceof Y.XmlText) children.push(...textNodes(child, schema, where));
    else refuse(where, 'holds a structure (an XML hook) no document node can contain');
  }
  try {
    return schema.node(el.nodeName, el.getAttributes() as Record<string, unknown>, children);
  } catch (err) {
    return refuse(where, `is not valid here (${reason(err)})`);
  }
}

/**
 * Checks one top-level block of a document: buildable, allowed at the top, clause ids usable.
 * `index` (0-based, for messages) may be given as a function: it is then only worked out for a
 * refusal, which spares a walk over every block on each keystroke.
 */
function checkTopLevelBlock(
  child: Y.XmlElement | Y.XmlText | Y.XmlHook,
  index: number | (() => number),
  schema: Schema = chancerySchema,
): PMNode {
  try {
    return checkBlock(child, schema);
  } catch (err) {
    if (!(err instanceof ChanceryError)) throw err;
    const n = typeof index === 'number' ? index : index();
    throw new ChanceryError(err.code, `Block ${n + 1} ${err.message}`, { cause: err });
  }
}

function checkBlock(child: Y.XmlElement | Y.XmlText | Y.XmlHook, schema: Schema): PMNode {
  const where = '';
  if (!(child instanceof Y.XmlElement)) refuse(where, 'is bare text or a hook outside any paragraph');
  const node = yElementToNode(child, schema, `(${child.nodeName})`);
  if (!schema.topNodeType.contentMatch.matchType(node.type)) refuse(`(${child.nodeName})`, 'cannot stand at the top level of a document');
  try {
    node.check();
  } catch (err) {
    refuse(`(${child.nodeName})`, `is not valid (${reason(err)})`);
  }
  if (node.type.name === 'clause' && !isClauseId(node.attrs.id)) {
    refuse('(clause)', `has no usable clause id (got ${JSON.stringify(node.attrs.id) ?? 'none'}; ids are "c-" and 16 hex digits)`);
  }
  return node;
}

function liveKeys(type: YType): string[] {
  return [...type._map.entries()].filter(([, item]) => !item.deleted).map(([key]) => key);
}

/** Refuses root types a document never has (they would be stored and synced for nothing). */
function checkRoots(doc: Y.Doc, allowed: ReadonlySet<string> = DOCUMENT_ROOTS): void {
  for (const name of doc.share.keys()) {
    if (!allowed.has(name)) refuse(`The document part "${name}"`, 'is not part of the Chancery format');
  }
  const fragment = doc.share.get(CONTENT_FRAGMENT);
  if (fragment && liveKeys(fragment).length > 0) {
    refuse('The document text', `holds keyed entries (${liveKeys(fragment).slice(0, 3).join(', ')}) instead of blocks`);
  }
  const positions = doc.share.get(POSITIONS_ROOT);
  if (positions) checkRecordRoot(positions, 'position');
}

/** Checks a whole document (loading from the file, a merged copy). */
export function checkDocument(doc: Y.Doc, schema: Schema = chancerySchema): void {
  checkRoots(doc);
  doc.getXmlFragment(CONTENT_FRAGMENT).toArray().forEach((child, i) => checkTopLevelBlock(child, i, schema));
  const positions = doc.share.get(POSITIONS_ROOT);
  if (positions) checkRecordKeys(positions, allRecordKeys(positions), 'position');
}

/**
 * Checks only what `tr` (a transaction on `doc`, typically applying one update to a scratch copy)
 * touched: new root types, the top-level blocks that contain a changed type, and blocks inserted
 * at the top level. Cost: the size of those blocks, not of the document.
 */
export function checkTransaction(doc: Y.Doc, tr: Y.Transaction, schema: Schema = chancerySchema): void {
  checkRoots(doc);
  const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
  const touched = new Set<YType>();
  let topLevelChanged = false;
  // Not getMap: on the scratch copy the root may still be the bare type Yjs made for it, and
  // converting it would leave `tr.changed` pointing at the old object.
  const positions = doc.share.get(POSITIONS_ROOT);
  for (const [type, keys] of tr.changed) {
    if (positions !== undefined && (type as unknown) === positions) {
      checkRecordKeys(positions, [...keys].filter((k): k is string => k !== null), 'position');
      continue;
    }
    // A root type changed: the document text itself (possibly still the untyped root Yjs creates
    // for content that arrived before anyone asked for the fragment; `getXmlFragment` then
    // replaces that object) or another root, whose name checkRoots has vetted.
    if ((type as unknown) === fragment || type._item === null) {
      topLevelChanged = true;
      continue;
    }
    const top = topLevelAncestor(type, fragment);
    if (top) touched.add(top);
  }
  if (topLevelChanged) {
    for (const child of fragment.toArray()) {
      const id = child._item!.id;
      if (id.clock >= (tr.beforeState.get(id.client) ?? 0)) touched.add(child);
    }
  }
  for (const block of touched) {
    checkTopLevelBlock(block as Y.XmlElement, () => fragment.toArray().indexOf(block as Y.XmlElement), schema);
  }
}
