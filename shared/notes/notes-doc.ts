import type * as Y from 'yjs';
import type { DelegationNote } from './note-model';
import { DelegationNoteSchema } from './note-schema';

/**
 * The one root of a delegation's private Y.Doc: a Y.Map from note id to the note as plain JSON.
 * One value per note (not nested shared types) so a note is written, replaced and removed as a
 * whole, and the gate can check each changed key on its own.
 */
export const NOTES_ROOT = 'notes';

/** The notes map of a private doc (created empty on first use). */
export function notesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(NOTES_ROOT);
}

/** Oldest first, then by id, so every member's copy lists a clause's notes in the same order. */
function byTime(a: DelegationNote, b: DelegationNote): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Every note of the private doc, in {@link byTime} order. A value that is not a note is skipped:
 * the hub's gate refuses such values, so only a file altered outside Chancery can hold one, and
 * one bad entry must not hide the delegation's other notes.
 */
export function readNotes(doc: Y.Doc): DelegationNote[] {
  const notes: DelegationNote[] = [];
  for (const [key, value] of notesMap(doc).entries()) {
    const parsed = DelegationNoteSchema.safeParse(value);
    if (parsed.success && parsed.data.id === key) notes.push(parsed.data);
  }
  return notes.sort(byTime);
}

/** The notes on one framework document (all its clauses), in {@link byTime} order. */
export function listDocNotes(doc: Y.Doc, docId: string): DelegationNote[] {
  return readNotes(doc).filter((note) => note.docId === docId);
}

/** One note by id; undefined when there is none (removed meanwhile by another member, or never there). */
export function findNote(doc: Y.Doc, noteId: string): DelegationNote | undefined {
  const parsed = DelegationNoteSchema.safeParse(notesMap(doc).get(noteId));
  return parsed.success && parsed.data.id === noteId ? parsed.data : undefined;
}

/** Stores `note` under its id (adding or replacing it) in one transaction with `origin`. */
export function putNote(doc: Y.Doc, note: DelegationNote, origin: unknown): void {
  doc.transact(() => notesMap(doc).set(note.id, { ...note }), origin);
}

/** Removes the note `noteId`, if present, in one transaction with `origin`. */
export function deleteNote(doc: Y.Doc, noteId: string, origin: unknown): void {
  const map = notesMap(doc);
  if (map.has(noteId)) doc.transact(() => map.delete(noteId), origin);
}
