import * as Y from 'yjs';
import { ChanceryError } from '../errors';
import { isValidId } from './ids';

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
  /**
   * Entries that could not be read and are not shown (wrong types, bad ids), in words. Empty for
   * every manifest Chancery itself wrote; a merge with a damaged or foreign copy can fill it, and
   * then the user must be told rather than shown a silently shorter list.
   */
  problems: string[];
}

/**
 * Root types of the manifest Y.Doc: meta, legacy parties, documents, and the signed roster
 * (`ROSTER_ROOT` in shared/positions/roster-doc.ts; spelled out here so the manifest does not
 * depend on the positions code).
 */
export const MANIFEST_ROOTS: ReadonlySet<string> = new Set(['workspace', 'parties', 'documentOrder', 'documents', 'roster']);

const META = 'workspace';
const PARTIES = 'parties';
const ORDER = 'documentOrder';
const DOCUMENTS = 'documents';

/** Longest title or name kept; the IPC contract refuses longer ones, a merge might not. */
export const MAX_TITLE_LENGTH = 200;

function docs(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DOCUMENTS);
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.slice(0, MAX_TITLE_LENGTH) : null);

function readParty(value: unknown, index: number, problems: string[]): Party | null {
  if (!(value instanceof Y.Map)) {
    problems.push(`Party ${index + 1} is not a party record and is not shown.`);
    return null;
  }
  const code = value.get('code');
  const name = text(value.get('name'));
  const colour = value.get('colour');
  if (!isValidId(code) || name === null || typeof colour !== 'string') {
    problems.push(`Party ${index + 1} (${JSON.stringify(code ?? null)}) lacks a valid code, name or colour and is not shown.`);
    return null;
  }
  return { code, name, colour };
}

/**
 * Reads the manifest. It never throws: whatever shape a merge produced, the readable part is shown
 * and the rest is listed in `problems`. Concurrent moves on two machines can leave an id twice in
 * the order array and a concurrent add can leave a document out of it; both are resolved the same
 * way on every peer (first occurrence wins, strays follow sorted by id), so no document is hidden.
 */
export function readManifest(doc: Y.Doc): ManifestView {
  const problems: string[] = [];
  const meta = doc.getMap<unknown>(META);
  const entries = docs(doc);
  const seen = new Set<string>();
  const documents: DocumentEntry[] = [];
  const push = (id: string) => {
    if (seen.has(id)) return;
    const entry = entries.get(id);
    if (entry === undefined) return;
    seen.add(id);
    if (!isValidId(id) || !(entry instanceof Y.Map)) {
      problems.push(`A document entry (${JSON.stringify(id.slice(0, 80))}) cannot be read and is not shown.`);
      return;
    }
    const title = text(entry.get('title'));
    if (title === null) problems.push(`Document "${id}" has no readable title; it is shown as "Untitled".`);
    documents.push({ id, title: title ?? 'Untitled' });
  };
  for (const id of doc.getArray<unknown>(ORDER).toArray()) if (typeof id === 'string') push(id);
  for (const id of [...entries.keys()].sort()) push(id);
  const parties = doc
    .getArray<unknown>(PARTIES)
    .toArray()
    .map((p, i) => readParty(p, i, problems))
    .filter((p): p is Party => p !== null);
  const rawTitle = meta.get('title');
  const title = text(rawTitle);
  if (title === null && rawTitle !== undefined) problems.push('The negotiation title cannot be read.');
  return { title: title ?? 'Untitled negotiation', parties, documents, problems };
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
  if (!(entry instanceof Y.Map)) throw new ChanceryError('DOCUMENT_NOT_FOUND', `No document with id "${id}" in this workspace.`);
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
