/**
 * Reading a closed workspace file directly, without the app: the "plain Yjs load" baseline and
 * the plain-text size the file is compared with. Uses better-sqlite3 read-only on the `updates`
 * table (format 1: seq, doc_id, data), so it measures Yjs and SQLite, nothing of Chancery's.
 */
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { documentNode } from '../../shared/workspace/document-content';
import { MANIFEST_DOC_ID, readManifest } from '../../shared/workspace/manifest';

function openReadOnly(path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true });
}

function rows(db: Database.Database, docId: string): Buffer[] {
  return db.prepare('SELECT data FROM updates WHERE doc_id = ? ORDER BY seq').pluck().all(docId) as Buffer[];
}

/** Opens the file, reads `docId`'s rows and applies them to a fresh Y.Doc: the baseline open. */
export function plainYjsLoad(path: string, docId: string): Y.Doc {
  const db = openReadOnly(path);
  try {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const row of rows(db, docId)) Y.applyUpdate(doc, row);
    });
    return doc;
  } finally {
    db.close();
  }
}

/** One Yjs update holding the document's whole state (what the bare editor page loads). */
export function documentState(path: string, docId: string): Uint8Array {
  return Y.encodeStateAsUpdate(plainYjsLoad(path, docId));
}

/** Stored rows per doc id (a compacted, untouched doc has exactly one). */
export function rowCounts(path: string): Map<string, number> {
  const db = openReadOnly(path);
  try {
    const all = db.prepare('SELECT doc_id, count(*) AS n FROM updates GROUP BY doc_id').all() as { doc_id: string; n: number }[];
    return new Map(all.map((r) => [r.doc_id, r.n]));
  } finally {
    db.close();
  }
}

export interface PlainText {
  documents: { id: string; title: string; text: string }[];
  /** UTF-8 bytes of every listed document's text, blocks separated by a newline. */
  bytes: number;
}

/** The plain text of every document the manifest lists (what a reader could copy out). */
export function workspacePlainText(path: string): PlainText {
  const manifest = readManifest(plainYjsLoad(path, MANIFEST_DOC_ID));
  const documents = manifest.documents.map((d) => {
    const node = documentNode(plainYjsLoad(path, d.id));
    return { id: d.id, title: d.title, text: node.textBetween(0, node.content.size, '\n', '\n') };
  });
  const bytes = documents.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);
  return { documents, bytes };
}

/** The ids of the documents the manifest lists, in order. */
export function documentIds(path: string): string[] {
  return readManifest(plainYjsLoad(path, MANIFEST_DOC_ID)).documents.map((d) => d.id);
}

/** The first document in the manifest's order. */
export function firstDocument(path: string): { id: string; title: string } {
  const first = readManifest(plainYjsLoad(path, MANIFEST_DOC_ID)).documents[0];
  if (!first) throw new Error(`${path} lists no documents`);
  return first;
}
