import * as Y from 'yjs';
import { ChanceryError, isChanceryError } from '../../../shared/errors';
import { checkTransaction } from '../../../shared/schema/content-check';
import { isChanceryOrigin, type ChanceryOrigin } from '../../../shared/sync/origins';
import { checkManifest } from '../../../shared/workspace/manifest-check';
import { MANIFEST_DOC_ID } from '../../../shared/workspace/manifest';
import { pinnedConvener } from '../../../shared/positions/roster-doc';
import { POSITIONS_ROOT } from '../../../shared/positions/positions-doc';
import { checkPrivateNotes } from '../../../shared/notes/notes-check';
import { hasPrivatePrefix, isPrivateDocId } from '../../../shared/notes/private-doc';
import type { WorkspaceStore } from '../store/workspace-store';
import { applyAndResolveClauseIds } from './clause-id-upkeep';
import { loadDoc, type DocNamer } from './doc-loading';
import type { DocPersistence } from './doc-persistence';
import { UpdateGate, type ScratchCheck } from './update-gate';

/** Called for every change to any doc of the session, after it is durable. */
export type SessionListener = (docId: string, update: Uint8Array, origin: ChanceryOrigin) => void;

/** Origins of updates that come from outside main: checked by the gate and stored before applying. */
export type ExternalOrigin = Extract<ChanceryOrigin, { kind: 'renderer' | 'peer' }>;

function isExternal(origin: ChanceryOrigin): origin is ExternalOrigin {
  return origin.kind === 'renderer' || origin.kind === 'peer';
}

/**
 * A window's replica never writes positions: main signs them with a key the window never sees
 * (positions.set). A replica update that touches them anyway — a compromised or buggy window — is
 * refused, so positions reach the file only signed by main or from another copy of the workspace.
 */
const windowsWriteNoPositions: ScratchCheck = (scratch, tr) => {
  const positions = scratch.share.get(POSITIONS_ROOT);
  if (positions !== undefined && tr.changed.has(positions)) {
    throw new ChanceryError(
      'INVALID_UPDATE',
      'a window tried to write clause positions directly; positions are given only through Chancery’s signed "Set position" command',
    );
  }
};

interface Entry {
  doc: Y.Doc;
  gate: UpdateGate;
}

/**
 * The manifest is checked whole; the convener pinned in the hub's doc (the state before the
 * update, which has not reached it yet) must survive the update unchanged.
 */
const manifestCheck =
  (hub: Y.Doc): ScratchCheck =>
  (scratch) =>
    checkManifest(scratch, pinnedConvener(hub));

/** How long after a document is loaded its gate is prepared: after the window has drawn it. */
const WARM_GATE_AFTER_MS = 300;

/**
 * The documents of one open workspace and who hears of their changes — the hub in the sense of
 * Hocuspocus' document hub. It loads each doc lazily (recognising damaged ones, which it then
 * never writes to), lets an update from outside in only through the doc's {@link UpdateGate},
 * stores it before applying it, and fans every change out to the session's listeners (windows
 * today, the relay next).
 */
export class DocHub {
  private readonly entries = new Map<string, Entry>();
  private readonly damaged = new Map<string, ChanceryError>();
  private readonly listeners = new Set<SessionListener>();

  constructor(
    private readonly store: WorkspaceStore,
    private readonly persistence: DocPersistence,
    private readonly name: DocNamer,
    /** Whether a doc id is in the workspace (listed in the manifest). */
    private readonly isListed: (docId: string) => boolean,
  ) {}

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The doc, loading it on first use. Unknown → DOCUMENT_NOT_FOUND; damaged → DOCUMENT_DAMAGED. */
  get(docId: string): Y.Doc {
    const entry = this.entries.get(docId);
    if (entry) return entry.doc;
    const known = this.damaged.get(docId);
    if (known) throw known;
    // A delegation's private document (its notes) is never listed, yet is the hub's like any other;
    // an id with the reserved prefix that names no party is nothing at all.
    const isPrivate = isPrivateDocId(docId) !== null;
    if (docId !== MANIFEST_DOC_ID && !isPrivate && (hasPrivatePrefix(docId) || !this.isListed(docId))) {
      throw new ChanceryError('DOCUMENT_NOT_FOUND', `No document with id "${docId}" in ${this.store.path}.`);
    }
    try {
      const loaded = loadDoc(this.store, docId, this.name(docId));
      this.persistence.loaded(docId, loaded.storedRows);
      const entry = this.attach(docId, loaded.doc);
      // Windows will push edits to it: prepare its gate's scratch copy once the opening is done
      // (the reply to the window goes first), not on the first keystroke.
      if (!this.store.readOnly && docId !== MANIFEST_DOC_ID) setTimeout(() => entry.gate.warm(), WARM_GATE_AFTER_MS).unref();
      return entry.doc;
    } catch (err) {
      if (isChanceryError(err, 'DOCUMENT_DAMAGED')) this.damaged.set(docId, err);
      throw err;
    }
  }

  /** Whether the doc is in memory (so {@link get} costs no load). */
  isLoaded(docId: string): boolean {
    return this.entries.has(docId);
  }

  /** Documents found damaged so far, with the message to show. */
  damagedDocuments(): { docId: string; message: string }[] {
    return [...this.damaged].map(([docId, err]) => ({ docId, message: err.message }));
  }

  /**
   * The doc an update from another copy goes into. Another copy's manifest can arrive before the
   * text of a document it added (the relay sends each doc on its own), so a listed document with
   * nothing stored yet is not damaged here but still to come: it starts empty and the update fills
   * it. A document with stored rows is loaded (and judged) as always.
   */
  peerDoc(docId: string): Y.Doc {
    const waiting =
      !this.entries.has(docId) && docId !== MANIFEST_DOC_ID && !this.store.readOnly && this.isListed(docId) && this.store.updateCount(docId) === 0;
    if (!waiting) return this.get(docId);
    this.damaged.delete(docId);
    return this.adopt(docId);
  }

  /** Takes over a doc main has just created (a new document); its seeding edits are then stored. */
  adopt(docId: string): Y.Doc {
    this.persistence.loaded(docId, 0);
    return this.attach(docId, new Y.Doc({ gc: true })).doc;
  }

  /**
   * An update from outside: checked against a scratch copy, stored, then applied, in that order,
   * so an acknowledged update is durable and a refused one (INVALID_UPDATE) or a failed write
   * (DISK_FULL, …) leaves memory, file and every replica as they were.
   */
  applyExternal(docId: string, update: Uint8Array, origin: ExternalOrigin): void {
    const doc = origin.kind === 'peer' ? this.peerDoc(docId) : this.get(docId);
    const { gate } = this.entries.get(docId)!;
    gate.admit(update, origin.kind === 'renderer' ? windowsWriteNoPositions : undefined);
    try {
      this.persistence.persistBeforeApply(docId, doc, update);
    } catch (err) {
      gate.invalidate();
      throw err;
    }
    if (docId === MANIFEST_DOC_ID || isPrivateDocId(docId) !== null) Y.applyUpdate(doc, update, origin);
    else applyAndResolveClauseIds(doc, update, origin);
  }

  /** Forgets a doc that left the workspace, after folding its rows into one snapshot. */
  drop(docId: string): void {
    const entry = this.entries.get(docId);
    this.damaged.delete(docId);
    if (!entry) return;
    try {
      this.persistence.compact(docId, entry.doc);
    } finally {
      entry.gate.destroy();
      entry.doc.destroy();
      this.entries.delete(docId);
      this.persistence.forget(docId);
    }
  }

  /** Compacts what is worth it (unless read-only) and releases every doc. */
  closeAll(compact: boolean): void {
    try {
      if (compact) {
        for (const [id, { doc }] of this.entries) if (this.persistence.worthCompacting(id)) this.persistence.compact(id, doc);
      }
    } finally {
      for (const { doc, gate } of this.entries.values()) {
        gate.destroy();
        doc.destroy();
      }
      this.entries.clear();
      this.listeners.clear();
    }
  }

  private attach(docId: string, doc: Y.Doc): Entry {
    const check: ScratchCheck = docId === MANIFEST_DOC_ID ? manifestCheck(doc) : isPrivateDocId(docId) !== null ? checkPrivateNotes : checkTransaction;
    const entry: Entry = { doc, gate: new UpdateGate(doc, check, this.name(docId)) };
    this.entries.set(docId, entry);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (!isChanceryOrigin(origin) || origin.kind === 'load') return;
      if (!isExternal(origin)) {
        // An edit main made itself (a command, a repair): keep the scratch copy in step, and
        // store it now, synchronously, before anyone hears of it.
        entry.gate.mirror(update);
        this.persistence.persistAfterApply(docId, doc, update);
      }
      this.persistence.maybeCompact(docId, doc);
      for (const l of this.listeners) l(docId, update, origin);
    });
    return entry;
  }
}
