import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { clauseNumberingPlugin } from '../clause-numbering-plugin';
import { clauseFilterPlugin } from './clause-filter-plugin';
import type { GutterActions } from './gutter-dom';
import { positionGutterPlugin, withPositions, type PositionsMeta } from './position-gutter-plugin';

/**
 * An editor view with the plugins the positions UI needs (numbering, gutter, filter), for the
 * jsdom tests. Not imported by the app.
 */
export function positionsEditor(doc: PMNode, actions: GutterActions = { openPosition: () => {}, openHistory: () => {} }): EditorView {
  const state = EditorState.create({ doc, plugins: [clauseNumberingPlugin(), positionGutterPlugin(actions), clauseFilterPlugin()] });
  return new EditorView(document.body.appendChild(document.createElement('div')), { state });
}

/** Tells the editor about positions, as the store binding does. */
export function sendPositions(view: EditorView, meta: PositionsMeta): void {
  view.dispatch(withPositions(view.state.tr, meta));
}

/** The section ProseMirror drew for a clause. */
export function sectionOf(view: EditorView, clauseId: string): HTMLElement {
  const el = view.dom.querySelector<HTMLElement>(`section.clause[data-clause-id="${clauseId}"]`);
  if (!el) throw new Error(`clause ${clauseId} is not drawn`);
  return el;
}
