import { TextSelection, type EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { getSearchState, SearchQuery, setSearchState } from 'prosemirror-search';

/**
 * Find in document, on top of prosemirror-search (its plugin highlights the matches; its
 * findNext/findPrev commands move between them). This module adds what the find bar shows:
 * "N of M", where N is the match currently selected.
 */

export interface MatchCount {
  /** 1-based index of the selected match, 0 when the selection is not on a match. */
  current: number;
  total: number;
  /** True when counting stopped at the limit (the bar then shows "N of M+"). */
  capped: boolean;
}

export const NO_MATCHES: MatchCount = Object.freeze({ current: 0, total: 0, capped: false });

/** Counts the matches of `query` in the document, up to `limit`. */
export function countMatches(state: EditorState, query: SearchQuery, limit = 5000): MatchCount {
  if (!query.valid) return NO_MATCHES;
  const { from, to } = state.selection;
  let total = 0;
  let current = 0;
  let pos = 0;
  const end = state.doc.content.size;
  while (pos <= end) {
    const match = query.findNext(state, pos);
    if (!match) break;
    total += 1;
    if (match.from === from && match.to === to) current = total;
    if (total >= limit) return { current, total, capped: true };
    pos = match.to > match.from ? match.to : match.to + 1;
  }
  return { current, total, capped: false };
}

/** The count for the query the search plugin holds (module-level, for `useEditorSelector`). */
export function currentMatchCount(state: EditorState): MatchCount {
  const query = getSearchState(state)?.query;
  return query?.search ? countMatches(state, query) : NO_MATCHES;
}

export function sameMatchCount(a: MatchCount, b: MatchCount): boolean {
  return a.current === b.current && a.total === b.total && a.capped === b.capped;
}

/**
 * Sets the search text and selects the first match at or after the cursor (wrapping to the top),
 * the way incremental search behaves in word processors. Focus stays in the find bar.
 */
export function searchFor(view: EditorView, text: string): void {
  const query = new SearchQuery({ search: text, caseSensitive: false, literal: true });
  const tr = setSearchState(view.state.tr, query);
  if (query.valid) {
    const match = query.findNext(view.state, view.state.selection.from) ?? query.findNext(view.state, 0);
    if (match) tr.setSelection(TextSelection.create(tr.doc, match.from, match.to));
  }
  view.dispatch(tr);
  revealSelection(view);
}

/**
 * Scrolls the selected match into view. ProseMirror's own scrollIntoView only acts while the
 * DOM selection is inside the editor, and during find the focus stays in the find field.
 */
export function revealSelection(view: EditorView): void {
  let scroller: HTMLElement | null = view.dom.parentElement;
  while (scroller && !(scroller.scrollHeight > scroller.clientHeight && /(auto|scroll)/u.test(getComputedStyle(scroller).overflowY))) {
    scroller = scroller.parentElement;
  }
  if (!scroller) return;
  const coords = view.coordsAtPos(view.state.selection.from);
  const box = scroller.getBoundingClientRect();
  const margin = 48;
  if (coords.top < box.top + margin || coords.bottom > box.bottom - margin) {
    scroller.scrollTop += coords.top - (box.top + box.height / 3);
  }
}

/** Clears the query, and so the highlights. */
export function clearSearch(view: EditorView): void {
  view.dispatch(setSearchState(view.state.tr, new SearchQuery({ search: '' })));
}
