/**
 * Which documents are open in tabs, and which one is shown. Pure, so the rules (where the focus
 * goes when a tab closes, what happens when a document disappears) are easy to test.
 */

export interface TabsState {
  /** Document ids, in tab order. */
  open: readonly string[];
  active: string | null;
}

export type TabsAction =
  /** Open a document in a new tab (or switch to its tab) and show it. */
  | { type: 'open'; id: string }
  | { type: 'activate'; id: string }
  | { type: 'close'; id: string }
  /** Documents deleted from the workspace (by anyone): their tabs close. */
  | { type: 'removed'; ids: readonly string[] };

export const NO_TABS: TabsState = { open: [], active: null };

function closeOne(state: TabsState, id: string): TabsState {
  const index = state.open.indexOf(id);
  if (index < 0) return state;
  const open = state.open.filter((t) => t !== id);
  if (state.active !== id) return { open, active: state.active };
  // The neighbour to the right takes its place, or the one to the left at the end of the row.
  const active = open[Math.min(index, open.length - 1)] ?? null;
  return { open, active };
}

export function tabsReducer(state: TabsState, action: TabsAction): TabsState {
  switch (action.type) {
    case 'open':
      if (state.open.includes(action.id)) return state.active === action.id ? state : { ...state, active: action.id };
      return { open: [...state.open, action.id], active: action.id };
    case 'activate':
      return state.open.includes(action.id) && state.active !== action.id ? { ...state, active: action.id } : state;
    case 'close':
      return closeOne(state, action.id);
    case 'removed':
      return action.ids.reduce(closeOne, state);
  }
}

/** Ids present in `before` and missing from `after`: documents that were deleted. */
export function removedIds(before: readonly string[], after: readonly string[]): string[] {
  const now = new Set(after);
  return before.filter((id) => !now.has(id));
}
