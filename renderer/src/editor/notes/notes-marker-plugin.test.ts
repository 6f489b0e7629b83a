// @vitest-environment jsdom
import { EditorState, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { afterEach, describe, expect, it } from 'vitest';
import { clauseNumberingPlugin } from '../clause-numbering-plugin';
import { clause, doc, h, labelled, posOf } from '../test-docs';
import { cursorClause } from './cursor-clause';
import { notesMarkerPlugin, withNoteCounts } from './notes-marker-plugin';

const C1 = 'c-0000000000000001';
const C2 = 'c-0000000000000002';
const C2B = 'c-000000000000002b';

let editor: EditorView | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.innerHTML = '';
});

function open(): EditorView {
  const state = EditorState.create({
    doc: doc(h(1, 'Framework'), clause(C1, 'One.'), clause(C2, 'Two.'), labelled(C2B, '2 bis', 'Two bis.')),
    plugins: [clauseNumberingPlugin(), notesMarkerPlugin()],
  });
  editor = new EditorView(document.body.appendChild(document.createElement('div')), { state });
  return editor;
}

const section = (view: EditorView, id: string) => view.dom.querySelector<HTMLElement>(`section.clause[data-clause-id="${id}"]`)!;

describe('notes marker', () => {
  it('marks exactly the clauses that have notes, with how many, and unmarks them when the notes go', () => {
    const view = open();
    expect(view.dom.querySelectorAll('.has-notes')).toHaveLength(0);
    view.dispatch(withNoteCounts(view.state.tr, new Map([[C2, 2]])));
    expect(section(view, C2).classList.contains('has-notes')).toBe(true);
    expect(section(view, C2).getAttribute('data-notes')).toBe('2');
    expect(section(view, C1).classList.contains('has-notes')).toBe(false);
    view.dispatch(withNoteCounts(view.state.tr, new Map([[C1, 1]])));
    expect(section(view, C1).getAttribute('data-notes')).toBe('1');
    expect(section(view, C2).classList.contains('has-notes')).toBe(false);
    expect(section(view, C2).hasAttribute('data-notes')).toBe(false);
  });

  it('is not read back as an edit: the clause view ignores the marker’s writes', () => {
    // Were the writes read back, ProseMirror would redraw the section, the marker would write it
    // again, and so on: the window would hang. Asked directly, so a regression fails instead.
    const view = open();
    const plugin = view.state.plugins.find((p) => p.props.nodeViews?.clause)!;
    const clauseView = plugin.props.nodeViews!.clause!(view.state.doc.child(1), view, () => 0, [], null as never);
    for (const attributeName of ['class', 'data-notes']) {
      expect(clauseView.ignoreMutation!({ type: 'attributes', attributeName, target: clauseView.dom!, oldValue: null } as unknown as MutationRecord)).toBe(true);
    }
    clauseView.destroy?.();
  });

  it('marks a clause drawn anew after a structural change', () => {
    const view = open();
    view.dispatch(withNoteCounts(view.state.tr, new Map([[C2B, 1]])));
    // Move C2B before C1: ProseMirror draws its section again.
    const { doc: d } = view.state;
    let from = -1;
    d.forEach((node, offset) => {
      if (node.attrs.id === C2B) from = offset;
    });
    const node = d.nodeAt(from)!;
    view.dispatch(view.state.tr.delete(from, from + node.nodeSize).insert(d.child(0).nodeSize, node));
    expect(section(view, C2B).classList.contains('has-notes')).toBe(true);
  });

  it('knows the clause at the cursor, with its shown number', () => {
    const view = open();
    const select = (text: string) => cursorClause(view.state.apply(view.state.tr.setSelection(TextSelection.create(view.state.doc, posOf(view.state.doc, text)))));
    expect(select('Two bis.')).toEqual({ id: C2B, number: '2 bis' });
    expect(select('One.')).toEqual({ id: C1, number: '1' });
    expect(select('Framework')).toBeNull();
  });
});
