// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { EditorView } from 'prosemirror-view';
import { clause, doc, h, posOf } from '../test-docs';
import { activeClauseFilter, clauseMatches, setClauseFilter, type ClauseFilter } from './clause-filter-plugin';
import { positionsEditor, sectionOf, sendPositions } from './test-editor';
import { roster, view } from './test-positions';

const [A, B, C, D] = ['c-000000000000000a', 'c-000000000000000b', 'c-000000000000000c', 'c-000000000000000d'];

let editor: EditorView | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.innerHTML = '';
});

function open(): EditorView {
  editor = positionsEditor(doc(h(1, 'Annex'), clause(A, 'Agreed text.'), clause(B, 'Ad ref text.'), clause(C, 'Disputed text.'), clause(D, 'Stale text.')));
  sendPositions(editor, {
    kind: 'reset',
    roster: roster(),
    clauses: [
      view(A, 'agreed', { EU: 'accepted', US: 'accepted', RU: 'accepted' }),
      view(B, 'agreed-ad-ref', { EU: 'accepted', US: 'accepted-ad-ref', RU: 'accepted' }),
      view(C, 'disputed', { EU: 'disputed', US: 'accepted', RU: 'accepted' }),
      view(D, 'open', { EU: { status: 'accepted', stale: true }, US: 'accepted', RU: 'accepted' }),
    ],
  });
  return editor;
}

const filter = (v: EditorView, f: ClauseFilter) => setClauseFilter(f)(v.state, v.dispatch);
const dimmed = (v: EditorView) => [A, B, C, D].filter((id) => sectionOf(v, id).classList.contains('filtered-out'));

describe('clause filter', () => {
  it('dims the clauses that do not match and undims them for "All clauses"', () => {
    const v = open();
    expect(dimmed(v)).toEqual([]);
    filter(v, 'unagreed');
    expect(activeClauseFilter(v.state)).toBe('unagreed');
    expect(dimmed(v)).toEqual([A]);
    filter(v, 'disputed');
    expect(dimmed(v)).toEqual([A, B, D]);
    filter(v, 'stale');
    expect(dimmed(v)).toEqual([A, B, C]);
    filter(v, 'all');
    expect(dimmed(v)).toEqual([]);
  });

  it('follows a positions delta: a clause that becomes disputed stands out', () => {
    const v = open();
    filter(v, 'disputed');
    sendPositions(v, { kind: 'clauses', clauses: [view(A, 'disputed', { EU: 'accepted', US: 'disputed', RU: 'accepted' })] });
    expect(dimmed(v)).toEqual([B, D]);
  });

  it('keeps the dimming while typing, and dims a new clause that does not match', () => {
    const v = open();
    filter(v, 'disputed');
    v.dispatch(v.state.tr.insertText('More ', posOf(v.state.doc, 'Agreed text.')));
    expect(dimmed(v)).toEqual([A, B, D]);
    v.dispatch(v.state.tr.insert(v.state.doc.content.size, clause('c-000000000000000e', 'New.')));
    expect(sectionOf(v, 'c-000000000000000e').classList.contains('filtered-out')).toBe(true);
  });

  it('matches as the toolbar names say: ad referendum is not yet agreed, a clause main has not reported is open', () => {
    expect(clauseMatches(view(A, 'agreed-ad-ref', {}), 'unagreed')).toBe(true);
    expect(clauseMatches(view(A, 'agreed', {}), 'unagreed')).toBe(false);
    expect(clauseMatches(undefined, 'unagreed')).toBe(true);
    expect(clauseMatches(undefined, 'disputed')).toBe(false);
    expect(clauseMatches(undefined, 'stale')).toBe(false);
  });
});
