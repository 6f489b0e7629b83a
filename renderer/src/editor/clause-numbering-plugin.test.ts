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
      clause('c-1', 'One.'),
      clause('c-2', 'Two.'),
      labelled('c-2b', '2 bis', 'Two bis.'),
      clause('c-3', 'Three.'),
    ),
    plugins: [clauseNumberingPlugin()],
  });
}

const numbers = (state: EditorState) => shownClauseNumbers(state).map((n) => n.number);
const builds = (state: EditorState) => clauseNumberingKey.getState(state)!.builds;

describe('clause numbering', () => {
  it('numbers clauses in document order, keeping stored labels', () => {
    expect(numbers(stateOf())).toEqual(['1', '2', '2 bis', '3']);
  });

  it('renumbers when a clause is inserted in the middle; the labelled clause keeps its label', () => {
    const state = stateOf();
    const at = posOf(state.doc, 'One.') - 2; // start of clause c-1
    const next = state.apply(state.tr.insert(at, clause('c-0', 'Zero.')));
    expect(numbers(next)).toEqual(['1', '2', '3', '2 bis', '4']);
    expect(shownClauseNumbers(next)[0]!.clauseId).toBe('c-0');
    expect(builds(next)).toBe(builds(state) + 1);
  });

  it('maps the decorations on plain typing instead of rebuilding them', () => {
    let state = stateOf();
    const before = builds(state);
    for (const ch of 'typed ') state = state.apply(state.tr.insertText(ch, posOf(state.doc, 'Two.')));
    // A paragraph split inside a clause is not a structural change either.
    state = state.apply(state.tr.split(posOf(state.doc, 'Three.') + 3));
    expect(builds(state)).toBe(before);
    expect(numbers(state)).toEqual(['1', '2', '2 bis', '3']);
    // The mapped decorations still sit exactly on their clauses.
    for (const deco of clauseNumberingKey.getState(state)!.decorations.find()) {
      expect(state.doc.nodeAt(deco.from)?.type.name).toBe('clause');
      expect(deco.to - deco.from).toBe(state.doc.nodeAt(deco.from)!.nodeSize);
    }
  });

  it('maps, not rebuilds, on a structural change that keeps the clause sequence', () => {
    const state = stateOf();
    const next = state.apply(state.tr.split(posOf(state.doc, 'amble.'))); // split the preamble
    expect(builds(next)).toBe(builds(state));
    expect(numbers(next)).toEqual(['1', '2', '2 bis', '3']);
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
    expect(builds(next)).toBe(builds(state) + 1); // mapping lost them all, so it rebuilt
  });
});
