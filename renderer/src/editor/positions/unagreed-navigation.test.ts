// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { chanceryKeymap } from '../keymap-plugin';
import { clause, doc, h, p, posOf } from '../test-docs';
import { positionsEditor, sendPositions } from './test-editor';
import { roster, view } from './test-positions';
import { nextUnagreedClause, previousUnagreedClause } from './unagreed-navigation';

const [A, B, C, D] = ['c-000000000000000a', 'c-000000000000000b', 'c-000000000000000c', 'c-000000000000000d'];

let editor: EditorView | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.innerHTML = '';
});

function open(states: Record<string, 'agreed' | 'open' | 'disputed' | 'agreed-ad-ref'>): EditorView {
  editor = positionsEditor(doc(h(1, 'Framework'), clause(A, 'Alpha.'), p('Interlude.'), clause(B, 'Bravo.'), clause(C, 'Charlie.'), clause(D, 'Delta.')));
  sendPositions(editor, { kind: 'reset', roster: roster(), clauses: Object.entries(states).map(([id, state]) => view(id, state, {})) });
  return editor;
}

/** The text of the clause holding the cursor. */
function cursorClause(v: EditorView): string {
  const $head = v.state.selection.$head;
  return $head.node(1).textContent;
}

const run = (v: EditorView, command: typeof nextUnagreedClause) => command(v.state, v.dispatch, v);

describe('next / previous unagreed clause', () => {
  it('moves to the next clause whose state is not agreed, skipping agreed clauses and plain paragraphs, and wraps around', () => {
    const v = open({ [A]: 'disputed', [B]: 'agreed', [C]: 'agreed-ad-ref', [D]: 'agreed' });
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, posOf(v.state.doc, 'Framework'))));
    expect(run(v, nextUnagreedClause)).toBe(true);
    expect(cursorClause(v)).toBe('Alpha.');
    // The selection is at the start of the clause's text, ready to read or edit.
    expect(v.state.selection.empty).toBe(true);
    expect(v.state.selection.from).toBe(posOf(v.state.doc, 'Alpha.'));
    run(v, nextUnagreedClause);
    expect(cursorClause(v)).toBe('Charlie.');
    run(v, nextUnagreedClause);
    expect(cursorClause(v)).toBe('Alpha.');
  });

  it('goes backwards with Shift-F8, wrapping from the first to the last', () => {
    const v = open({ [A]: 'open', [B]: 'agreed', [C]: 'agreed', [D]: 'disputed' });
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, posOf(v.state.doc, 'Charlie.'))));
    run(v, previousUnagreedClause);
    expect(cursorClause(v)).toBe('Alpha.');
    run(v, previousUnagreedClause);
    expect(cursorClause(v)).toBe('Delta.');
  });

  it('does nothing when every other clause is agreed', () => {
    const v = open({ [A]: 'agreed', [B]: 'disputed', [C]: 'agreed', [D]: 'agreed' });
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, posOf(v.state.doc, 'Bravo.'))));
    const before = v.state.selection;
    expect(run(v, nextUnagreedClause)).toBe(false);
    expect(v.state.selection.eq(before)).toBe(true);
  });

  it('is bound to F8 and Shift-F8 in the editor keymap', () => {
    const plugin = chanceryKeymap({ onFind: () => {} });
    const v = open({ [A]: 'agreed', [B]: 'open', [C]: 'agreed', [D]: 'agreed' });
    v.updateState(v.state.reconfigure({ plugins: [plugin, ...v.state.plugins] }));
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, posOf(v.state.doc, 'Alpha.'))));
    const press = (key: string, shiftKey = false) =>
      v.someProp('handleKeyDown', (f) => f(v, new KeyboardEvent('keydown', { key, shiftKey, keyCode: 119 })));
    press('F8');
    expect(cursorClause(v)).toBe('Bravo.');
    v.dispatch(v.state.tr.setSelection(TextSelection.create(v.state.doc, posOf(v.state.doc, 'Delta.'))));
    press('F8', true);
    expect(cursorClause(v)).toBe('Bravo.');
  });
});
