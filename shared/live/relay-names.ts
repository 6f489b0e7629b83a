import { ChanceryError } from '../errors';
import { ID_PATTERN, ID_RULE } from '../workspace/ids';
import { MANIFEST_DOC_ID } from '../workspace/manifest';

/**
 * How the documents of a workspace are named on a relay, and back. One relay serves many
 * workspaces, so every name starts with the workspace id; a party's private document gets a path
 * of its own (`<ws>/private/<PARTY>`) so the relay can keep it to that party without knowing
 * anything else about the workspace. In the workspace file the same private document is stored
 * as `private_<PARTY>`, a local id no framework document ever has.
 */

/** The prefix of a party's private document's local id (`private_VEL`). */
export const PRIVATE_DOC_PREFIX = 'private_';

/** What a relay document name stands for. */
export type RelayDoc =
  | { workspaceId: string; kind: 'manifest' }
  | { workspaceId: string; kind: 'document'; docId: string }
  | { workspaceId: string; kind: 'private'; party: string };

function checkId(what: string, value: string, name?: string): void {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    const where = name === undefined ? '' : ` in relay document name ${JSON.stringify(name.slice(0, 200))}`;
    throw new ChanceryError('INVALID_ARGUMENT', `${what} ${JSON.stringify(String(value).slice(0, 80))}${where} is not valid: use ${ID_RULE}.`);
  }
}

/** The local id of `party`'s private document in the workspace file. */
export function privateDocId(party: string): string {
  checkId('Party code', party);
  return `${PRIVATE_DOC_PREFIX}${party}`;
}

/**
 * The party whose private document `docId` is, or null for any other document (the manifest, a
 * framework document). Callers branch on it: private documents are never listed as framework
 * documents and only travel to that party's delegation.
 */
export function isPrivateDocId(docId: string): string | null {
  if (typeof docId !== 'string' || !docId.startsWith(PRIVATE_DOC_PREFIX)) return null;
  const party = docId.slice(PRIVATE_DOC_PREFIX.length);
  return ID_PATTERN.test(party) ? party : null;
}

/**
 * The relay's name for local document `docId` of `workspaceId`: `'manifest'`, a document id, or a
 * `private_<PARTY>` id. Throws INVALID_ARGUMENT for an id that could not round-trip.
 */
export function relayDocName(workspaceId: string, docId: string): string {
  checkId('Workspace id', workspaceId);
  if (docId === MANIFEST_DOC_ID) return `${workspaceId}/manifest`;
  if (typeof docId === 'string' && docId.startsWith(PRIVATE_DOC_PREFIX)) {
    const party = isPrivateDocId(docId);
    if (party === null) throw new ChanceryError('INVALID_ARGUMENT', `Document id ${JSON.stringify(docId.slice(0, 80))} starts with "${PRIVATE_DOC_PREFIX}" but names no party code (${ID_RULE}).`);
    return `${workspaceId}/private/${party}`;
  }
  checkId('Document id', docId);
  return `${workspaceId}/${docId}`;
}

/**
 * Reads a relay document name back (what a client asked the relay for). Anything but the three
 * forms, spelled exactly as {@link relayDocName} writes them, throws INVALID_ARGUMENT, so one
 * document has one name and a crafted name cannot reach another workspace's or party's document.
 */
export function parseRelayDocName(name: string): RelayDoc {
  if (typeof name !== 'string' || name.length > 300) {
    throw new ChanceryError('INVALID_ARGUMENT', `${JSON.stringify(String(name).slice(0, 80))} is not a Chancery relay document name.`);
  }
  const parts = name.split('/');
  const workspaceId = parts[0]!;
  checkId('Workspace id', workspaceId, name);
  if (parts.length === 2) {
    const docId = parts[1]!;
    if (docId === 'manifest') return { workspaceId, kind: 'manifest' };
    if (docId.startsWith(PRIVATE_DOC_PREFIX)) {
      throw new ChanceryError('INVALID_ARGUMENT', `Relay document name ${JSON.stringify(name.slice(0, 200))} is not valid: a private document is named <workspace>/private/<PARTY>.`);
    }
    checkId('Document id', docId, name);
    return { workspaceId, kind: 'document', docId };
  }
  if (parts.length === 3 && parts[1] === 'private') {
    const party = parts[2]!;
    checkId('Party code', party, name);
    return { workspaceId, kind: 'private', party };
  }
  throw new ChanceryError('INVALID_ARGUMENT', `${JSON.stringify(name.slice(0, 200))} is not a Chancery relay document name (<workspace>/manifest, <workspace>/<document> or <workspace>/private/<PARTY>).`);
}

/** The local document id of a relay document: `'manifest'`, its document id, or `private_<PARTY>`. */
export function localDocId(doc: RelayDoc): string {
  switch (doc.kind) {
    case 'manifest':
      return MANIFEST_DOC_ID;
    case 'document':
      return doc.docId;
    case 'private':
      return privateDocId(doc.party);
  }
}
