import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';
import { clauseNumberingKey, clauseNumberingPlugin, shownClauseNumbers } from './clause-numbering-plugin';
import { clause, doc, h, labelled, p, posOf } from './test-docs';

function stateOf() {
  return EditorState.create({
    doc: doc(
      h(1, 'Framework'),
      p('Preamble.'),
      clause('c-0000000000000001', 'One.'),
      clause('c-0000000000000002', 'Two.'),
      labelled('c-000000000000002b', '2 bis', 'Two bis.'),
      clause('c-0000000000000003', 'Three.'),
    ),
    plugins: [clauseNumberingPlugin()],
  });
}

const numbers = (state: EditorState) => shownClauseNumbers(state).map((n) => n.number);
const builds = (state: EditorState) => clauseNumberingKey.getState(state)!.builds;
const labels = (state: EditorState) => clauseNumberingKey.getState(state)!.labels;

describe('clause numbering', () => {
  it('numbers clauses in document order, keeping stored labels', () => {
    expect(numbers(stateOf())).toEqual(['1', '2', '2 bis', '3']);
  });

  it('renumbers when a clause is inserted in the middle; the labelled clause keeps its label', () => {
    const state = stateOf();
    const at = posOf(state.doc, 'One.') - 2; // start of clause c-1
    const next = state.apply(state.tr.insert(at, clause('c-0000000000000000', 'Zero.')));
    expect(numbers(next)).toEqual(['1', '2', '3', '2 bis', '4']);
    expect(shownClauseNumbers(next)[0]!.clauseId).toBe('c-0000000000000000');
    expect(builds(next)).toBe(builds(state) + 1);
  });

  it('leaves the numbering state alone on plain typing', () => {
    let state = stateOf();
    const before = clauseNumberingKey.getState(state)!;
    for (const ch of 'typed ') state = state.apply(state.tr.insertText(ch, posOf(state.doc, 'Two.')));
    // A paragraph split inside a clause is not a structural change either.
    state = state.apply(state.tr.split(posOf(state.doc, 'Three.') + 3));
    // The very same object: nothing was recomputed and the view has nothing to redraw.
    expect(clauseNumberingKey.getState(state)).toBe(before);
    expect(numbers(state)).toEqual(['1', '2', '2 bis', '3']);
  });

  it('keeps the numbers on a structural change that keeps the clause sequence, and follows the new indices', () => {
    const state = stateOf();
    const next = state.apply(state.tr.split(posOf(state.doc, 'amble.'))); // split the preamble
    expect(builds(next)).toBe(builds(state));
    expect(numbers(next)).toEqual(['1', '2', '2 bis', '3']);
    expect(labels(next)).toEqual([null, null, null, '1', '2', '2 bis', '3']);
  });

  it('rebuilds when a label changes', () => {
    const state = stateOf();
    const pos = posOf(state.doc, 'Three.') - 2;
    const next = state.apply(state.tr.setNodeAttribute(pos, 'label', '3 ter'));
    expect(numbers(next)).toEqual(['1', '2', '2 bis', '3 ter']);
  });

  it('keeps numbers when y-prosemirror replaces the whole document with the same clauses', () => {
    const state = stateOf();
    const tr = state.tr.replaceWith(0, state.doc.content.size, state.doc.content);
    tr.setMeta(ySyncPluginKey, { isChangeOrigin: true });
    const next = state.apply(tr);
    expect(numbers(next)).toEqual(['1', '2', '2 bis', '3']);
    expect(builds(next)).toBe(builds(state));
    expect(labels(next)).toEqual(labels(state));
  });

  it('numbers each top-level node by index, clauses only', () => {
    expect(labels(stateOf())).toEqual([null, null, '1', '2', '2 bis', '3']);
  });
});
