import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection, type Command } from 'prosemirror-state';
import {
  insertClause,
  isMarkActive,
  makeClause,
  newClauseFromEmptyLastParagraph,
  setHeading,
  toggleBold,
  toggleBulletList,
  toggleOrderedList,
  types,
} from './commands';
import { enterCommand } from './keymap-plugin';
import { clause, clauseIds, doc, h, p, posOf, ul } from './test-docs';
import type { Node as PMNode } from 'prosemirror-model';

function at(content: PMNode, text: string, offset = 0): EditorState {
  const state = EditorState.create({ doc: content });
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, posOf(state.doc, text, offset))));
}

function run(state: EditorState, command: Command): EditorState {
  let next = state;
  const handled = command(state, (tr) => {
    next = state.apply(tr);
  });
  expect(handled).toBe(true);
  return next;
}

const topLevel = (node: PMNode) => {
  const names: string[] = [];
  node.forEach((child) => names.push(child.type.name));
  return names;
};

describe('insertClause', () => {
  it('puts a new clause with a fresh id after the current block, cursor inside it', () => {
    const state = at(doc(clause('c-1', 'First.', 'Still first.'), clause('c-2', 'Second.')), 'First.', 2);
    const next = run(state, insertClause);
    const ids = clauseIds(next.doc);
    expect(ids[0]).toBe('c-1');
    expect(ids[2]).toBe('c-2');
    expect(ids[1]).toMatch(/^c-[0-9a-f]{16}$/);
    expect(next.doc.child(1).textContent).toBe('');
    expect(next.selection.$from.node(1)).toBe(next.doc.child(1));
  });

  it('inserts after a top-level heading', () => {
    const next = run(at(doc(h(1, 'Title'), p('Preamble.')), 'Title'), insertClause);
    expect(topLevel(next.doc)).toEqual(['heading', 'clause', 'paragraph']);
  });
});

describe('Enter in clauses', () => {
  it('splits a paragraph inside a clause into two paragraphs of the same clause', () => {
    const next = run(at(doc(clause('c-1', 'One two.')), 'two'), enterCommand);
    expect(clauseIds(next.doc)).toEqual(['c-1']);
    expect(next.doc.child(0).childCount).toBe(2);
  });

  it('starts a new clause from the empty last paragraph of a clause', () => {
    let state = at(doc(clause('c-1', 'Text.')), 'Text.', 5);
    state = run(state, enterCommand); // new empty paragraph in c-1
    expect(state.doc.child(0).childCount).toBe(2);
    state = run(state, enterCommand); // ...becomes a new clause
    expect(state.doc.child(0).childCount).toBe(1);
    const ids = clauseIds(state.doc);
    expect(ids).toHaveLength(2);
    expect(ids[1]).not.toBe('c-1');
    expect(state.selection.$from.node(1)).toBe(state.doc.child(1));
  });

  it('does not split a clause at an empty paragraph in its middle', () => {
    const state = at(doc(clause('c-1', p('A'), p(), p('B'))), 'A', 1);
    const inEmpty = state.apply(state.tr.setSelection(TextSelection.create(state.doc, posOf(state.doc, 'A') + 3)));
    expect(newClauseFromEmptyLastParagraph(inEmpty)).toBe(false);
    const next = run(inEmpty, enterCommand);
    expect(clauseIds(next.doc)).toEqual(['c-1']);
    expect(next.doc.child(0).childCount).toBe(4);
  });

  it('splits list items', () => {
    const next = run(at(doc(clause('c-1', ul('alpha beta'))), 'beta'), enterCommand);
    expect(next.doc.child(0).child(0).childCount).toBe(2);
  });
});

describe('block and mark commands', () => {
  it('wraps a top-level paragraph in a clause with a fresh id', () => {
    const next = run(at(doc(p('Loose text.')), 'Loose'), makeClause);
    expect(topLevel(next.doc)).toEqual(['clause']);
    expect(clauseIds(next.doc)[0]).toMatch(/^c-/);
  });

  it('inserts a clause when already inside one', () => {
    const next = run(at(doc(clause('c-1', 'In.')), 'In.'), makeClause);
    expect(clauseIds(next.doc)).toHaveLength(2);
  });

  it('refuses headings inside clauses', () => {
    expect(setHeading(1)(at(doc(clause('c-1', 'x')), 'x'))).toBe(false);
    expect(setHeading(2)(at(doc(p('x')), 'x'))).toBe(true);
  });

  it('toggles lists and switches their type', () => {
    let state = run(at(doc(clause('c-1', 'Item')), 'Item'), toggleBulletList);
    expect(state.doc.child(0).child(0).type).toBe(types.bulletList);
    state = run(state, toggleOrderedList);
    expect(state.doc.child(0).child(0).type).toBe(types.orderedList);
    state = run(state, toggleOrderedList);
    expect(state.doc.child(0).child(0).type).toBe(types.paragraph);
  });

  it('reports active marks', () => {
    const state = at(doc(p('word')), 'word');
    const ranged = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 1, 5)));
    const bold = run(ranged, toggleBold);
    expect(isMarkActive(bold, types.strong)).toBe(true);
    expect(isMarkActive(bold, types.em)).toBe(false);
  });
});
