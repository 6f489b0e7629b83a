import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { isChanceryError } from '../errors';
import type { DelegationNote } from './note-model';
import { checkNoteText, MAX_NOTE_TEXT, parseNote } from './note-schema';
import { findNote, listDocNotes, notesMap, putNote, readNotes } from './notes-doc';
import { hasPrivatePrefix, isPrivateDocId, privateDocId } from './private-doc';
import { checkManifest } from '../workspace/manifest-check';
import { addDocumentEntry, initManifest } from '../workspace/manifest';

const KEY = 'B'.repeat(42) + 'A';

function note(id: string, docId: string, at: string): DelegationNote {
  return { id, docId, clauseId: 'c-00000000000000aa', text: `note ${id}`, author: 'Mara Quell', authorKey: KEY, at };
}

describe('notes in a private doc', () => {
  it('lists a document’s notes oldest first, the same on every copy', () => {
    const doc = new Y.Doc();
    putNote(doc, note('n-b', 'framework', '2025-03-01T10:00:00.000Z'), null);
    putNote(doc, note('n-a', 'framework', '2025-03-01T10:00:00.000Z'), null);
    putNote(doc, note('n-c', 'annex-1', '2025-03-01T09:00:00.000Z'), null);
    putNote(doc, note('n-0', 'framework', '2025-02-01T10:00:00.000Z'), null);
    expect(listDocNotes(doc, 'framework').map((n) => n.id)).toEqual(['n-0', 'n-a', 'n-b']);
    expect(listDocNotes(doc, 'annex-1').map((n) => n.id)).toEqual(['n-c']);
    expect(findNote(doc, 'n-a')?.text).toBe('note n-a');
    expect(findNote(doc, 'n-zz')).toBeUndefined();
  });

  it('skips a value that is not a note instead of hiding the others', () => {
    const doc = new Y.Doc();
    putNote(doc, note('n-1', 'framework', '2025-03-01T10:00:00.000Z'), null);
    notesMap(doc).set('n-2', { junk: true });
    notesMap(doc).set('n-3', note('n-4', 'framework', '2025-03-01T10:00:00.000Z'));
    expect(readNotes(doc).map((n) => n.id)).toEqual(['n-1']);
  });
});

describe('note schema', () => {
  it('accepts a note and refuses a bad one with the field named', () => {
    const good = note('n-1', 'framework', '2025-03-01T10:00:00.000Z');
    expect(parseNote(good)).toEqual(good);
    try {
      parseNote({ ...good, docId: 'has space' });
      throw new Error('expected a refusal');
    } catch (err) {
      expect(isChanceryError(err, 'INVALID_ARGUMENT')).toBe(true);
      expect((err as Error).message).toContain('docId');
    }
  });

  it('limits text to 20,000 characters and refuses blank text', () => {
    expect(checkNoteText('x'.repeat(MAX_NOTE_TEXT))).toHaveLength(MAX_NOTE_TEXT);
    expect(() => checkNoteText('x'.repeat(MAX_NOTE_TEXT + 1))).toThrow(/20000/u);
    expect(() => checkNoteText(' \n ')).toThrow(/blank/u);
  });
});

describe('private doc ids', () => {
  it('names a party’s private doc and recognises it again', () => {
    expect(privateDocId('ALD')).toBe('private_ALD');
    expect(isPrivateDocId('private_ALD')).toBe('ALD');
    expect(isPrivateDocId('framework')).toBeNull();
    expect(isPrivateDocId('manifest')).toBeNull();
    expect(isPrivateDocId('private_')).toBeNull();
    expect(isPrivateDocId('private_a/b')).toBeNull();
    expect(isPrivateDocId('xprivate_ALD')).toBeNull();
  });

  it('refuses a party code that cannot name a doc', () => {
    expect(() => privateDocId('no spaces')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(hasPrivatePrefix('private_')).toBe(true);
    expect(hasPrivatePrefix('framework')).toBe(false);
  });
});

describe('the reserved prefix', () => {
  it('is never a framework document: a manifest listing one is refused', () => {
    const manifest = new Y.Doc();
    initManifest(manifest, 'Talks', [{ code: 'ALD', name: 'Aldoria', colour: '#1f5fbf' }], null);
    addDocumentEntry(manifest, { id: 'framework', title: 'Framework' }, null);
    expect(() => checkManifest(manifest)).not.toThrow();
    addDocumentEntry(manifest, { id: privateDocId('ALD'), title: 'Notes' }, null);
    expect(() => checkManifest(manifest)).toThrow(/reserved for private notes/u);
  });
});
