import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import { ORIGIN_COMMAND, ORIGIN_LOAD, isChanceryOrigin, type ChanceryOrigin } from '../../../shared/sync/origins';
import {
  MANIFEST_DOC_ID,
  addDocumentEntry,
  deleteDocumentEntry,
  initManifest,
  moveDocumentEntry,
  readManifest,
  renameDocumentEntry,
  type ManifestView,
  type Party,
} from '../../../shared/workspace/manifest';
import { seedDocument } from '../../../shared/workspace/document-content';
import { newDocumentContent, newDocumentId } from '../../../shared/workspace/new-document';
import type { WorkspaceInfo } from '../../../shared/ipc/contract';
import { WorkspaceStore } from '../store/workspace-store';

/** After this many stored updates a doc is compacted into one snapshot row. */
export const COMPACT_AFTER_UPDATES = 500;

/** Called for every change to any doc of the session, after it is durable. */
export type SessionListener = (docId: string, update: Uint8Array, origin: ChanceryOrigin) => void;

/** What a new workspace starts with. */
export interface WorkspaceSeed {
  title: string;
  parties: Party[];
  documents: { id: string; title: string; content: unknown }[];
}

/**
 * One open workspace in the main process: the hub and single writer. It owns the authoritative
 * Y.Docs (manifest plus each framework document, loaded lazily), writes every change to the
 * workspace file before anyone is told about it, and compacts the file as it grows.
 */
export class WorkspaceSession {
  private readonly docs = new Map<string, Y.Doc>();
  private readonly storedCounts = new Map<string, number>();
  private readonly listeners = new Set<SessionListener>();
  /** Set when a write failed after a change reached memory; the next write is a full snapshot. */
  private readonly needsSnapshot = new Set<string>();
  private closed = false;

  private constructor(readonly store: WorkspaceStore) {
    this.loadDoc(MANIFEST_DOC_ID);
  }

  /** Opens an existing file for writing (exclusive: a second process gets WORKSPACE_LOCKED). */
  static open(path: string): WorkspaceSession {
    return new WorkspaceSession(WorkspaceStore.open(path));
  }

  /** Opens for reading only (CLI): no lock taken beyond SQLite's, nothing ever written. */
  static openReadOnly(path: string): WorkspaceSession {
    return new WorkspaceSession(WorkspaceStore.openReadOnly(path));
  }

  /** Creates a new file (refusing to overwrite) and writes the seed into it. */
  static create(path: string, seed: WorkspaceSeed): WorkspaceSession {
    const session = new WorkspaceSession(WorkspaceStore.create(path));
    try {
      initManifest(session.manifestDoc, seed.title, seed.parties, ORIGIN_COMMAND);
      for (const d of seed.documents) session.insertDocument(d.id, d.title, d.content);
      return session;
    } catch (err) {
      session.close();
      throw err;
    }
  }

  get manifestDoc(): Y.Doc {
    return this.getDoc(MANIFEST_DOC_ID);
  }

  manifest(): ManifestView {
    return readManifest(this.manifestDoc);
  }

  info(): WorkspaceInfo {
    return { path: this.store.path, workspaceId: this.store.meta.workspaceId, title: this.manifest().title };
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The manifest or a document listed in it; anything else is DOCUMENT_NOT_FOUND. */
  getDoc(docId: string): Y.Doc {
    this.assertOpen();
    const loaded = this.docs.get(docId);
    if (loaded) return loaded;
    if (!this.manifest().documents.some((d) => d.id === docId)) {
      throw new ChanceryError('DOCUMENT_NOT_FOUND', `No document with id "${docId}" in ${this.store.path}.`);
    }
    return this.loadDoc(docId);
  }

  /**
   * Applies an update pushed by a renderer replica. It is written to the file first and applied
   * only if that succeeded, so an acknowledged update is always durable and a failed one leaves
   * memory and file in step (the renderer keeps it and retries; Yjs updates are idempotent).
   */
  applyRendererUpdate(docId: string, update: Uint8Array, windowId: number): void {
    const doc = this.getDoc(docId);
    this.persist(docId, update);
    Y.applyUpdate(doc, update, { kind: 'renderer', windowId } satisfies ChanceryOrigin);
  }

  addDocument(title: string): string {
    const id = newDocumentId(this.manifest().documents.map((d) => d.id));
    this.insertDocument(id, title, newDocumentContent(title));
    return id;
  }

  renameDocument(id: string, title: string): void {
    renameDocumentEntry(this.manifestDoc, id, title, ORIGIN_COMMAND);
  }

  moveDocument(id: string, toIndex: number): void {
    moveDocumentEntry(this.manifestDoc, id, toIndex, ORIGIN_COMMAND);
  }

  /**
   * Removes a document from the workspace. Its content stays in the file (a later "restore" can
   * bring it back and a colleague's merged copy cannot resurrect half of it); only the manifest
   * entry goes.
   */
  deleteDocument(id: string): void {
    deleteDocumentEntry(this.manifestDoc, id, ORIGIN_COMMAND);
    const doc = this.docs.get(id);
    if (doc) {
      this.compact(id);
      doc.destroy();
      this.docs.delete(id);
    }
  }

  /** Compacts every loaded doc, checkpoints the WAL into the single file and releases it. */
  close(): void {
    if (this.closed) return;
    try {
      if (!this.store.readOnly) {
        for (const id of this.docs.keys()) if ((this.storedCounts.get(id) ?? 0) > 1 || this.needsSnapshot.has(id)) this.compact(id);
        this.store.checkpoint();
      }
    } finally {
      this.closed = true;
      for (const doc of this.docs.values()) doc.destroy();
      this.docs.clear();
      this.listeners.clear();
      this.store.close();
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private insertDocument(id: string, title: string, content: unknown): void {
    const doc = this.attach(id, new Y.Doc({ gc: true }));
    seedDocument(doc, content, ORIGIN_COMMAND);
    addDocumentEntry(this.manifestDoc, { id, title }, ORIGIN_COMMAND);
  }

  private loadDoc(docId: string): Y.Doc {
    const doc = new Y.Doc({ gc: true });
    const updates = this.store.loadUpdates(docId);
    doc.transact(() => {
      for (const u of updates) Y.applyUpdate(doc, u, ORIGIN_LOAD);
    }, ORIGIN_LOAD);
    this.storedCounts.set(docId, updates.length);
    return this.attach(docId, doc);
  }

  private attach(docId: string, doc: Y.Doc): Y.Doc {
    this.docs.set(docId, doc);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (!isChanceryOrigin(origin) || origin.kind === 'load') return;
      // Renderer updates were persisted before they were applied; everything else is made by
      // main itself and is persisted here, synchronously, before anyone hears of it.
      if (origin.kind !== 'renderer') this.persistAfterApply(docId, update);
      this.maybeCompact(docId);
      for (const l of this.listeners) l(docId, update, origin);
    });
    return doc;
  }

  private persist(docId: string, update: Uint8Array): void {
    if (this.store.readOnly) throw new ChanceryError('STORAGE_FAILED', `${this.store.path} is open read-only.`);
    if (this.needsSnapshot.has(docId)) {
      // An earlier main-side write failed after memory changed: write memory plus this update
      // as one snapshot so nothing that was shown is missing from the file.
      const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(this.docs.get(docId)!), update]);
      this.store.replaceWithSnapshot(docId, merged);
      this.needsSnapshot.delete(docId);
      this.storedCounts.set(docId, 1);
      return;
    }
    this.store.appendUpdate(docId, update);
    this.storedCounts.set(docId, (this.storedCounts.get(docId) ?? 0) + 1);
  }

  private persistAfterApply(docId: string, update: Uint8Array): void {
    try {
      this.persist(docId, update);
    } catch (err) {
      this.needsSnapshot.add(docId);
      throw err;
    }
  }

  private maybeCompact(docId: string): void {
    if ((this.storedCounts.get(docId) ?? 0) >= COMPACT_AFTER_UPDATES) this.compact(docId);
  }

  private compact(docId: string): void {
    const doc = this.docs.get(docId);
    if (!doc || this.store.readOnly) return;
    this.store.replaceWithSnapshot(docId, Y.encodeStateAsUpdate(doc));
    this.needsSnapshot.delete(docId);
    this.storedCounts.set(docId, 1);
  }

  private assertOpen(): void {
    if (this.closed) throw new ChanceryError('WORKSPACE_NOT_OPEN', `${this.store.path} has been closed; open it again.`);
  }
}
