import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import { pinnedConvener } from '../../../shared/positions/roster-doc';
import { checkPrivateNotesDoc } from '../../../shared/notes/notes-check';
import { isPrivateDocId } from '../../../shared/notes/private-doc';
import { checkDocument } from '../../../shared/schema/content-check';
import { ORIGIN_LOAD } from '../../../shared/sync/origins';
import { checkManifest } from '../../../shared/workspace/manifest-check';
import { MANIFEST_DOC_ID, readManifest } from '../../../shared/workspace/manifest';

function refuse(what: string, why: string, cause?: unknown): never {
  throw new ChanceryError('INVALID_UPDATE', `The copy of ${what} received from the relay cannot be used: ${why}. No file was created.`, { cause });
}

function decode(docId: string, data: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(doc, data, ORIGIN_LOAD);
  } catch (err) {
    doc.destroy();
    refuse(docId === MANIFEST_DOC_ID ? 'the list of documents' : `document ${docId}`, 'it is not readable Yjs data', err);
  }
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    doc.destroy();
    refuse(docId, 'it is incomplete (it depends on edits that did not arrive)');
  }
  return doc;
}

/**
 * Checks the docs of a workspace fetched from elsewhere before they become a new file: each reads
 * back as the hub would load it, the manifest is well-formed and pins a convener (the root of
 * trust every later update is judged against), and every document it lists is there and fits the
 * document format. Throws INVALID_UPDATE naming the doc.
 */
export function checkFetchedRows(rows: readonly { docId: string; data: Uint8Array }[]): void {
  const manifestRow = rows.find((r) => r.docId === MANIFEST_DOC_ID);
  if (!manifestRow) refuse('the workspace', 'the list of documents and parties is missing');
  const manifest = decode(MANIFEST_DOC_ID, manifestRow.data);
  let listed: string[];
  try {
    try {
      checkManifest(manifest);
    } catch (err) {
      refuse('the list of documents and parties', err instanceof Error ? err.message : String(err), err);
    }
    if (pinnedConvener(manifest) === null) refuse('the list of documents and parties', 'it names no convener, so nothing in it could be trusted');
    listed = readManifest(manifest).documents.map((d) => d.id);
  } finally {
    manifest.destroy();
  }
  const present = new Set(rows.map((r) => r.docId));
  const missing = listed.filter((id) => !present.has(id));
  if (missing.length > 0) refuse('the workspace', `the documents ${missing.join(', ')} it lists did not arrive`);
  for (const row of rows) {
    if (row.docId === MANIFEST_DOC_ID) continue;
    const doc = decode(row.docId, row.data);
    try {
      const party = isPrivateDocId(row.docId);
      if (party === null && !listed.includes(row.docId)) refuse(`document ${row.docId}`, 'the list of documents does not name it');
      const what = party === null ? `document ${row.docId}` : `${party}'s private notes`;
      try {
        if (party === null) checkDocument(doc);
        else checkPrivateNotesDoc(doc);
      } catch (err) {
        refuse(what, err instanceof Error ? err.message : String(err), err);
      }
    } finally {
      doc.destroy();
    }
  }
}
