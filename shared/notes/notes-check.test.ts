import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { isChanceryError } from '../errors';
import type { DelegationNote } from './note-model';
import { MAX_NOTE_TEXT } from './note-schema';
import { checkPrivateNotes, checkPrivateNotesDoc } from './notes-check';
import { NOTES_ROOT, deleteNote, notesMap, putNote, readNotes } from './notes-doc';

const KEY = 'A'.repeat(42) + 'A';

function note(overrides: Partial<DelegationNote> = {}): DelegationNote {
  return {
    id: 'note-1',
    docId: 'framework',
    clauseId: 'c-0123456789abcdef',
    text: 'Capital wants "shall" here, not "should".',
    author: 'Ilse Varga',
    authorKey: KEY,
    at: '2025-03-01T10:00:00.000Z',
    ...overrides,
  };
}

/** Applies `update` to `scratch` as the hub's gate does and runs the check on its transaction. */
function admit(scratch: Y.Doc, update: Uint8Array): void {
  let problem: unknown = null;
  const hook = (tr: Y.Transaction) => {
    try {
      checkPrivateNotes(scratch, tr);
    } catch (err) {
      problem = err;
    }
  };
  scratch.on('afterTransaction', hook);
  try {
    Y.applyUpdate(scratch, update);
  } finally {
    scratch.off('afterTransaction', hook);
  }
  if (problem !== null) throw problem;
}

/** An update made by another copy that starts from what `scratch` has. */
function editFrom(scratch: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(scratch));
  const before = Y.encodeStateVector(other);
  edit(other);
  return Y.encodeStateAsUpdate(other, before);
}

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    if (isChanceryError(err, 'INVALID_UPDATE')) return err.message;
    throw err;
  }
  throw new Error('expected INVALID_UPDATE');
}

describe('checkPrivateNotes', () => {
  it('lets notes be added, replaced and removed', () => {
    const scratch = new Y.Doc();
    admit(scratch, editFrom(scratch, (d) => putNote(d, note(), null)));
    admit(scratch, editFrom(scratch, (d) => putNote(d, note({ text: 'Agreed with the capital.' }), null)));
    expect(readNotes(scratch).map((n) => n.text)).toEqual(['Agreed with the capital.']);
    admit(scratch, editFrom(scratch, (d) => deleteNote(d, 'note-1', null)));
    expect(readNotes(scratch)).toEqual([]);
  });

  it('refuses any other root than the notes', () => {
    const scratch = new Y.Doc();
    const message = refusal(() => admit(scratch, editFrom(scratch, (d) => d.getText('prosemirror').insert(0, 'leak'))));
    expect(message).toContain('"prosemirror"');
    expect(refusal(() => admit(new Y.Doc(), editFrom(new Y.Doc(), (d) => d.getMap('positions').set('x', 1))))).toContain('"positions"');
  });

  it('refuses a list where the notes map belongs', () => {
    const scratch = new Y.Doc();
    expect(refusal(() => admit(scratch, editFrom(scratch, (d) => d.getArray(NOTES_ROOT).insert(0, [note()]))))).toContain('list');
  });

  it('refuses malformed values, naming the key and the field but never the text', () => {
    const cases: [string, unknown, string][] = [
      ['a number', 42, 'not a valid note'],
      ['a nested map', new Y.Map(), 'something other than a note'],
      ['a bad clause id', note({ clauseId: 'clause-5' }), 'clauseId'],
      ['an extra field', { ...note(), secret: 'x' }, 'not a valid note'],
      ['a missing author', { ...note(), author: undefined }, 'author'],
      ['a bad time', note({ at: 'yesterday' }), 'at:'],
      ['a blank text', note({ text: '   ' }), 'text'],
    ];
    for (const [what, value, expected] of cases) {
      const scratch = new Y.Doc();
      const message = refusal(() => admit(scratch, editFrom(scratch, (d) => notesMap(d).set('note-1', value))));
      expect(message, what).toContain(expected);
      expect(message, what).toContain('"note-1"');
    }
  });

  it('refuses an oversized note without quoting it', () => {
    const scratch = new Y.Doc();
    const text = 'secret '.repeat(MAX_NOTE_TEXT / 7 + 1);
    const message = refusal(() => admit(scratch, editFrom(scratch, (d) => putNote(d, note({ text }), null))));
    expect(message).toContain(String(MAX_NOTE_TEXT));
    expect(message).not.toContain('secret');
    // Exactly at the limit is fine.
    admit(scratch, editFrom(scratch, (d) => putNote(d, note({ text: 'x'.repeat(MAX_NOTE_TEXT) }), null)));
  });

  it('refuses a note stored under another id than its own, and a key that is not an id', () => {
    let scratch = new Y.Doc();
    expect(refusal(() => admit(scratch, editFrom(scratch, (d) => notesMap(d).set('note-2', note()))))).toContain('own id');
    scratch = new Y.Doc();
    expect(refusal(() => admit(scratch, editFrom(scratch, (d) => notesMap(d).set('no such/id', note({ id: 'no such/id' })))))).toContain('id');
  });

  it('checks a whole doc read from a file the same way', () => {
    const good = new Y.Doc();
    putNote(good, note(), null);
    expect(() => checkPrivateNotesDoc(good)).not.toThrow();
    expect(() => checkPrivateNotesDoc(new Y.Doc())).not.toThrow();
    const bad = new Y.Doc();
    notesMap(bad).set('note-1', { text: 'x' });
    expect(refusal(() => checkPrivateNotesDoc(bad))).toContain('"note-1"');
    const other = new Y.Doc();
    other.getMap('workspace').set('title', 'x');
    expect(refusal(() => checkPrivateNotesDoc(other))).toContain('"workspace"');
  });
});
