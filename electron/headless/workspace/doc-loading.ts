import * as Y from 'yjs';
import { ChanceryError, isChanceryError } from '../../../shared/errors';
import { checkDocument } from '../../../shared/schema/content-check';
import { checkPrivateNotesDoc } from '../../../shared/notes/notes-check';
import { isPrivateDocId } from '../../../shared/notes/private-doc';
import { ORIGIN_LOAD } from '../../../shared/sync/origins';
import { checkManifest } from '../../../shared/workspace/manifest-check';
import { MANIFEST_DOC_ID } from '../../../shared/workspace/manifest';
import { DamagedRowError, type WorkspaceStore } from '../store/workspace-store';
import { upgradeLegacyDocument } from './legacy-upgrade';

/**
 * Turning stored rows back into a Y.Doc, and recognising rows that cannot be read back.
 *
 * A document is *damaged* when a row is not edit data, does not decode, depends on a row that is
 * missing, or builds content the document format does not allow (another program's structure,
 * text where blocks belong). A damaged document is reported with what is wrong and what to do,
 * and the hub never writes to it: its rows stay exactly as they are for a backup or support to
 * look at. Every other document of the workspace still opens.
 */

/** A doc read from the file, with how many rows it took (compaction counts them). */
export interface LoadedDoc {
  doc: Y.Doc;
  storedRows: number;
}

/** How messages name a doc: `the list of documents and parties` or `document "Annex I" (annex-1)`. */
export type DocNamer = (docId: string) => string;

const ADVICE =
  'Chancery will not write to it. Restore the workspace from a backup or from a colleague’s copy; ' +
  'keep this file for support.';

function damaged(docId: string, name: string, path: string, why: string, cause?: unknown): ChanceryError {
  const code = docId === MANIFEST_DOC_ID ? 'WORKSPACE_CORRUPT' : 'DOCUMENT_DAMAGED';
  return new ChanceryError(code, `In "${path}", ${name} is damaged: ${why}. ${ADVICE}`, { cause });
}

/** Loads `docId` from `store`, throwing DOCUMENT_DAMAGED (WORKSPACE_CORRUPT for the manifest). */
export function loadDoc(store: WorkspaceStore, docId: string, name: string): LoadedDoc {
  let rows: Uint8Array[];
  try {
    rows = store.loadUpdates(docId);
  } catch (err) {
    if (err instanceof DamagedRowError) throw damaged(docId, name, store.path, err.problem, err);
    throw err;
  }
  if (store.meta.formatVersion < 2 && docId !== MANIFEST_DOC_ID && rows.length > 0) {
    // A format-1 file read without migrating it (read-only): upgrade its content in memory.
    try {
      rows = [upgradeLegacyDocument(docId, rows, store.meta.workspaceId)];
    } catch (err) {
      throw damaged(docId, name, store.path, `its content cannot be read in this version's format (${err instanceof Error ? err.message : String(err)})`, err);
    }
  }
  // A delegation's private document starts empty (no notes yet): nothing stored is no loss there.
  const isPrivate = isPrivateDocId(docId) !== null;
  if (rows.length === 0 && docId !== MANIFEST_DOC_ID && !isPrivate) {
    // Listed in the manifest, yet nothing stored: showing it as an empty document would hide the loss.
    throw damaged(docId, name, store.path, 'its text is missing from the file (it has no saved edits at all)');
  }
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      for (const row of rows) Y.applyUpdate(doc, row, ORIGIN_LOAD);
    }, ORIGIN_LOAD);
  } catch (err) {
    doc.destroy();
    throw damaged(docId, name, store.path, `a saved edit cannot be decoded (${err instanceof Error ? err.message : String(err)})`, err);
  }
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    doc.destroy();
    throw damaged(docId, name, store.path, 'some of its saved edits are missing (they refer to edits the file does not hold)');
  }
  try {
    if (docId === MANIFEST_DOC_ID) checkManifest(doc);
    else if (isPrivate) checkPrivateNotesDoc(doc);
    else checkDocument(doc);
  } catch (err) {
    doc.destroy();
    if (!isChanceryError(err, 'INVALID_UPDATE')) throw err;
    throw damaged(docId, name, store.path, `its content is not in the Chancery format (${err.message})`, err);
  }
  return { doc, storedRows: rows.length };
}

/**
 * Refuses a workspace whose manifest cannot be read: the list of documents is how every document
 * is found, so without it the workspace would open looking empty while its text is still in the
 * file. Runs on the read-only view before the file is opened for writing.
 */
export function verifyManifest(store: WorkspaceStore): void {
  const loaded = loadDoc(store, MANIFEST_DOC_ID, 'the list of documents and parties');
  const empty = loaded.storedRows === 0;
  loaded.doc.destroy();
  if (!empty) return;
  const stranded = store.docIds().filter((id) => id !== MANIFEST_DOC_ID);
  if (stranded.length > 0) {
    throw damaged(
      MANIFEST_DOC_ID,
      'the list of documents and parties',
      store.path,
      `it is missing, although the file still holds the text of ${stranded.length} document(s) (${stranded.slice(0, 3).join(', ')}${stranded.length > 3 ? ', …' : ''})`,
    );
  }
}
