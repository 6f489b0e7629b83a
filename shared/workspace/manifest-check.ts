import * as Y from 'yjs';
import { ChanceryError } from '../errors';
import { ID_RULE, isValidId } from './ids';
import { MANIFEST_ROOTS, MAX_TITLE_LENGTH } from './manifest';

/**
 * The shape a manifest must keep after any update the hub accepts from outside (the relay, a
 * merged file). Windows never write the manifest at all — they ask main through typed commands —
 * but other hubs do, and `readManifest` only *tolerates* a damaged shape; storing one would make
 * it permanent and spread it to every delegation. The manifest is small, so it is checked whole.
 */

function refuse(why: string): never {
  throw new ChanceryError('INVALID_UPDATE', `The list of documents and parties ${why}`);
}

function shortText(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TITLE_LENGTH) {
    refuse(`would get ${what} that is not a text of 1–${MAX_TITLE_LENGTH} characters (${JSON.stringify(value)?.slice(0, 60)})`);
  }
}

function checkParties(parties: Y.Array<unknown>): void {
  parties.toArray().forEach((party, i) => {
    if (!(party instanceof Y.Map)) refuse(`would get party ${i + 1} as ${typeof party}, not a party record`);
    const code = party.get('code');
    if (!isValidId(code)) refuse(`would get party ${i + 1} with code ${JSON.stringify(code)} (codes are ${ID_RULE})`);
    shortText(party.get('name'), `party "${code}" a name`);
    if (typeof party.get('colour') !== 'string') refuse(`would get party "${code}" without a colour`);
  });
}

function checkDocuments(entries: Y.Map<unknown>, order: Y.Array<unknown>): void {
  for (const [id, entry] of entries) {
    if (!isValidId(id)) refuse(`would get a document id ${JSON.stringify(String(id).slice(0, 60))} (ids are ${ID_RULE})`);
    if (!(entry instanceof Y.Map)) refuse(`would get document "${id}" as ${typeof entry}, not a document record`);
    shortText(entry.get('title'), `document "${id}" a title`);
  }
  order.toArray().forEach((id, i) => {
    if (!isValidId(id)) refuse(`would get position ${i + 1} of the document order as ${JSON.stringify(id)?.slice(0, 60)}`);
  });
}

/** Throws INVALID_UPDATE when the manifest Y.Doc has a shape Chancery never writes. */
export function checkManifest(doc: Y.Doc): void {
  for (const name of doc.share.keys()) {
    if (!MANIFEST_ROOTS.has(name)) refuse(`would get a part "${name}" that is not in the Chancery format`);
  }
  const meta = doc.getMap<unknown>('workspace');
  for (const [key, value] of meta) {
    if (key === 'title') shortText(value, 'a title');
    else refuse(`would get an unknown setting "${key}"`);
  }
  checkParties(doc.getArray<unknown>('parties'));
  checkDocuments(doc.getMap<unknown>('documents'), doc.getArray<unknown>('documentOrder'));
}
