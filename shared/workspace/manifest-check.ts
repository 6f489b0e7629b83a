import * as Y from 'yjs';
import { ChanceryError } from '../errors';
import { ID_RULE, isValidId } from './ids';
import { MANIFEST_ROOTS, MAX_TITLE_LENGTH } from './manifest';
import { CONVENER_KEY, ROSTER_ROOT } from '../positions/roster-doc';
import { allRecordKeys, checkRecordKeys, checkRecordRoot } from '../positions/stored-records';
import { hasPrivatePrefix, PRIVATE_DOC_PREFIX } from '../notes/private-doc';

/** A raw Ed25519 public key in base64url without padding (the pinned convener). */
const PUBLIC_KEY = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/u;

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
    // That prefix names delegations' private documents, which are never listed, shown or counted.
    if (hasPrivatePrefix(id)) refuse(`would list a document "${id}", but ids starting with "${PRIVATE_DOC_PREFIX}" are reserved for private notes`);
    if (!(entry instanceof Y.Map)) refuse(`would get document "${id}" as ${typeof entry}, not a document record`);
    shortText(entry.get('title'), `document "${id}" a title`);
  }
  order.toArray().forEach((id, i) => {
    if (!isValidId(id)) refuse(`would get position ${i + 1} of the document order as ${JSON.stringify(id)?.slice(0, 60)}`);
  });
}

/**
 * Throws INVALID_UPDATE when the manifest Y.Doc has a shape Chancery never writes. The gate passes
 * `previousConvener`, the convener pinned before the update: the root of trust, it may be set on
 * a workspace nobody convened but never changed or removed once set.
 */
export function checkManifest(doc: Y.Doc, previousConvener?: string | null): void {
  for (const name of doc.share.keys()) {
    if (!MANIFEST_ROOTS.has(name)) refuse(`would get a part "${name}" that is not in the Chancery format`);
  }
  const meta = doc.getMap<unknown>('workspace');
  for (const [key, value] of meta) {
    if (key === 'title') shortText(value, 'a title');
    else if (key === CONVENER_KEY) {
      if (typeof value !== 'string' || !PUBLIC_KEY.test(value)) refuse(`would get a convener that is not a public key (${JSON.stringify(value)?.slice(0, 60)})`);
    } else refuse(`would get an unknown setting "${key}"`);
  }
  if (typeof previousConvener === 'string' && meta.get(CONVENER_KEY) !== previousConvener) {
    refuse(`would change the convener of this workspace (pinned as ${previousConvener}); it can never change`);
  }
  const roster = doc.share.get(ROSTER_ROOT);
  if (roster) {
    checkRecordRoot(roster, 'roster');
    checkRecordKeys(roster, allRecordKeys(roster), 'roster');
  }
  checkParties(doc.getArray<unknown>('parties'));
  checkDocuments(doc.getMap<unknown>('documents'), doc.getArray<unknown>('documentOrder'));
}
