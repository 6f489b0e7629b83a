import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';
import { clauseIdRepairPlugin } from './clause-id-repair-plugin';
import { clause, clauseIds, doc, p, posOf } from './test-docs';

function stateOf(content = doc(clause('c-000000000000000a', 'First part. Second part.'), clause('c-000000000000000b', 'Other clause.'))) {
  return EditorState.create({ doc: content, plugins: [clauseIdRepairPlugin()] });
}

describe('clause id repair', () => {
  it('gives the second half of a split clause a fresh id', () => {
    const state = stateOf();
    // Split the paragraph and its clause (depth 2) between the two sentences.
    const split = state.tr.split(posOf(state.doc, 'Second'), 2);
    expect(clauseIds(split.doc)).toEqual(['c-000000000000000a', 'c-000000000000000a', 'c-000000000000000b']); // what the split itself produces
    const result = state.applyTransaction(split).state;
    const ids = clauseIds(result.doc);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe('c-000000000000000a');
    expect(ids[2]).toBe('c-000000000000000b');
    expect(ids[1]).toMatch(/^c-[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(3);
  });

  it('gives pasted duplicates fresh ids and lets the first occurrence keep its id', () => {
    const state = stateOf();
    const copy = state.doc.child(0);
    const end = state.doc.content.size;
    const result = state.applyTransaction(state.tr.insert(end, [copy, copy])).state;
    const ids = clauseIds(result.doc);
    expect(ids.slice(0, 2)).toEqual(['c-000000000000000a', 'c-000000000000000b']);
    expect(new Set(ids).size).toBe(4);
  });

  it('keeps the id on the original when a copy is pasted above it', () => {
    const state = stateOf();
    const copy = state.doc.child(1);
    const result = state.applyTransaction(state.tr.insert(0, copy)).state;
    const ids = clauseIds(result.doc);
    expect(ids[2]).toBe('c-000000000000000b');
    expect(ids[1]).toBe('c-000000000000000a');
    expect(ids[0]).not.toBe('c-000000000000000b');
  });

  it('keeps the id when a clause is cut and pasted elsewhere', () => {
    const state = stateOf();
    const moved = state.doc.child(0);
    const tr = state.tr.delete(0, moved.nodeSize);
    tr.insert(tr.doc.content.size, moved);
    expect(clauseIds(state.applyTransaction(tr).state.doc)).toEqual(['c-000000000000000b', 'c-000000000000000a']);
  });

  it('fills in missing ids', () => {
    const state = stateOf();
    const result = state.applyTransaction(state.tr.insert(0, clause(null, 'No id yet.'))).state;
    expect(clauseIds(result.doc)[0]).toMatch(/^c-/);
  });

  it('does not touch a change mirrored from Yjs, and repairs on the next local edit', () => {
    const state = stateOf();
    const remote = state.tr.insert(state.doc.content.size, state.doc.child(1));
    remote.setMeta(ySyncPluginKey, { isChangeOrigin: true });
    const afterRemote = state.applyTransaction(remote).state;
    expect(clauseIds(afterRemote.doc)).toEqual(['c-000000000000000a', 'c-000000000000000b', 'c-000000000000000b']);

    const typing = afterRemote.tr.insertText('x', posOf(afterRemote.doc, 'First'));
    const ids = clauseIds(afterRemote.applyTransaction(typing).state.doc);
    expect(ids.slice(0, 2)).toEqual(['c-000000000000000a', 'c-000000000000000b']);
    expect(new Set(ids).size).toBe(3);
  });

  it('leaves plain typing alone', () => {
    const state = stateOf(doc(p('Preamble'), clause('c-000000000000000a', 'Text.')));
    const tr = state.tr.insertText('more ', posOf(state.doc, 'Text'));
    tr.setSelection(TextSelection.create(tr.doc, 3));
    const { transactions } = state.applyTransaction(tr);
    expect(transactions).toHaveLength(1);
  });
});
