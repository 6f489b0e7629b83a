import type { MarkType, Node as PMNode, NodeType, ResolvedPos } from 'prosemirror-model';
import { TextSelection, type Command, type EditorState } from 'prosemirror-state';
import { findWrapping } from 'prosemirror-transform';
import { setBlockType, toggleMark, liftEmptyBlock } from 'prosemirror-commands';
import { liftListItem, wrapInList } from 'prosemirror-schema-list';
import { redo, undo, yUndoPluginKey } from 'y-prosemirror';
import { chancerySchema } from '../../../shared/schema/schema';
import { newClauseId } from '../../../shared/schema/clause-ids';

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
  paragraph: nodeType('paragraph'),
  heading: nodeType('heading'),
  bulletList: nodeType('bullet_list'),
  orderedList: nodeType('ordered_list'),
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

/**
 * Toolbar "Clause": makes the top-level paragraphs or lists under the selection one clause; in a
 * clause already (or where wrapping is impossible, e.g. a heading) it inserts a new clause after
 * the current block instead.
 */
export const makeClause: Command = (state, dispatch) => {
  const { $from, $to } = state.selection;
  if ($from.depth >= 1 && $from.node(1).type !== types.clause) {
    const range = $from.blockRange($to, (node) => node.type === state.doc.type);
    const wrapping = range && findWrapping(range, types.clause);
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

/** Turns the current text block into a heading (top level only: clauses hold no headings). */
export function setHeading(level: 1 | 2 | 3): Command {
  return setBlockType(types.heading, { level });
}

/** Turns the current text block (e.g. a heading) into a plain paragraph. */
export const setParagraph: Command = setBlockType(types.paragraph);

/** The innermost list around the selection start, with its position. */
export function enclosingList(state: EditorState): { node: PMNode; pos: number } | null {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d);
    if (node.type === types.bulletList || node.type === types.orderedList) return { node, pos: $from.before(d) };
  }
  return null;
}

/**
 * List button behaviour: in a list of this type, lift the items out of it; in a list of the other
 * type, change that list's type; elsewhere wrap the selected blocks in a new list.
 */
export function toggleList(listType: NodeType): Command {
  return (state, dispatch) => {
    const list = enclosingList(state);
    if (list?.node.type === listType) return liftListItem(types.listItem)(state, dispatch);
    if (list) {
      if (dispatch) dispatch(state.tr.setNodeMarkup(list.pos, listType));
      return true;
    }
    return wrapInList(listType)(state, dispatch);
  };
}

export const toggleBulletList: Command = toggleList(types.bulletList);
export const toggleOrderedList: Command = toggleList(types.orderedList);

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
