import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { ySyncPluginKey } from 'y-prosemirror';
import { isYjsMirror, mayChangeTopLevel } from './top-level-change';
import { clause, doc, p, posOf, ul } from './test-docs';
import { chancerySchema } from '../../../shared/schema/schema';

const state = EditorState.create({ doc: doc(p('Intro.'), clause('c-0000000000000001', 'Alpha beta.'), clause('c-0000000000000002', ul('item'))) });

describe('mayChangeTopLevel', () => {
  it('is false for edits inside one clause', () => {
    expect(mayChangeTopLevel(state.tr.insertText('x', posOf(state.doc, 'beta')))).toBe(false);
    expect(mayChangeTopLevel(state.tr.split(posOf(state.doc, 'beta')))).toBe(false);
    expect(mayChangeTopLevel(state.tr.split(posOf(state.doc, 'item'), 2))).toBe(false); // new list item
    expect(mayChangeTopLevel(state.tr.addMark(3, 5, chancerySchema.marks.strong!.create()))).toBe(false);
  });

  it('is true when top-level nodes are split, joined, inserted or re-attributed', () => {
    expect(mayChangeTopLevel(state.tr.split(posOf(state.doc, 'beta'), 2))).toBe(true);
    expect(mayChangeTopLevel(state.tr.split(posOf(state.doc, 'Intro') + 2))).toBe(true);
    expect(mayChangeTopLevel(state.tr.delete(posOf(state.doc, 'Intro') + 2, posOf(state.doc, 'Alpha') + 2))).toBe(
      true,
    );
    expect(mayChangeTopLevel(state.tr.insert(0, p('New')))).toBe(true);
    expect(mayChangeTopLevel(state.tr.setNodeAttribute(posOf(state.doc, 'Alpha') - 2, 'label', '1 bis'))).toBe(true);
  });

  it('recognises transactions mirrored from Yjs', () => {
    expect(isYjsMirror(state.tr)).toBe(false);
    expect(isYjsMirror(state.tr.setMeta(ySyncPluginKey, { isChangeOrigin: true }))).toBe(true);
    expect(isYjsMirror(state.tr.setMeta(ySyncPluginKey, { snapshot: null }))).toBe(false);
  });
});
