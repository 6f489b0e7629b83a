import type { MarkType, Node as PMNode, NodeRange, NodeType, ResolvedPos } from 'prosemirror-model';
import { TextSelection, type Command, type EditorState } from 'prosemirror-state';
import { findWrapping } from 'prosemirror-transform';
import { toggleMark, liftEmptyBlock } from 'prosemirror-commands';
import { liftListItem, sinkListItem, wrapInList } from 'prosemirror-schema-list';
import { redo, undo, yUndoPluginKey } from 'y-prosemirror';
import { chancerySchema } from '../../../shared/schema/schema';
import { newClauseId } from '../../../shared/schema/clause-ids';
import type { ListKind } from '../../../shared/schema/attributes';

/**
 * Editing commands shared by the keymap and the toolbar. Each is a ProseMirror `Command`: called
 * without `dispatch` it only answers whether it applies (the toolbar uses that to enable buttons).
 */

const nodes = chancerySchema.nodes;
const marks = chancerySchema.marks;

function nodeType(name: string): NodeType {
  const type = nodes[name];
  if (!type) throw new Error(`The document schema has no "${name}" node.`);
  return type;
}

function markType(name: string): MarkType {
  const type = marks[name];
  if (!type) throw new Error(`The document schema has no "${name}" mark.`);
  return type;
}

export const types = {
  clause: nodeType('clause'),
  /** Body text and headings alike: a heading is a paragraph with `level` 1–3. */
  paragraph: nodeType('paragraph'),
  /** Bulleted and numbered lists alike, told apart by `kind`. */
  list: nodeType('list'),
  listItem: nodeType('list_item'),
  strong: markType('strong'),
  em: markType('em'),
  underline: markType('underline'),
} as const;

export const toggleBold: Command = toggleMark(types.strong);
export const toggleItalic: Command = toggleMark(types.em);
export const toggleUnderline: Command = toggleMark(types.underline);

/** A new, empty operative paragraph with a fresh id. */
export function createClause(): PMNode {
  return types.clause.create({ id: newClauseId() }, types.paragraph.create());
}

/** The position just after the top-level block that holds the end of the selection. */
function afterCurrentBlock(state: EditorState): number {
  const { $to } = state.selection;
  return $to.depth === 0 ? $to.pos : $to.after(1);
}

function insertClauseAt(state: EditorState, pos: number, dispatch: Parameters<Command>[1]): boolean {
  if (dispatch) {
    const tr = state.tr.insert(pos, createClause());
    // pos is the clause's start; +1 enters the clause, +2 enters its paragraph.
    tr.setSelection(TextSelection.create(tr.doc, pos + 2));
    dispatch(tr.scrollIntoView());
  }
  return true;
}

/** Inserts a new clause after the current top-level block and puts the cursor in it (Mod-Enter). */
export const insertClause: Command = (state, dispatch) => insertClauseAt(state, afterCurrentBlock(state), dispatch);

/** The cursor, when it sits in a paragraph placed directly in a top-level clause. */
function clauseParagraphCursor(state: EditorState): ResolvedPos | null {
  const $cursor = state.selection instanceof TextSelection ? state.selection.$cursor : null;
  if (!$cursor || $cursor.depth !== 2) return null;
  if ($cursor.parent.type !== types.paragraph || $cursor.node(1).type !== types.clause) return null;
  return $cursor;
}

/**
 * Enter in the empty last paragraph of a clause starts a new clause: the empty paragraph is
 * removed (unless it is the clause's only content) and a new clause follows.
 */
export const newClauseFromEmptyLastParagraph: Command = (state, dispatch) => {
  const $cursor = clauseParagraphCursor(state);
  if (!$cursor || $cursor.parent.content.size > 0) return false;
  const clause = $cursor.node(1);
  if ($cursor.index(1) !== clause.childCount - 1) return false;
  if (!dispatch) return true;
  if (clause.childCount === 1) return insertClauseAt(state, $cursor.after(1), dispatch);
  const tr = state.tr.delete($cursor.before(2), $cursor.after(2));
  const pos = tr.mapping.map($cursor.after(1));
  tr.insert(pos, createClause());
  tr.setSelection(TextSelection.create(tr.doc, pos + 2));
  dispatch(tr.scrollIntoView());
  return true;
};

/**
 * `liftEmptyBlock`, except in a paragraph directly inside a clause: there it would split the
 * clause in two around the empty paragraph, which Enter should never do.
 */
export const liftEmptyBlockOutsideClauses: Command = (state, dispatch) =>
  clauseParagraphCursor(state) ? false : liftEmptyBlock(state, dispatch);

/** Whether `node` is a heading (a paragraph with a level). */
export function isHeading(node: PMNode): boolean {
  return node.type === types.paragraph && (node.attrs.level as number) > 0;
}

function holdsHeading(range: NodeRange): boolean {
  for (let i = range.startIndex; i < range.endIndex; i++) if (isHeading(range.parent.child(i))) return true;
  return false;
}

/**
 * Toolbar "Clause": makes the top-level paragraphs or lists under the selection one clause; in a
 * clause already (or where wrapping is impossible, or would put a heading in a clause) it inserts
 * a new clause after the current block instead.
 */
export const makeClause: Command = (state, dispatch) => {
  const { $from, $to } = state.selection;
  if ($from.depth >= 1 && $from.node(1).type !== types.clause) {
    const range = $from.blockRange($to, (node) => node.type === state.doc.type);
    const wrapping = range && !holdsHeading(range) && findWrapping(range, types.clause);
    if (range && wrapping) {
      if (dispatch) {
        // The id is minted only when the command really runs, not on every toolbar refresh.
        const withId = wrapping.map((w) => (w.type === types.clause ? { type: w.type, attrs: { id: newClauseId() } } : w));
        dispatch(state.tr.wrap(range, withId).scrollIntoView());
      }
      return true;
    }
  }
  return insertClause(state, dispatch);
};

/**
 * Sets the paragraph style (`level`) of the text blocks under the selection, by attribute steps:
 * the paragraphs stay the same nodes, so y-prosemirror changes an attribute of the same Yjs
 * element and a peer typing in it concurrently keeps their text. `topLevelOnly` keeps headings
 * out of clauses and lists.
 */
function setLevel(level: number, topLevelOnly: boolean): Command {
  return (state, dispatch) => {
    const { from, to } = state.selection;
    const targets: number[] = [];
    state.doc.nodesBetween(from, to, (node, pos, parent) => {
      if (!node.isTextblock) return true;
      if (node.type === types.paragraph && node.attrs.level !== level && (!topLevelOnly || parent === state.doc)) targets.push(pos);
      return false;
    });
    if (targets.length === 0) return false;
    if (dispatch) {
      const tr = state.tr;
      for (const pos of targets) tr.setNodeAttribute(pos, 'level', level);
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/** Turns the current text block into a heading (top level only: clauses hold no headings). */
export function setHeading(level: 1 | 2 | 3): Command {
  return setLevel(level, true);
}

/** Turns the current text block (e.g. a heading) into a plain paragraph. */
export const setParagraph: Command = setLevel(0, false);

/** The innermost list around `$pos`, with its position. */
function listAround($pos: ResolvedPos): { node: PMNode; pos: number } | null {
  for (let d = $pos.depth; d > 0; d--) {
    const node = $pos.node(d);
    if (node.type === types.list) return { node, pos: $pos.before(d) };
  }
  return null;
}

/** The innermost list around the selection start, with its position. */
export function enclosingList(state: EditorState): { node: PMNode; pos: number } | null {
  return listAround(state.selection.$from);
}

/**
 * List button behaviour: in a list of this kind, lift the items out of it; in a list of the other
 * kind, switch that list's kind (an attribute step: the list and its items stay the same Yjs
 * elements, so nobody's concurrent typing in them is lost); elsewhere wrap the selected blocks in
 * a new list.
 */
export function toggleList(kind: ListKind): Command {
  return (state, dispatch) => {
    const list = enclosingList(state);
    if (list?.node.attrs.kind === kind) return liftListItem(types.listItem)(state, dispatch);
    if (list) {
      if (dispatch) dispatch(state.tr.setNodeAttribute(list.pos, 'kind', kind));
      return true;
    }
    return wrapInList(types.list, { kind })(state, dispatch);
  };
}

export const toggleBulletList: Command = toggleList('bullet');
export const toggleOrderedList: Command = toggleList('ordered');

/**
 * Tab in a list: prosemirror-schema-list's `sinkListItem`, except that a sub-list it creates
 * takes the kind of the list it sits in (prosemirror-schema-list creates the list type with
 * default attributes, which would make every sub-list of a numbered list bulleted).
 */
export const sinkListItemKeepingKind: Command = (state, dispatch) => {
  const sink = sinkListItem(types.listItem);
  if (!dispatch) return sink(state);
  const { $from, $to } = state.selection;
  const range = $from.blockRange($to, (node) => node.childCount > 0 && node.firstChild!.type === types.listItem);
  const before = range && range.startIndex > 0 ? range.parent.child(range.startIndex - 1) : null;
  const joinsSubList = before?.lastChild?.type === types.list;
  return sink(state, (tr) => {
    const created = range && !joinsSubList ? listAround(tr.selection.$from) : null;
    if (range && created && created.node.attrs.kind !== range.parent.attrs.kind) {
      tr.setNodeAttribute(created.pos, 'kind', range.parent.attrs.kind);
    }
    dispatch(tr);
  });
};

/** Whether `type` applies to the selection (or, for a cursor, to what will be typed next). */
export function isMarkActive(state: EditorState, type: MarkType): boolean {
  const { from, to, empty, $from } = state.selection;
  if (empty) return type.isInSet(state.storedMarks ?? $from.marks()) !== undefined;
  return state.doc.rangeHasMark(from, to, type);
}

/**
 * Undo the user's own last change (y-prosemirror's UndoManager tracks only edits made through
 * this editor, never remote ones). Without `dispatch`: whether there is anything to undo.
 */
export const undoOwnEdit: Command = (state, dispatch) => {
  const undoManager = yUndoPluginKey.getState(state)?.undoManager;
  if (!undoManager) return false;
  return dispatch ? undo(state) : undoManager.canUndo();
};

/** Redo counterpart of {@link undoOwnEdit}. */
export const redoOwnEdit: Command = (state, dispatch) => {
  const undoManager = yUndoPluginKey.getState(state)?.undoManager;
  if (!undoManager) return false;
  return dispatch ? redo(state) : undoManager.canRedo();
};
