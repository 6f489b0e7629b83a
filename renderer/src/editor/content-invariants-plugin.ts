import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { AttrStep } from 'prosemirror-transform';
import { types } from './commands';
import { isYjsMirror, remoteSinceCheckField, type RemoteSinceCheck } from './top-level-change';

/**
 * Restores the editing invariants the schema no longer enforces (its content expressions say `*`
 * so that concurrent edits never compose into something y-prosemirror must delete, see
 * shared/schema/schema.ts):
 *
 * - a clause holds at least a paragraph, so there is somewhere to type;
 * - a list item starts with a paragraph (its text; sub-lists follow it);
 * - a list holds at least one item;
 * - headings (paragraphs with a level) stand at the top level only, never inside clauses or lists.
 *
 * How, and why so:
 *
 * 1. **Only for local edits.** Transactions that mirror a change arriving through Yjs are never
 *    amended: a fix appended to them would not reach Yjs (y-prosemirror skips writing while it
 *    applies a remote change), and every peer receiving the same update would add its own copy of
 *    the fix. What a remote change leaves behind (an emptied clause from two concurrent deletes)
 *    is fixed by the next local edit, wherever it is: the plugin state remembers that a remote
 *    change came in, and the next local edit checks the whole document once.
 * 2. **Only by inserting** (or, for a heading in the wrong place, by an attribute step). Nothing
 *    is ever deleted, so nothing a peer is typing into can be taken away.
 * 3. **In the same dispatch.** y-prosemirror writes the *final* state of a dispatch to Yjs,
 *    matching elements by node name. When a local edit empties a clause and this plugin puts an
 *    empty paragraph back, y-prosemirror sees the clause's old paragraph element against an empty
 *    paragraph and keeps that element, deleting only its text — so what a peer types into it
 *    concurrently survives (y-prosemirror #108). Recreating the node in a later dispatch, or
 *    replacing the clause, would delete the element and lose that text.
 *
 * Typing costs a walk down to the typed-in block: only the ranges the transaction changed are
 * checked, unless a remote change came in since the last check.
 */

/** A change came in through Yjs since the last full check, so the next local edit checks all. */
export type ContentInvariantsState = RemoteSinceCheck;

export const contentInvariantsKey = new PluginKey<ContentInvariantsState>('chancery-content-invariants');

/** Set on the transaction this plugin appends, so tests and other plugins can recognise it. */
export const CONTENT_INVARIANTS_META = 'chanceryContentInvariants';

/** One repair: insert `node` at `pos`, or reset the heading at `pos` to body text. */
export type InvariantFix = { pos: number; insert: PMNode } | { pos: number; bodyText: true };

/** The repairs the nodes overlapping [from, to] need (the whole document by default). */
export function findInvariantFixes(doc: PMNode, from = 0, to = doc.content.size): InvariantFix[] {
  const fixes: InvariantFix[] = [];
  doc.nodesBetween(from, to, (node, pos, parent) => {
    if (node.type === types.paragraph) {
      if ((node.attrs.level as number) > 0 && parent !== doc) fixes.push({ pos, bodyText: true });
      return false;
    }
    if (node.type === types.clause && node.childCount === 0) fixes.push({ pos: pos + 1, insert: types.paragraph.create() });
    else if (node.type === types.list && node.childCount === 0) fixes.push({ pos: pos + 1, insert: types.listItem.create(null, types.paragraph.create()) });
    else if (node.type === types.listItem && node.firstChild?.type !== types.paragraph) fixes.push({ pos: pos + 1, insert: types.paragraph.create() });
    return !node.isTextblock;
  });
  return fixes;
}

/** The ranges of the final document that `trs` changed (in its coordinates), each widened by one. */
function changedRanges(trs: readonly Transaction[], doc: PMNode): [number, number][] {
  let ranges: [number, number][] = [];
  for (const tr of trs) {
    tr.steps.forEach((step, i) => {
      const map = tr.mapping.maps[i]!;
      ranges = ranges.map(([a, b]) => [map.map(a, -1), map.map(b, 1)]);
      map.forEach((_oldStart, _oldEnd, newStart, newEnd) => ranges.push([newStart, newEnd]));
      if (step instanceof AttrStep) ranges.push([step.pos, step.pos + 1]);
    });
  }
  const size = doc.content.size;
  return ranges.map(([a, b]) => [Math.max(0, Math.min(a, b) - 1), Math.min(size, Math.max(a, b) + 1)]);
}

function fixesFor(trs: readonly Transaction[], oldState: EditorState, doc: PMNode): InvariantFix[] {
  if (contentInvariantsKey.getState(oldState)?.remoteSinceCheck) return findInvariantFixes(doc);
  const seen = new Set<string>();
  const out: InvariantFix[] = [];
  for (const [from, to] of changedRanges(trs, doc)) {
    for (const fix of findInvariantFixes(doc, from, to)) {
      const key = `${fix.pos}:${'insert' in fix ? 'i' : 'h'}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(fix);
      }
    }
  }
  return out;
}

export function contentInvariantsPlugin(): Plugin<ContentInvariantsState> {
  return new Plugin<ContentInvariantsState>({
    key: contentInvariantsKey,
    state: remoteSinceCheckField,
    appendTransaction(trs, oldState, newState) {
      if (trs.some(isYjsMirror) || !trs.some((tr) => tr.docChanged)) return null;
      const fixes = fixesFor(trs, oldState, newState.doc);
      if (fixes.length === 0) return null;
      const tr = newState.tr;
      // Attribute steps first (they move nothing), then insertions from the end backwards, so
      // every position found in the final document still points where it did.
      for (const fix of fixes) if ('bodyText' in fix) tr.setNodeAttribute(fix.pos, 'level', 0);
      const inserts = fixes.filter((f): f is { pos: number; insert: PMNode } => 'insert' in f).sort((a, b) => b.pos - a.pos);
      for (const fix of inserts) tr.insert(fix.pos, fix.insert);
      // Not marked addToHistory: false: the fix belongs to the edit that needed it (see the
      // clause-id repair plugin for how y-prosemirror takes that flag).
      return tr.setMeta(CONTENT_INVARIANTS_META, true);
    },
  });
}
