import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { joinBackward } from 'prosemirror-commands';
import { ReplaceStep } from 'prosemirror-transform';
import { ySyncPluginKey } from 'y-prosemirror';
import type { Node as PMNode } from 'prosemirror-model';
import { CONTENT_INVARIANTS_META, contentInvariantsPlugin, findInvariantFixes } from './content-invariants-plugin';
import { clause, doc, h, li, p, posOf, ul } from './test-docs';

const ID = 'c-00000000000000a1';

function stateOf(content: PMNode): EditorState {
  return EditorState.create({ doc: content, plugins: [contentInvariantsPlugin()] });
}

/** A state whose plugin has already checked everything once (as after the first local edit). */
function checked(content: PMNode): EditorState {
  const state = stateOf(content);
  return state.apply(state.tr.insertText('', 1));
}

function applyLocal(state: EditorState, tr: Transaction) {
  return state.applyTransaction(tr);
}

const mirror = (tr: Transaction) => tr.setMeta(ySyncPluginKey, { isChangeOrigin: true });

describe('content invariants', () => {
  it('puts an empty paragraph back into a clause a local edit emptied, in the same dispatch', () => {
    const state = checked(doc(clause(ID, 'Only text.'), p('After.')));
    const c = state.doc.child(0);
    const { state: next, transactions } = applyLocal(state, state.tr.delete(1, 1 + c.content.size));
    expect(transactions).toHaveLength(2);
    expect(transactions[1]!.getMeta(CONTENT_INVARIANTS_META)).toBe(true);
    expect(next.doc.child(0).childCount).toBe(1);
    expect(next.doc.child(0).child(0).type.name).toBe('paragraph');
    expect(next.doc.child(0).attrs.id).toBe(ID);
  });

  it('gives a list item that lost its paragraph a new one before its sub-list', () => {
    const content = doc(clause(ID, ul(li('Lead', ul('nested')))));
    const state = checked(content);
    const from = posOf(state.doc, 'Lead') - 1;
    const next = applyLocal(state, state.tr.delete(from, from + 'Lead'.length + 2)).state;
    const item = next.doc.child(0).child(0).child(0);
    expect(item.child(0).type.name).toBe('paragraph');
    expect(item.child(0).textContent).toBe('');
    expect(item.child(1).type.name).toBe('list');
    expect(item.textContent).toBe('nested');
  });

  it('gives an emptied list an empty item', () => {
    const state = checked(doc(clause(ID, p('Lead-in:'), ul('one'))));
    const list = state.doc.child(0).child(1);
    const start = 1 + state.doc.child(0).child(0).nodeSize;
    const next = applyLocal(state, state.tr.delete(start + 1, start + list.nodeSize - 1)).state;
    const fixed = next.doc.child(0).child(1);
    expect(fixed.type.name).toBe('list');
    expect(fixed.childCount).toBe(1);
    expect(fixed.child(0).child(0).type.name).toBe('paragraph');
  });

  it('turns a heading that Backspace moved into a clause into body text', () => {
    let state = checked(doc(clause(ID, 'Clause text.'), h(2, 'Part two')));
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, posOf(state.doc, 'Part'))));
    let next = state;
    expect(joinBackward(state, (tr) => (next = state.applyTransaction(tr).state))).toBe(true);
    // ProseMirror moves the heading into the clause as its second paragraph; it becomes body text.
    const moved = next.doc.child(0).child(1);
    expect(moved.textContent).toBe('Part two');
    expect(moved.attrs.level).toBe(0);
  });

  it('only ever inserts, or resets a heading: no step of a fix deletes', () => {
    const state = checked(doc(clause(ID, 'A', 'B'), clause('c-00000000000000a2', ul(li('x', ul('y'))))));
    const second = state.doc.child(0).nodeSize;
    const tr = state.tr.delete(1, second - 1);
    const itemText = posOf(tr.doc, 'x');
    tr.delete(itemText - 1, itemText + 2);
    const { transactions } = applyLocal(state, tr);
    const fix = transactions.find((t) => t.getMeta(CONTENT_INVARIANTS_META))!;
    expect(fix.steps.length).toBeGreaterThan(0);
    for (const step of fix.steps) {
      expect(step).toBeInstanceOf(ReplaceStep);
      expect((step as ReplaceStep).from).toBe((step as ReplaceStep).to);
    }
  });

  it('never amends a change mirrored from Yjs, and repairs what it left on the next local edit anywhere', () => {
    const state = checked(doc(clause(ID, 'Gone soon.'), p('Elsewhere.')));
    const c = state.doc.child(0);
    const remote = applyLocal(state, mirror(state.tr.delete(1, 1 + c.content.size)));
    expect(remote.transactions).toHaveLength(1);
    expect(remote.state.doc.child(0).childCount).toBe(0);
    const typing = remote.state.tr.insertText('x', posOf(remote.state.doc, 'Elsewhere'));
    const local = applyLocal(remote.state, typing);
    expect(local.transactions).toHaveLength(2);
    expect(local.state.doc.child(0).childCount).toBe(1);
  });

  it('appends nothing to plain typing', () => {
    const state = checked(doc(clause(ID, 'Text.')));
    expect(applyLocal(state, state.tr.insertText('more ', posOf(state.doc, 'Text'))).transactions).toHaveLength(1);
  });

  it('lists every gap in a document', () => {
    const schemaDoc = doc(clause(ID, 'x'));
    const empty = schemaDoc.type.schema.nodes.clause!.create({ id: ID });
    const broken = schemaDoc.type.create(null, [empty, h(1, 'Title')]);
    expect(findInvariantFixes(broken)).toHaveLength(1);
    expect(findInvariantFixes(schemaDoc)).toEqual([]);
  });
});
