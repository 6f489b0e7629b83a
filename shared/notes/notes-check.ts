import * as Y from 'yjs';
import { ChanceryError } from '../errors';
import { NOTES_ROOT } from './notes-doc';
import { parseNote } from './note-schema';

/**
 * The gate's rule for a delegation's private document, whoever sent the update (another member's
 * copy through the relay, a merged file) and wherever it is checked (the relay's validation, the
 * hub's gate, loading the file): the doc holds one root, {@link NOTES_ROOT}, a map whose every live
 * value is a well-formed note stored under its own id. Anything else would be kept and spread to
 * every member of the delegation, so it is refused before it is stored. Messages name keys and
 * fields, never note text: a refusal may be logged where the delegation's text must not appear.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type YType = Y.AbstractType<any>;

function refuse(why: string): never {
  throw new ChanceryError('INVALID_UPDATE', `The delegation's private notes ${why}`);
}

function shown(key: string): string {
  return JSON.stringify(key.slice(0, 60));
}

/** Only the notes root; it is a map (or the bare type Yjs makes for a root not asked for yet) with keyed entries only. */
function checkRoots(doc: Y.Doc): YType | undefined {
  for (const name of doc.share.keys()) {
    if (name !== NOTES_ROOT) refuse(`would get a part ${shown(name)}; a private document holds notes only`);
  }
  const root = doc.share.get(NOTES_ROOT);
  if (root === undefined) return undefined;
  if (!(root instanceof Y.Map) && root.constructor !== Y.AbstractType) refuse('part is not a map of notes');
  for (let item = root._start; item !== null; item = item.right) {
    if (!item.deleted) refuse('part holds a list instead of notes keyed by their id');
  }
  return root;
}

/** A removed key is fine (a deleted note); a live one must hold exactly one plain-JSON note with that id. */
function checkKey(root: YType, key: string): void {
  const item = root._map.get(key);
  if (item === undefined || item.deleted) return;
  if (!(item.content instanceof Y.ContentAny)) refuse(`would get ${shown(key)} holding something other than a note`);
  const content = item.content.getContent();
  let note;
  try {
    note = parseNote(content[content.length - 1]);
  } catch (err) {
    refuse(`would get ${shown(key)}, which is not a valid note (${(err as Error).message.replace(/^A delegation note is not valid \((.*)\)\.$/u, '$1')})`);
  }
  if (note.id !== key) refuse(`would get a note under ${shown(key)} whose own id is ${shown(note.id)}`);
}

/**
 * Throws INVALID_UPDATE when the update applied in `tr` to `scratch` (the gate's copy) touches any
 * root but the notes or leaves a value that is not a note under its id. Checks only the keys the
 * transaction changed, so a keystroke-sized note edit costs O(1) whatever the number of notes.
 */
export function checkPrivateNotes(scratch: Y.Doc, tr: Y.Transaction): void {
  const root = checkRoots(scratch);
  for (const [type, keys] of tr.changed) {
    if (root === undefined || (type as unknown) !== root) refuse('would change something other than the notes');
    for (const key of keys) {
      if (key === null) refuse('part holds a list instead of notes keyed by their id');
      checkKey(root, key);
    }
  }
}

/** The whole-document form of {@link checkPrivateNotes}, for a private document read from a file. */
export function checkPrivateNotesDoc(doc: Y.Doc): void {
  const root = checkRoots(doc);
  if (root === undefined) return;
  for (const key of root._map.keys()) checkKey(root, key);
}
