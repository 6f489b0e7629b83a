import * as Y from 'yjs';
import { isClauseId } from '../../../../shared/schema/clause-ids';
import type { YType } from '../../../../shared/schema/top-level-block';

/**
 * How the user knows where kept text stood, read from the Yjs structure *as it was before* the
 * transaction that deleted it: "paragraph 5", "paragraph 5 bis (b)", "the preamble". It runs inside
 * that transaction (deleted types and their attributes are still there until Yjs' cleanup), and
 * numbers clauses as `numberClauses` does: a stored label is kept and does not advance the count.
 */

/** Whether `item` was in the document before `tr`: it existed, and was not deleted or `tr` deleted it. */
export function visibleBefore(item: Y.Item, tr: Y.Transaction): boolean {
  const existed = item.id.clock < (tr.beforeState.get(item.id.client) ?? 0);
  return existed && (!item.deleted || Y.isDeleted(tr.deleteSet, item.id));
}

/** An attribute of an element as it was before `tr`, even if the element is now deleted. */
export function attributeBefore(type: YType, key: string, tr: Y.Transaction): unknown {
  let item: Y.Item | null = type._map.get(key) ?? null;
  // A value set by `tr` itself replaced an older one, which sits to its left.
  while (item !== null && item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)) item = item.left;
  if (item === null || !visibleBefore(item, tr)) return undefined;
  const content = item.content.getContent();
  return content[content.length - 1];
}

const nodeName = (type: YType): string | null => (type instanceof Y.XmlElement ? type.nodeName : null);

/** Text of a type as it was visible before `tr` (the heading a place names). */
function textBefore(type: YType, tr: Y.Transaction): string {
  let out = '';
  for (let item = type._start; item !== null; item = item.right) {
    if (!visibleBefore(item, tr)) continue;
    if (item.content instanceof Y.ContentString) out += item.content.str;
    else if (item.content instanceof Y.ContentType) out += textBefore(item.content.type as YType, tr);
  }
  return out;
}

function quoted(text: string): string {
  const clean = text.replace(/\s+/gu, ' ').trim();
  return `“${clean.length > 40 ? `${clean.slice(0, 40)}…` : clean}”`;
}

/** Letter of the n-th (0-based) item of an ordered list that starts at `order`: (a), (b), … as the editor shows them. */
function itemLetter(order: number, index: number): string {
  const n = order - 1 + index;
  return n >= 0 && n < 26 ? String.fromCharCode(97 + n) : String(n + 1);
}

/**
 * " (b)" when `inner` (a type inside `clause`) sat in an item of an ordered list of the clause —
 * the outermost such list, which is what a reader cites — else "".
 */
function subPlace(clause: YType, inner: YType, tr: Y.Transaction): string {
  const chain: YType[] = [];
  for (let type: YType = inner; type !== clause; ) {
    chain.push(type);
    const parent = type._item?.parent;
    if (!(parent instanceof Y.AbstractType)) return '';
    type = parent as YType;
  }
  chain.reverse(); // outermost first
  for (let i = 0; i + 1 < chain.length; i++) {
    const list = chain[i]!;
    if (nodeName(list) !== 'list' || attributeBefore(list, 'kind', tr) !== 'ordered') continue;
    const child = chain[i + 1]!;
    let index = 0;
    for (let item = list._start; item !== null && item !== child._item; item = item.right) if (visibleBefore(item, tr)) index += 1;
    const order = attributeBefore(list, 'order', tr);
    return ` (${itemLetter(typeof order === 'number' ? order : 1, index)})`;
  }
  return '';
}

function commonSubPlace(clause: YType, inners: readonly YType[], tr: Y.Transaction): string {
  const places = new Set(inners.map((inner) => subPlace(clause, inner, tr)));
  return places.size === 1 ? [...places][0]! : '';
}

/** Where a top-level block stood, and what to restore next to. */
export interface BlockPlace {
  /** The block's clause id, when it is a clause with a valid one. */
  clauseId: string | null;
  place: string;
  /** The nearest clause before the block that is still in the document after `tr` (a fallback anchor). */
  afterClauseId: string | null;
}

/**
 * Describes `block` (a top-level child of `fragment`); `inners` are the types the kept text was
 * in: the place names a list item, "(b)", only when all of it was in that one.
 */
export function describeBlock(fragment: Y.XmlFragment, block: YType, inners: readonly YType[], tr: Y.Transaction): BlockPlace {
  let n = 0;
  let lastLabel: string | null = null;
  let afterClauseId: string | null = null;
  for (let item = fragment._start; item !== null; item = item.right) {
    if (!(item.content instanceof Y.ContentType)) continue;
    const type = item.content.type as YType;
    const isClause = nodeName(type) === 'clause';
    if (type === block) {
      if (isClause) {
        const stored = attributeBefore(type, 'label', tr);
        const label = typeof stored === 'string' && stored ? stored : String(n + 1);
        const id = attributeBefore(type, 'id', tr);
        return { clauseId: isClauseId(id) ? id : null, place: `paragraph ${label}${commonSubPlace(type, inners, tr)}`, afterClauseId };
      }
      const level = attributeBefore(type, 'level', tr);
      if (typeof level === 'number' && level > 0) return { clauseId: null, place: `the heading ${quoted(textBefore(type, tr))}`, afterClauseId };
      return { clauseId: null, place: lastLabel === null ? 'the preamble' : `the text after paragraph ${lastLabel}`, afterClauseId };
    }
    if (!isClause) continue;
    if (visibleBefore(item, tr)) {
      const stored = attributeBefore(type, 'label', tr);
      if (typeof stored === 'string' && stored) lastLabel = stored;
      else lastLabel = String((n += 1));
    }
    const id: unknown = item.deleted ? undefined : (type as Y.XmlElement).getAttribute('id');
    if (isClauseId(id)) afterClauseId = id;
  }
  return { clauseId: null, place: 'the document', afterClauseId };
}
