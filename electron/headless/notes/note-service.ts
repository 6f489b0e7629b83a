import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import type { DelegationNote } from '../../../shared/notes/note-model';
import { checkNoteText, parseNote } from '../../../shared/notes/note-schema';
import { deleteNote, findNote, listDocNotes, putNote, readNotes } from '../../../shared/notes/notes-doc';
import { isPrivateDocId, privateDocId } from '../../../shared/notes/private-doc';
import type { ResolvedRoster } from '../../../shared/positions/roster';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { ORIGIN_COMMAND, type ChanceryOrigin } from '../../../shared/sync/origins';
import { delegationOf } from './note-access';

/** Who writes a note: the member's display name and public key, as the roster has them. */
export interface NoteAuthor {
  name: string;
  key: string;
}

/** Hears that the notes of `party` on document `docId` changed (after the change is durable). */
export type NotesListener = (party: string, docId: string) => void;

/** What the service needs of the session that owns it. */
export interface NoteHost {
  readonly readOnly: boolean;
  /** The private doc of a party (loaded, or created empty, on first use). */
  privateDoc(docId: string): Y.Doc;
  /** The doc of a document listed in the manifest; DOCUMENT_NOT_FOUND / DOCUMENT_DAMAGED otherwise. */
  documentDoc(docId: string): Y.Doc;
  /** Whether `docId` is a document listed in the manifest. */
  isListed(docId: string): boolean;
  roster(): ResolvedRoster;
  subscribe(listener: (docId: string, update: Uint8Array, origin: ChanceryOrigin) => void): () => void;
}

/**
 * A delegation's private notes on clauses, kept in its private document (`private_<PARTY>`), which
 * only that party's members ever receive. Every write is a main command on that doc, so the hub
 * stores it before anyone hears of it and the relay sync sends it to the party's other members
 * like any edit; their notes arrive through the hub's gate and are announced the same way. The
 * caller names the party (main derives it from the user's key, see `delegationOf`); the author of
 * a write must be a head or member of exactly that party.
 */
export class NoteService {
  readonly #listeners = new Set<NotesListener>();
  /** Per party followed, each document's notes as last announced (JSON), to tell which changed. */
  readonly #known = new Map<string, Map<string, string>>();
  readonly #unsubscribe: () => void;

  constructor(private readonly host: NoteHost) {
    this.#unsubscribe = host.subscribe((docId) => {
      const party = isPrivateDocId(docId);
      if (party !== null) this.#onPrivateChange(party);
    });
  }

  /** The party's notes on `docId`, oldest first. */
  list(party: string, docId: string): DelegationNote[] {
    this.#assertListed(docId);
    const doc = this.#doc(party);
    return listDocNotes(doc, docId);
  }

  /** Adds a note on a clause of a listed document; CLAUSE_NOT_FOUND when the clause is not there now. */
  add(party: string, docId: string, clauseId: string, text: string, author: NoteAuthor): DelegationNote {
    this.#assertWritable();
    this.#assertAuthor(party, author);
    this.#assertListed(docId);
    if (!hasClause(this.host.documentDoc(docId), clauseId)) {
      throw new ChanceryError('CLAUSE_NOT_FOUND', `No clause ${clauseId} in document ${docId} (deleted meanwhile?); the note was not added.`);
    }
    const note = parseNote({ id: `note-${randomUUID()}`, docId, clauseId, text: checkNoteText(text), author: author.name, authorKey: author.key, at: now() });
    putNote(this.#doc(party), note, ORIGIN_COMMAND);
    return note;
  }

  /** Replaces a note's text; the editor becomes its author and the time the edit's. */
  edit(party: string, noteId: string, text: string, author: NoteAuthor): DelegationNote {
    this.#assertWritable();
    this.#assertAuthor(party, author);
    const doc = this.#doc(party);
    const old = this.#find(doc, noteId);
    const clean = checkNoteText(text);
    if (old.text === clean && old.authorKey === author.key && old.author === author.name) return old;
    const note = parseNote({ ...old, text: clean, author: author.name, authorKey: author.key, at: now() });
    putNote(doc, note, ORIGIN_COMMAND);
    return note;
  }

  /** Removes a note (any member of the party may, as any may edit it). */
  remove(party: string, noteId: string): void {
    this.#assertWritable();
    const doc = this.#doc(party);
    this.#find(doc, noteId);
    deleteNote(doc, noteId, ORIGIN_COMMAND);
  }

  /** Called whenever the notes of a party on a document changed; returns the unsubscriber. */
  onChange(listener: NotesListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops following the session; called when it closes. */
  destroy(): void {
    this.#unsubscribe();
    this.#listeners.clear();
    this.#known.clear();
  }

  #doc(party: string): Y.Doc {
    const doc = this.host.privateDoc(privateDocId(party));
    if (!this.#known.has(party)) this.#known.set(party, byDocument(doc));
    return doc;
  }

  #find(doc: Y.Doc, noteId: string): DelegationNote {
    const note = findNote(doc, noteId);
    if (!note) throw new ChanceryError('NOTE_NOT_FOUND', `No note ${noteId} (another member of the delegation may have removed it).`);
    return note;
  }

  #onPrivateChange(party: string): void {
    const before = this.#known.get(party) ?? new Map<string, string>();
    const after = byDocument(this.host.privateDoc(privateDocId(party)));
    this.#known.set(party, after);
    const changed = new Set<string>();
    for (const [docId, json] of after) if (before.get(docId) !== json) changed.add(docId);
    for (const docId of before.keys()) if (!after.has(docId)) changed.add(docId);
    for (const docId of changed) for (const listener of this.#listeners) listener(party, docId);
  }

  #assertListed(docId: string): void {
    if (!this.host.isListed(docId)) throw new ChanceryError('DOCUMENT_NOT_FOUND', `No document with id "${docId}" in this workspace.`);
  }

  #assertAuthor(party: string, author: NoteAuthor): void {
    if (delegationOf(this.host.roster(), author.key) !== party) {
      throw new ChanceryError('NOT_AUTHORISED', `${author.name} is not a member of delegation ${party}; only its members write its notes.`);
    }
  }

  #assertWritable(): void {
    if (this.host.readOnly) throw new ChanceryError('STORAGE_FAILED', 'This workspace is open read-only; notes cannot be changed.');
  }
}

function now(): string {
  return new Date().toISOString();
}

/** Whether a top-level clause of the document has this id now. */
function hasClause(doc: Y.Doc, clauseId: string): boolean {
  return doc
    .getXmlFragment(CONTENT_FRAGMENT)
    .toArray()
    .some((child) => child instanceof Y.XmlElement && child.nodeName === 'clause' && child.getAttribute('id') === clauseId);
}

/** Each document's notes as one JSON string, to compare one state of the private doc with the next. */
function byDocument(doc: Y.Doc): Map<string, string> {
  const groups = new Map<string, DelegationNote[]>();
  for (const note of readNotes(doc)) {
    const list = groups.get(note.docId);
    if (list) list.push(note);
    else groups.set(note.docId, [note]);
  }
  return new Map([...groups].map(([docId, notes]) => [docId, JSON.stringify(notes)]));
}
