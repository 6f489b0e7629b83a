import { Plugin, PluginKey, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import type { ClauseView } from '../../../../shared/positions/model';
import { mayChangeTopLevel } from '../top-level-change';
import { ClauseStamp, StampSchedule } from './clause-dom-stamp';
import { positionGutterKey } from './position-gutter-plugin';

/**
 * The clause filter (e2e/UI-CONTRACT.md, "Clause filter"): clauses that do not match get class
 * `filtered-out` on their section (dimmed by CSS, still there to read and edit — a filter never
 * hides text). Clause states come from the gutter plugin's state, which must run before this
 * plugin. The class is written by the plugin's view when the filter, a clause state or the
 * top-level structure changes, not by node decorations (see `clause-dom-stamp.ts`); typing inside
 * a clause costs nothing.
 */

export type ClauseFilter = 'all' | 'unagreed' | 'disputed' | 'stale';

/** The filter buttons, in toolbar order, with their names from the UI contract. */
export const CLAUSE_FILTERS: readonly { filter: ClauseFilter; name: string }[] = [
  { filter: 'all', name: 'All clauses' },
  { filter: 'unagreed', name: 'Not yet agreed' },
  { filter: 'disputed', name: 'Disputed' },
  { filter: 'stale', name: 'Stale' },
];

export interface ClauseFilterState {
  readonly filter: ClauseFilter;
  /** Moves when which clauses match may have changed; the view then syncs the sections' classes. */
  readonly epoch: number;
}

export const clauseFilterKey = new PluginKey<ClauseFilterState>('chancery-clause-filter');

/**
 * Whether a clause matches. A clause main has not reported yet (just added) counts as open.
 * "Not yet agreed" is every clause whose state is not `agreed` — ad referendum included, since
 * the capital has not confirmed it — as for next/previous unagreed and the headline figure.
 */
export function clauseMatches(view: ClauseView | undefined, filter: ClauseFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'unagreed':
      return (view?.state ?? 'open') !== 'agreed';
    case 'disputed':
      return view?.state === 'disputed';
    case 'stale':
      return view?.parties.some((p) => p.stale) ?? false;
  }
}

function apply(tr: Transaction, prev: ClauseFilterState, state: EditorState): ClauseFilterState {
  const wanted = tr.getMeta(clauseFilterKey) as ClauseFilter | undefined;
  if (wanted !== undefined && wanted !== prev.filter) return { filter: wanted, epoch: prev.epoch + 1 };
  if (prev.filter === 'all') return prev;
  // Under a filter, a clause may start or stop matching when its state changes, and new sections
  // may be drawn on a structural change; typing inside a clause changes neither.
  const changed = positionGutterKey.getState(state)?.changed ?? [];
  return changed.length > 0 || (tr.docChanged && mayChangeTopLevel(tr)) ? { filter: prev.filter, epoch: prev.epoch + 1 } : prev;
}

function writeFilteredOut(section: HTMLElement, filteredOut: boolean): void {
  section.classList.toggle('filtered-out', filteredOut);
}

export function clauseFilterPlugin(): Plugin<ClauseFilterState> {
  return new Plugin<ClauseFilterState>({
    key: clauseFilterKey,
    state: {
      init: () => ({ filter: 'all', epoch: 0 }),
      apply: (tr, prev, _old, state) => apply(tr, prev, state),
    },
    view: () => {
      const schedule = new StampSchedule();
      const stamp = new ClauseStamp(writeFilteredOut);
      return {
        update(view, prevState) {
          const { filter, epoch } = clauseFilterKey.getState(view.state)!;
          if (!schedule.due(epoch, view.state === prevState)) return;
          const views = positionGutterKey.getState(view.state)?.views ?? new Map<string, ClauseView>();
          stamp.sync(view, (id) => !clauseMatches(views.get(id), filter));
        },
      };
    },
  });
}

/** Shows only the clauses matching `filter` (undimmed); `all` shows every clause. */
export function setClauseFilter(filter: ClauseFilter): Command {
  return (state, dispatch) => {
    if (dispatch) dispatch(state.tr.setMeta(clauseFilterKey, filter));
    return true;
  };
}

/** The active filter (for the toolbar's pressed state). */
export function activeClauseFilter(state: EditorState): ClauseFilter {
  return clauseFilterKey.getState(state)?.filter ?? 'all';
}
