import * as Y from 'yjs';
import { ChanceryError } from '../errors';

/** Key under which the manifest Y.Doc is stored; document ids never take this value. */
export const MANIFEST_DOC_ID = 'manifest';

/** A delegation at the table. `code` is short and stable (it appears in positions and exports). */
export interface Party {
  code: string;
  name: string;
  /** CSS colour used for the party's cursors and gutter marks. */
  colour: string;
}

/** A framework document as listed in the sidebar, in negotiated order. */
export interface DocumentEntry {
  id: string;
  title: string;
}

/** Plain snapshot of the manifest for rendering and for the CLI. */
export interface ManifestView {
  title: string;
  parties: Party[];
  documents: DocumentEntry[];
}

const META = 'workspace';
const PARTIES = 'parties';
const ORDER = 'documentOrder';
const DOCUMENTS = 'documents';

function docs(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(DOCUMENTS);
}

/**
 * Reads the manifest. Concurrent moves on two machines can leave an id twice in the order array
 * and a concurrent add can leave a document out of it; both are resolved the same way on every
 * peer (first occurrence wins, strays follow sorted by id), so no document is ever hidden.
 */
export function readManifest(doc: Y.Doc): ManifestView {
  const meta = doc.getMap<unknown>(META);
  const entries = docs(doc);
  const seen = new Set<string>();
  const documents: DocumentEntry[] = [];
  const push = (id: string) => {
    const entry = entries.get(id);
    if (!entry || seen.has(id)) return;
    seen.add(id);
    documents.push({ id, title: String(entry.get('title') ?? 'Untitled') });
  };
  for (const id of doc.getArray<string>(ORDER).toArray()) push(id);
  for (const id of [...entries.keys()].sort()) push(id);
  const parties = doc
    .getArray<Y.Map<unknown>>(PARTIES)
    .toArray()
    .map((p) => ({
      code: String(p.get('code')),
      name: String(p.get('name')),
      colour: String(p.get('colour')),
    }));
  return { title: String(meta.get('title') ?? 'Untitled negotiation'), parties, documents };
}

/** Sets up a fresh manifest; only called once, when a workspace file is created. */
export function initManifest(doc: Y.Doc, title: string, parties: Party[], origin: unknown): void {
  doc.transact(() => {
    doc.getMap<unknown>(META).set('title', title);
    const arr = doc.getArray<Y.Map<unknown>>(PARTIES);
    arr.push(
      parties.map((p) => {
        const m = new Y.Map<unknown>();
        m.set('code', p.code);
        m.set('name', p.name);
        m.set('colour', p.colour);
        return m;
      }),
    );
  }, origin);
}

/** Appends a document to the negotiated order. */
export function addDocumentEntry(doc: Y.Doc, entry: DocumentEntry, origin: unknown): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('title', entry.title);
    docs(doc).set(entry.id, m);
    doc.getArray<string>(ORDER).push([entry.id]);
  }, origin);
}

function requireEntry(doc: Y.Doc, id: string): Y.Map<unknown> {
  const entry = docs(doc).get(id);
  if (!entry) throw new ChanceryError('DOCUMENT_NOT_FOUND', `No document with id "${id}" in this workspace.`);
  return entry;
}

/** Renames a document; the id (and so every reference to it) is unchanged. */
export function renameDocumentEntry(doc: Y.Doc, id: string, title: string, origin: unknown): void {
  doc.transact(() => requireEntry(doc, id).set('title', title), origin);
}

/** Moves a document to `toIndex` in the displayed order (clamped to the list). */
export function moveDocumentEntry(doc: Y.Doc, id: string, toIndex: number, origin: unknown): void {
  requireEntry(doc, id);
  const current = readManifest(doc).documents.map((d) => d.id).filter((d) => d !== id);
  const index = Math.max(0, Math.min(toIndex, current.length));
  current.splice(index, 0, id);
  doc.transact(() => {
    const order = doc.getArray<string>(ORDER);
    order.delete(0, order.length);
    order.push(current);
  }, origin);
}

/** Removes a document from the workspace manifest. */
export function deleteDocumentEntry(doc: Y.Doc, id: string, origin: unknown): void {
  requireEntry(doc, id);
  doc.transact(() => {
    docs(doc).delete(id);
    const order = doc.getArray<string>(ORDER);
    for (let i = order.length - 1; i >= 0; i--) if (order.get(i) === id) order.delete(i, 1);
  }, origin);
}
