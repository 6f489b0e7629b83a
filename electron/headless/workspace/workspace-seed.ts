import * as Y from 'yjs';
import { checkDocument } from '../../../shared/schema/content-check';
import { ORIGIN_COMMAND } from '../../../shared/sync/origins';
import { seedDocument } from '../../../shared/workspace/document-content';
import { checkManifest } from '../../../shared/workspace/manifest-check';
import { MANIFEST_DOC_ID, addDocumentEntry, initManifest, type Party } from '../../../shared/workspace/manifest';

/** What a new workspace starts with. */
export interface WorkspaceSeed {
  title: string;
  parties: Party[];
  documents: { id: string; title: string; content: unknown }[];
}

/**
 * A new workspace's complete initial content, one row per doc, built in memory so the store can
 * write it into the new file before the file appears under its name. Each doc passes the same
 * checks as anything loaded later: the hub stores nothing it has not checked it can read back.
 */
export function seedRows(seed: WorkspaceSeed): { docId: string; data: Uint8Array }[] {
  const manifest = new Y.Doc({ gc: true });
  const rows: { docId: string; data: Uint8Array }[] = [];
  try {
    initManifest(manifest, seed.title, seed.parties, ORIGIN_COMMAND);
    for (const d of seed.documents) {
      const doc = new Y.Doc({ gc: true });
      try {
        seedDocument(doc, d.content, ORIGIN_COMMAND);
        checkDocument(doc);
        rows.push({ docId: d.id, data: Y.encodeStateAsUpdate(doc) });
      } finally {
        doc.destroy();
      }
      addDocumentEntry(manifest, { id: d.id, title: d.title }, ORIGIN_COMMAND);
    }
    checkManifest(manifest);
    return [{ docId: MANIFEST_DOC_ID, data: Y.encodeStateAsUpdate(manifest) }, ...rows];
  } finally {
    manifest.destroy();
  }
}
