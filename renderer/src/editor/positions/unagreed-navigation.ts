import { Selection, type Command, type EditorState } from 'prosemirror-state';
import { clauseMatches } from './clause-filter-plugin';
import { positionGutterKey } from './position-gutter-plugin';

/**
 * Next / previous unagreed clause (F8 / Shift-F8 and the clause filter's buttons): moves the
 * selection to the start of the next clause, in that direction, whose state is not `agreed`,
 * wrapping around the document, and scrolls it into view. "Cleaning the brackets" means going
 * through these one by one.
 */

/** The top-level index of the node holding the selection's head. */
function currentIndex(state: EditorState): number {
  const $head = state.selection.$head;
  return $head.depth === 0 ? Math.min($head.index(0), state.doc.childCount - 1) : $head.index(0);
}

/** The top-level offset of the next unagreed clause from the selection, or null when there is none. */
export function findUnagreedClause(state: EditorState, direction: 1 | -1): number | null {
  const views = positionGutterKey.getState(state)?.views;
  const count = state.doc.childCount;
  if (count === 0) return null;
  const offsets: number[] = [];
  state.doc.forEach((_node, offset) => offsets.push(offset));
  const from = currentIndex(state);
  for (let step = 1; step < count; step++) {
    const index = (((from + direction * step) % count) + count) % count;
    const node = state.doc.child(index);
    if (node.type.name !== 'clause') continue;
    const id = node.attrs.id as string | null;
    if (clauseMatches(id ? views?.get(id) : undefined, 'unagreed')) return offsets[index]!;
  }
  return null;
}

function goToUnagreed(direction: 1 | -1): Command {
  return (state, dispatch) => {
    const offset = findUnagreedClause(state, direction);
    if (offset === null) return false;
    if (dispatch) {
      // The first place text can go inside the clause (a clause emptied by a merge gets the
      // nearest valid selection instead).
      const selection = Selection.findFrom(state.doc.resolve(offset + 1), 1, true) ?? Selection.near(state.doc.resolve(offset));
      dispatch(state.tr.setSelection(selection).scrollIntoView());
    }
    return true;
  };
}

/** F8: the next clause not agreed by every party. */
export const nextUnagreedClause: Command = goToUnagreed(1);

/** Shift-F8: the previous clause not agreed by every party. */
export const previousUnagreedClause: Command = goToUnagreed(-1);
