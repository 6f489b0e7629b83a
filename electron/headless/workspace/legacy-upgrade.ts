import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import { checkDocument } from '../../../shared/schema/content-check';
import { upgradeLegacyContent } from '../../../shared/schema/legacy-content';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { ORIGIN_COMMAND } from '../../../shared/sync/origins';
import { seedDocument } from '../../../shared/workspace/document-content';

/**
 * Rewrites a framework document stored under the format-1 document schema (headings and two list
 * types as node types) in the current one, for the workspace-format migration and for reading a
 * format-1 file without changing it.
 *
 * The old content is read without any schema (y-prosemirror's JSON export only walks the Y tree,
 * it never deletes), mapped by `upgradeLegacyContent`, and written into a fresh Y.Doc whose
 * client id is derived from the workspace, the document and *everything the old copy held* (its
 * state vector and its content): two copies of the same old file migrate to byte-identical
 * updates, so a later merge of the two does not double the text, while two copies that had
 * diverged get different client ids — reusing one for different content would make Yjs take
 * different items for the same one. The result passes the same content check as anything the
 * hub stores.
 */
export function upgradeLegacyDocument(docId: string, rows: readonly Uint8Array[], workspaceId: string): Uint8Array {
  const old = new Y.Doc({ gc: true });
  let json: unknown;
  let stateVector: Uint8Array;
  try {
    old.transact(() => {
      for (const row of rows) Y.applyUpdate(old, row);
    });
    json = yXmlFragmentToProsemirrorJSON(old.getXmlFragment(CONTENT_FRAGMENT));
    stateVector = Y.encodeStateVector(old);
  } finally {
    old.destroy();
  }
  const upgraded = upgradeLegacyContent(json, docId);
  const doc = new Y.Doc({ gc: true });
  try {
    doc.clientID = migrationClientId(workspaceId, docId, stateVector, upgraded);
    seedDocument(doc, upgraded, ORIGIN_COMMAND);
    checkDocument(doc);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** A Yjs client id (uint32) that is the same for the same old document on every machine. */
function migrationClientId(workspaceId: string, docId: string, stateVector: Uint8Array, upgraded: unknown): number {
  return createHash('sha256')
    .update(`chancery-format-2/${workspaceId}/${docId}/`)
    .update(stateVector)
    .update(JSON.stringify(upgraded))
    .digest()
    .readUInt32BE(0);
}
