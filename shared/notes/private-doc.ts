import { PRIVATE_DOC_PREFIX } from '../live/relay-names';

/**
 * How a delegation's private document is named inside a workspace file: `private_<PARTY>`, the
 * local form of the relay's `<workspaceId>/private/<PARTY>` (both defined once, in
 * shared/live/relay-names.ts; re-exported here for the notes code and the hub). The prefix is
 * reserved: a framework document never has an id that starts with it, so a private document can
 * never be mistaken for one that is listed, shown to a window, counted or exported.
 */
export { isPrivateDocId, PRIVATE_DOC_PREFIX, privateDocId } from '../live/relay-names';

/**
 * True for any id with the reserved prefix, well-formed or not: such an id is never a framework
 * document, so every path that lists, opens for a window or counts documents refuses it outright.
 */
export function hasPrivatePrefix(docId: string): boolean {
  return docId.startsWith(PRIVATE_DOC_PREFIX);
}
