import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { DecorationSet, type Decoration } from 'prosemirror-view';
import type { ClauseView, RosterState } from '../../../../shared/positions/model';
import { numberClauses } from '../../../../shared/schema/numbering';
import { clauseNumberingKey } from '../clause-numbering-plugin';
import { mayChangeTopLevel } from '../top-level-change';
import { ClauseStamp, StampSchedule } from './clause-dom-stamp';
import { ClauseDecorations, type ClauseDecorationSpec } from './gutter-decorations';
import type { GutterActions } from './gutter-dom';
import { sameClauseView } from './gutter-model';

/**
 * The clause gutter (e2e/UI-CONTRACT.md, "Clause gutter"): each clause's party markers, its state
 * as `data-state` on the clause's section (class `bracketed` when disputed: CSS draws the square
 * brackets) and the proposals of a disputed clause as options.
 *
 * Main resolves positions (signatures, roster, current text) and sends them; the editor learns
 * them through transaction metas ({@link PositionsMeta}), never by computing anything itself.
 * The cost on a keystroke is what matters (hundreds of clauses, four parties each):
 * - typing maps the decorations through the transaction (`DecorationSet.map`): nothing is built;
 * - a positions delta rebuilds the decorations of the clauses it names, and only those;
 * - a structural change (a clause added, removed or renumbered, or y-prosemirror replacing the
 *   document for a remote change) rebuilds the set, but widgets keep their DOM unless what they
 *   show changed (see `ClauseDecorations`);
 * - `data-state` and `bracketed` are written on the sections by the plugin's view, only after a
 *   delta or a structural change, rather than by node decorations (see `clause-dom-stamp.ts`).
 */

/** What the editor is told about positions. */
export type PositionsMeta =
  /** Everything, once loaded (or reloaded): every clause's view and the roster. */
  | { kind: 'reset'; clauses: readonly ClauseView[]; roster: RosterState | null }
  /** Some clauses' views changed (main sends only those). */
  | { kind: 'clauses'; clauses: readonly ClauseView[] }
  /** The roster changed: names, colours, order of parties, or where this member stands. */
  | { kind: 'roster'; roster: RosterState | null };

export interface PositionGutterState {
  /** Nothing is drawn until main's positions have arrived once. */
  readonly loaded: boolean;
  /** Each clause's view by clause id, as main last sent it. */
  readonly views: ReadonlyMap<string, ClauseView>;
  readonly roster: RosterState | null;
  readonly decorations: DecorationSet;
  /** Clause ids whose view changed in the last transaction, or `all`; the filter plugin follows it. */
  readonly changed: 'all' | readonly string[];
  /** Moves when clause states or the top-level structure changed: the sections' attributes are then synced. */
  readonly epoch: number;
}

export const positionGutterKey = new PluginKey<PositionGutterState>('chancery-position-gutter');

/** Adds positions to a transaction (the editor pane dispatches it when the store changes). */
export function withPositions(tr: Transaction, meta: PositionsMeta): Transaction {
  return tr.setMeta(positionGutterKey, meta);
}

const NOTHING_CHANGED: readonly string[] = Object.freeze([]);

/** Shown numbers by top-level index, from the numbering plugin when it runs (it always does in the app). */
function numbersOf(state: EditorState): readonly (string | null)[] {
  const labels = clauseNumberingKey.getState(state)?.labels;
  if (labels) return labels;
  const byPos = new Map(numberClauses(state.doc).map((c) => [c.pos, c.label]));
  const out: (string | null)[] = [];
  state.doc.forEach((_node, offset) => out.push(byPos.get(offset) ?? null));
  return out;
}

const clauseIdOf = (node: PMNode): string | null => (node.type.name === 'clause' ? ((node.attrs.id as string | null) ?? null) : null);

function buildAll(state: EditorState, data: Pick<PositionGutterState, 'views' | 'roster'>, clauses: ClauseDecorations): DecorationSet {
  const numbers = numbersOf(state);
  const decorations: Decoration[] = [];
  const live = new Set<string>();
  state.doc.forEach((node, offset, index) => {
    const id = clauseIdOf(node);
    if (id === null) return;
    live.add(id);
    decorations.push(...clauses.forClause(offset, node, numbers[index] ?? id, data.views.get(id), data.roster));
  });
  clauses.keepOnly(live);
  return DecorationSet.create(state.doc, decorations);
}

/** Replaces the decorations of the clauses named in `ids`, leaving every other clause's alone. */
function rebuildSome(set: DecorationSet, state: EditorState, ids: readonly string[], data: Pick<PositionGutterState, 'views' | 'roster'>, clauses: ClauseDecorations): DecorationSet {
  const wanted = new Set(ids);
  let numbers: readonly (string | null)[] | null = null;
  state.doc.forEach((node, offset, index) => {
    const id = clauseIdOf(node);
    if (id === null || !wanted.has(id)) return;
    wanted.delete(id);
    numbers ??= numbersOf(state);
    const old = set.find(offset, offset + node.nodeSize, (spec: ClauseDecorationSpec) => spec.clauseId === id);
    set = set.remove(old).add(state.doc, clauses.forClause(offset, node, numbers[index] ?? id, data.views.get(id), data.roster));
  });
  return set;
}

function applyMeta(prev: PositionGutterState, meta: PositionsMeta): Pick<PositionGutterState, 'loaded' | 'views' | 'roster' | 'changed'> {
  if (meta.kind === 'reset') {
    return { loaded: true, views: new Map(meta.clauses.map((c) => [c.clauseId, c])), roster: meta.roster, changed: 'all' };
  }
  if (meta.kind === 'roster') return { loaded: prev.loaded, views: prev.views, roster: meta.roster, changed: 'all' };
  const changed = meta.clauses.filter((c) => {
    const old = prev.views.get(c.clauseId);
    return !old || !sameClauseView(old, c);
  });
  if (changed.length === 0) return { loaded: prev.loaded, views: prev.views, roster: prev.roster, changed: NOTHING_CHANGED };
  const views = new Map(prev.views);
  for (const c of changed) views.set(c.clauseId, c);
  return { loaded: prev.loaded, views, roster: prev.roster, changed: changed.map((c) => c.clauseId) };
}

function apply(tr: Transaction, prev: PositionGutterState, state: EditorState, clauses: ClauseDecorations): PositionGutterState {
  const meta = tr.getMeta(positionGutterKey) as PositionsMeta | undefined;
  const structural = tr.docChanged && mayChangeTopLevel(tr);
  if (!meta && !tr.docChanged) return prev.changed.length === 0 ? prev : { ...prev, changed: NOTHING_CHANGED };
  const data = meta ? applyMeta(prev, meta) : { loaded: prev.loaded, views: prev.views, roster: prev.roster, changed: NOTHING_CHANGED };
  const shownChanged = data.changed === 'all' || data.changed.length > 0;
  const epoch = structural || shownChanged ? prev.epoch + 1 : prev.epoch;
  let decorations: DecorationSet;
  if (!data.loaded) decorations = DecorationSet.empty;
  else if (data.changed === 'all' || structural) decorations = buildAll(state, data, clauses);
  else {
    decorations = tr.docChanged ? prev.decorations.map(tr.mapping, tr.doc) : prev.decorations;
    if (data.changed.length > 0) decorations = rebuildSome(decorations, state, data.changed, data, clauses);
  }
  return { ...data, decorations, epoch };
}

/** A clause's shown state, or null before main's positions arrived (nothing is claimed then). */
function stateOf(gutter: PositionGutterState | undefined, clauseId: string): ClauseView['state'] | null {
  if (!gutter?.loaded) return null;
  return gutter.views.get(clauseId)?.state ?? 'open';
}

function writeState(section: HTMLElement, value: ClauseView['state'] | null): void {
  if (value === null) section.removeAttribute('data-state');
  else section.setAttribute('data-state', value);
  section.classList.toggle('bracketed', value === 'disputed');
}

/** The gutter plugin; `actions` open the position and history dialogs. */
export function positionGutterPlugin(actions: GutterActions): Plugin<PositionGutterState> {
  const clauses = new ClauseDecorations(actions);
  return new Plugin<PositionGutterState>({
    key: positionGutterKey,
    state: {
      init: () => ({ loaded: false, views: new Map(), roster: null, decorations: DecorationSet.empty, changed: NOTHING_CHANGED, epoch: 0 }),
      apply: (tr, prev, _old, state) => apply(tr, prev, state, clauses),
    },
    props: {
      decorations: (state) => positionGutterKey.getState(state)?.decorations,
    },
    view: () => {
      const schedule = new StampSchedule();
      const clauseState = new ClauseStamp(writeState);
      return {
        update(view, prevState) {
          const gutter = positionGutterKey.getState(view.state);
          if (gutter && schedule.due(gutter.epoch, view.state === prevState)) clauseState.sync(view, (id) => stateOf(gutter, id));
        },
      };
    },
  });
}

