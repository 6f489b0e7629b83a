import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection, type Command, type Transaction } from 'prosemirror-state';
import { AttrStep } from 'prosemirror-transform';
import {
  insertClause,
  isMarkActive,
  makeClause,
  newClauseFromEmptyLastParagraph,
  setHeading,
  setParagraph,
  sinkListItemKeepingKind,
  toggleBold,
  toggleBulletList,
  toggleOrderedList,
  types,
} from './commands';
import { enterCommand } from './keymap-plugin';
import { clause, clauseIds, doc, h, li, ol, p, posOf, ul } from './test-docs';
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
    const state = at(doc(clause('c-0000000000000001', 'First.', 'Still first.'), clause('c-0000000000000002', 'Second.')), 'First.', 2);
    const next = run(state, insertClause);
    const ids = clauseIds(next.doc);
    expect(ids[0]).toBe('c-0000000000000001');
    expect(ids[2]).toBe('c-0000000000000002');
    expect(ids[1]).toMatch(/^c-[0-9a-f]{16}$/);
    expect(next.doc.child(1).textContent).toBe('');
    expect(next.selection.$from.node(1)).toBe(next.doc.child(1));
  });

  it('inserts after a top-level heading', () => {
    const next = run(at(doc(h(1, 'Title'), p('Preamble.')), 'Title'), insertClause);
    expect(topLevel(next.doc)).toEqual(['paragraph', 'clause', 'paragraph']);
    expect(next.doc.child(0).attrs.level).toBe(1);
  });
});

describe('Enter in clauses', () => {
  it('splits a paragraph inside a clause into two paragraphs of the same clause', () => {
    const next = run(at(doc(clause('c-0000000000000001', 'One two.')), 'two'), enterCommand);
    expect(clauseIds(next.doc)).toEqual(['c-0000000000000001']);
    expect(next.doc.child(0).childCount).toBe(2);
  });

  it('starts a new clause from the empty last paragraph of a clause', () => {
    let state = at(doc(clause('c-0000000000000001', 'Text.')), 'Text.', 5);
    state = run(state, enterCommand); // new empty paragraph in c-1
    expect(state.doc.child(0).childCount).toBe(2);
    state = run(state, enterCommand); // ...becomes a new clause
    expect(state.doc.child(0).childCount).toBe(1);
    const ids = clauseIds(state.doc);
    expect(ids).toHaveLength(2);
    expect(ids[1]).not.toBe('c-0000000000000001');
    expect(state.selection.$from.node(1)).toBe(state.doc.child(1));
  });

  it('does not split a clause at an empty paragraph in its middle', () => {
    const state = at(doc(clause('c-0000000000000001', p('A'), p(), p('B'))), 'A', 1);
    const inEmpty = state.apply(state.tr.setSelection(TextSelection.create(state.doc, posOf(state.doc, 'A') + 3)));
    expect(newClauseFromEmptyLastParagraph(inEmpty)).toBe(false);
    const next = run(inEmpty, enterCommand);
    expect(clauseIds(next.doc)).toEqual(['c-0000000000000001']);
    expect(next.doc.child(0).childCount).toBe(4);
  });

  it('splits list items', () => {
    const next = run(at(doc(clause('c-0000000000000001', ul('alpha beta'))), 'beta'), enterCommand);
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
    const next = run(at(doc(clause('c-0000000000000001', 'In.')), 'In.'), makeClause);
    expect(clauseIds(next.doc)).toHaveLength(2);
  });

  it('refuses headings inside clauses', () => {
    expect(setHeading(1)(at(doc(clause('c-0000000000000001', 'x')), 'x'))).toBe(false);
    expect(setHeading(2)(at(doc(p('x')), 'x'))).toBe(true);
  });

  it('toggles lists and switches their kind', () => {
    let state = run(at(doc(clause('c-0000000000000001', 'Item')), 'Item'), toggleBulletList);
    expect(state.doc.child(0).child(0).type).toBe(types.list);
    expect(state.doc.child(0).child(0).attrs.kind).toBe('bullet');
    state = run(state, toggleOrderedList);
    expect(state.doc.child(0).child(0).attrs.kind).toBe('ordered');
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

/** Runs `command` and returns the transaction it dispatched. */
function dispatched(state: EditorState, command: Command): Transaction {
  let out: Transaction | null = null;
  expect(command(state, (tr) => (out = tr))).toBe(true);
  return out!;
}

describe('styles are attributes', () => {
  it('makes a heading by an attribute step on the same paragraph, and body text back the same way', () => {
    const state = at(doc(p('Title'), clause('c-0000000000000001', 'x')), 'Title');
    const tr = dispatched(state, setHeading(2));
    expect(tr.steps.every((s) => s instanceof AttrStep)).toBe(true);
    const heading = state.apply(tr);
    expect(heading.doc.child(0).attrs.level).toBe(2);
    const back = dispatched(heading, setParagraph);
    expect(back.steps.every((s) => s instanceof AttrStep)).toBe(true);
    expect(heading.apply(back).doc.child(0).attrs.level).toBe(0);
    expect(setParagraph(at(doc(p('plain')), 'plain'))).toBe(false);
  });

  it('switches a list between bulleted and numbered by an attribute step', () => {
    const state = at(doc(clause('c-0000000000000001', ul('one', 'two'))), 'two');
    const tr = dispatched(state, toggleOrderedList);
    expect(tr.steps).toHaveLength(1);
    expect(tr.steps[0]).toBeInstanceOf(AttrStep);
    expect(state.apply(tr).doc.child(0).child(0).attrs.kind).toBe('ordered');
  });

  it('makes a sub-list of the same kind when Tab sinks an item of a numbered list', () => {
    const state = at(doc(clause('c-0000000000000001', ol('one', 'two'))), 'two');
    const next = state.apply(dispatched(state, sinkListItemKeepingKind));
    const sub = next.doc.child(0).child(0).child(0).child(1);
    expect(sub.type).toBe(types.list);
    expect(sub.attrs.kind).toBe('ordered');
    expect(sub.textContent).toBe('two');
  });

  it('sinks into an existing sub-list without changing its kind', () => {
    const state = at(doc(clause('c-0000000000000001', ol(li('one', ul('a')), 'two'))), 'two');
    const next = state.apply(dispatched(state, sinkListItemKeepingKind));
    const sub = next.doc.child(0).child(0).child(0).child(1);
    expect(sub.attrs.kind).toBe('bullet');
    expect(sub.childCount).toBe(2);
  });

  it('never wraps a heading in a clause: "Clause" on a heading inserts a new clause after it', () => {
    const next = run(at(doc(h(1, 'Title'), p('Preamble.')), 'Title'), makeClause);
    expect(topLevel(next.doc)).toEqual(['paragraph', 'clause', 'paragraph']);
    expect(next.doc.child(0).attrs.level).toBe(1);
  });
});
