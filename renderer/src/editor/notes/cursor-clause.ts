import type { EditorState } from 'prosemirror-state';
import { clauseNumberingKey } from '../clause-numbering-plugin';

/** The clause the cursor is in: its id and shown number ("5 bis"). */
export interface CursorClause {
  id: string;
  number: string;
}

/** The top-level clause holding the selection's start, or null (a heading, a paragraph outside clauses, no id yet). */
export function cursorClause(state: EditorState): CursorClause | null {
  const { $from } = state.selection;
  if ($from.depth < 1) return null;
  const node = $from.node(1);
  if (node.type.name !== 'clause') return null;
  const id = node.attrs.id as string | null;
  if (!id) return null;
  const number = clauseNumberingKey.getState(state)?.labels[$from.index(0)] ?? null;
  return { id, number: number ?? id };
}

/** For `useEditorSelector`: the same clause (id and number) counts as no change. */
export function sameCursorClause(a: CursorClause | null, b: CursorClause | null): boolean {
  return a === b || (a !== null && b !== null && a.id === b.id && a.number === b.number);
}
