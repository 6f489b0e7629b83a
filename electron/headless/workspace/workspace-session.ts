import { randomUUID } from 'node:crypto';
import type * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import { ORIGIN_PEER } from '../../../shared/sync/origins';
import { MANIFEST_DOC_ID, readManifest, type ManifestView } from '../../../shared/workspace/manifest';
import { z } from 'zod';
import type { SavedTabs, WorkspaceInfo } from '../../../shared/ipc/contract';
import { ID_PATTERN } from '../../../shared/workspace/ids';
import { WorkspaceStore } from '../store/workspace-store';
import { DocHub, type SessionListener } from './doc-hub';
import { verifyManifest } from './doc-loading';
import { upgradeLegacyDocument } from './legacy-upgrade';
import { DocPersistence } from './doc-persistence';
import { ManifestCommands } from './manifest-commands';
import { seedRows, type WorkspaceSeed } from './workspace-seed';
import { checkFetchedRows } from './fetched-rows';
import { PositionService } from '../positions/position-service';
import { SessionLosses, type PeerApplyResult, type PeerContext } from './lost-text/session-losses';
import { NoteService } from '../notes/note-service';
import { hasPrivatePrefix, isPrivateDocId } from '../../../shared/notes/private-doc';

export { COMPACT_AFTER_UPDATES } from './doc-persistence';
export type { SessionListener } from './doc-hub';
export type { WorkspaceSeed } from './workspace-seed';
export type { PeerApplyResult, PeerContext } from './lost-text/session-losses';

const MANIFEST_NAME = 'the list of documents and parties';

/** Local setting holding the last open tabs (JSON of {@link SavedTabs}). */
const TABS_SETTING = 'window.tabs';
const SavedTabsSchema = z.strictObject({
  open: z.array(z.string().regex(ID_PATTERN)).max(100),
  active: z.string().regex(ID_PATTERN).nullable(),
});

/**
 * One open workspace in the main process: the hub and single writer. It puts together the parts
 * that each own one concern — the store (the file), {@link DocHub} (the docs and who hears of
 * their changes), {@link DocPersistence} (rows, snapshots, compaction), the update gates
 * (validation, inside the hub) and {@link ManifestCommands} (the only way the manifest changes) —
 * and is what windows, the CLI and (next) the relay talk to.
 */
export class WorkspaceSession {
  private readonly hub: DocHub;
  private readonly commands: ManifestCommands;
  /** Positions and roster: resolved, kept current as documents change, changed by signed commands. */
  readonly positions: PositionService;
  /** Text this machine typed that another copy's update deleted unseen: kept until restored or dismissed. */
  readonly losses: SessionLosses;
  /** Each delegation's private notes on clauses (its private doc, never listed or shown to a window). */
  readonly notes: NoteService;
  private closed = false;

  private constructor(readonly store: WorkspaceStore) {
    const persistence = new DocPersistence(store);
    this.hub = new DocHub(store, persistence, (id) => this.nameOf(id), (id) => this.isListed(id));
    this.commands = new ManifestCommands(this.hub);
    this.losses = new SessionLosses({ store, getDoc: (docId) => this.getDoc(docId), assertWritable: () => this.assertOpen() });
    this.hub.subscribe((_docId, update, origin) => this.losses.heard(update, origin));
    this.hub.get(MANIFEST_DOC_ID);
    this.positions = new PositionService({
      workspaceId: store.meta.workspaceId,
      readOnly: store.readOnly,
      manifestDoc: () => this.hub.get(MANIFEST_DOC_ID),
      getDoc: (docId) => this.documentDoc(docId),
      subscribe: (listener) => this.hub.subscribe(listener),
      isLoaded: (docId) => this.hub.isLoaded(docId),
    });
    this.notes = new NoteService({
      readOnly: store.readOnly,
      privateDoc: (docId) => this.getDoc(docId),
      documentDoc: (docId) => this.documentDoc(docId),
      isListed: (docId) => !hasPrivatePrefix(docId) && this.isListed(docId),
      roster: () => this.positions.resolvedRoster(),
      subscribe: (listener) => this.hub.subscribe(listener),
    });
  }

  /** Wraps an open store; if the session cannot be built, the store is closed (the file released). */
  private static around(store: WorkspaceStore): WorkspaceSession {
    try {
      return new WorkspaceSession(store);
    } catch (err) {
      try {
        store.close();
      } catch {
        // The original error says what is wrong; a failure to close cleanly must not hide it.
      }
      throw err;
    }
  }

  /**
   * Opens an existing file for writing (exclusive: a second process gets WORKSPACE_LOCKED). A
   * workspace whose list of documents cannot be read is refused before the file is written to.
   */
  static open(path: string): WorkspaceSession {
    return WorkspaceSession.around(
      WorkspaceStore.open(path, { verify: verifyManifest, migration: { upgradeDocument: upgradeLegacyDocument } }),
    );
  }

  /** Opens for reading only (CLI): no lock taken beyond SQLite's, nothing ever written. */
  static openReadOnly(path: string): WorkspaceSession {
    const store = WorkspaceStore.openReadOnly(path);
    try {
      verifyManifest(store);
    } catch (err) {
      store.close();
      throw err;
    }
    return WorkspaceSession.around(store);
  }

  /**
   * Creates a new file (refusing to overwrite) holding the whole seed: the file appears under its
   * name only once everything is written, so a full disk leaves no half workspace.
   */
  static create(path: string, seed: WorkspaceSeed): WorkspaceSession {
    const workspaceId = seed.workspaceId ?? randomUUID();
    return WorkspaceSession.around(WorkspaceStore.create(path, { workspaceId, rows: seedRows(seed, workspaceId) }));
  }

  /**
   * Creates a new local copy of a workspace that exists elsewhere (joining through the relay):
   * the same workspace id, one row per doc as fetched. Every row is checked as a loaded doc would
   * be before the file exists, and the file appears under its name only once all of it is
   * written, so a failed join leaves no half workspace behind.
   */
  static createFromStates(path: string, workspaceId: string, rows: readonly { docId: string; data: Uint8Array }[]): WorkspaceSession {
    checkFetchedRows(rows);
    return WorkspaceSession.around(WorkspaceStore.create(path, { workspaceId, rows }));
  }

  get manifestDoc(): Y.Doc {
    return this.getDoc(MANIFEST_DOC_ID);
  }

  manifest(): ManifestView {
    return readManifest(this.manifestDoc);
  }

  /**
   * What a window needs to show the workspace, including which documents to open at once: the
   * tabs saved last time (those still in the workspace), otherwise the first document.
   */
  info(): WorkspaceInfo {
    const manifest = this.manifest();
    const listed = new Set(manifest.documents.map((d) => d.id));
    const saved = this.savedTabs();
    const open = saved?.open.filter((id) => listed.has(id)) ?? [];
    const first = manifest.documents[0]?.id;
    let tabs: SavedTabs | null = null;
    if (open.length > 0) tabs = { open, active: saved?.active && open.includes(saved.active) ? saved.active : open.at(-1)! };
    else if (first) tabs = { open: [first], active: first };
    return { path: this.store.path, workspaceId: this.store.meta.workspaceId, title: manifest.title, tabs };
  }

  /** The tabs saved with {@link saveTabs}; null when none were, or the setting is unreadable. */
  savedTabs(): SavedTabs | null {
    const raw = this.store.getSetting(TABS_SETTING);
    if (raw === undefined) return null;
    try {
      const parsed = SavedTabsSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null; // a local convenience: an unreadable value just means no tabs to restore
    }
  }

  /** Remembers the open tabs in the file's local settings (not part of any doc, never synced). */
  saveTabs(tabs: SavedTabs): void {
    this.assertOpen();
    if (this.store.readOnly) return;
    const clean = SavedTabsSchema.parse(tabs);
    this.store.setSetting(TABS_SETTING, JSON.stringify(clean));
  }

  subscribe(listener: SessionListener): () => void {
    return this.hub.subscribe(listener);
  }

  /** The manifest or a document listed in it; unknown → DOCUMENT_NOT_FOUND, damaged → DOCUMENT_DAMAGED. */
  getDoc(docId: string): Y.Doc {
    this.assertOpen();
    return this.hub.get(docId);
  }

  /** Documents found damaged so far (they are only read when opened). */
  damagedDocuments(): { docId: string; message: string }[] {
    return this.hub.damagedDocuments();
  }

  /**
   * Applies an update pushed by a window's replica: checked, written to the file, then applied,
   * so an acknowledged update is durable and a refused or failed one changes nothing (the window
   * keeps it and retries a failed write; Yjs updates are idempotent). Windows never write the
   * manifest: its changes are the typed commands below.
   */
  applyRendererUpdate(docId: string, update: Uint8Array, windowId: number): void {
    this.assertOpen();
    if (hasPrivatePrefix(docId)) throw privateRefusal(docId);
    if (docId === MANIFEST_DOC_ID) {
      throw new ChanceryError(
        'INVALID_UPDATE',
        'A window tried to change the list of documents and parties directly; that list changes only ' +
          'through Chancery’s own commands (add, rename, move, delete). Nothing was saved.',
      );
    }
    this.hub.applyExternal(docId, update, { kind: 'renderer', windowId });
  }

  /**
   * Brings in an update from another copy of this workspace (a colleague's file; the relay next):
   * the same gate, storage and apply path as a window's update, but it may carry signed positions
   * and roster entries, whose signatures and enrolments are judged when they are read.
   * Text this machine typed that the update deletes without the sender having seen it (`context`
   * says who sent it and what it had seen) is kept in {@link losses}; `kept` counts the entries added.
   */
  applyPeerUpdate(docId: string, update: Uint8Array, context?: PeerContext): PeerApplyResult {
    this.assertOpen();
    const doc = this.hub.peerDoc(docId); // a listed document whose text has not arrived yet starts empty
    return this.losses.applyWatching(docId, doc, update, ORIGIN_PEER, context, () => this.hub.applyExternal(docId, update, ORIGIN_PEER));
  }

  addDocument(title: string): string {
    this.assertOpen();
    return this.commands.addDocument(title);
  }

  renameDocument(id: string, title: string): void {
    this.assertOpen();
    this.commands.renameDocument(id, title);
  }

  moveDocument(id: string, toIndex: number): void {
    this.assertOpen();
    this.commands.moveDocument(id, toIndex);
  }

  deleteDocument(id: string): void {
    this.assertOpen();
    this.commands.deleteDocument(id);
  }

  /** Compacts every loaded doc, checkpoints the WAL into the single file and releases it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.positions.destroy();
      this.notes.destroy();
      this.hub.closeAll(!this.store.readOnly);
      if (!this.store.readOnly) this.store.checkpoint();
    } finally {
      this.store.close();
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private isListed(docId: string): boolean {
    return readManifest(this.hub.get(MANIFEST_DOC_ID)).documents.some((d) => d.id === docId);
  }

  /** A framework document (not the manifest, never a private doc): what positions and notes work on. */
  private documentDoc(docId: string): Y.Doc {
    if (hasPrivatePrefix(docId)) throw new ChanceryError('DOCUMENT_NOT_FOUND', `No document with id "${docId}" in ${this.store.path}.`);
    return this.getDoc(docId);
  }

  private nameOf(docId: string): string {
    if (docId === MANIFEST_DOC_ID) return MANIFEST_NAME;
    const party = isPrivateDocId(docId);
    if (party !== null) return `the private notes of delegation ${party}`;
    const entry = readManifest(this.hub.get(MANIFEST_DOC_ID)).documents.find((d) => d.id === docId);
    return entry ? `document “${entry.title}” (${docId})` : `document ${docId}`;
  }

  private assertOpen(): void {
    if (this.closed) throw new ChanceryError('WORKSPACE_NOT_OPEN', `${this.store.path} has been closed; open it again.`);
  }
}

/**
 * A window never holds a replica of a private doc: notes reach it only through `notes.*`, for the
 * user's own delegation. Thrown for any attempt to open or write one through the sync path.
 */
export function privateRefusal(docId: string): ChanceryError {
  return new ChanceryError('NOT_AUTHORISED', `A window cannot open or change ${JSON.stringify(docId.slice(0, 80))} directly; a delegation's notes are read and written only through Chancery's notes commands.`);
}
