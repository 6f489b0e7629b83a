import type {
  Document,
  Extension,
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  beforeUnloadDocumentPayload,
  onLoadDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import { localDocId, parseRelayDocName } from '../../../shared/live/relay-names';
import { ORIGIN_LOAD } from '../../../shared/sync/origins';
import { syncWriteOf } from './frame-decode';
import { DroppedEdit, GroupCommit } from './group-commit';
import { socketOf, type RelayContext } from './relay-context';
import type { RelayWorkspace } from './relay-workspace';
import { halt } from './validation-extension';

/**
 * Keeps every accepted edit in the workspace's relay file. An edit is stored in
 * `beforeHandleMessage`, after the validation extension passed it and before Hocuspocus applies
 * and acknowledges it: "acknowledged" (the provider's unsynced count back to 0) means durable,
 * and a kill -9 loses nothing acknowledged. The edits of one turn of the event loop are stored
 * together (group-commit.ts: one transaction per relay file), and the hook's promise resolves once
 * the batch holding its edit is committed; a failed commit closes the connections whose edits it
 * held (1011) and none of them is applied or acknowledged. Edits that arrive from another relay
 * instance through Redis were checked there; they are stored here too (after they are applied,
 * in the next batch), so each instance's file holds the whole document.
 *
 * Loading applies the stored rows; the rows are compacted into one snapshot when the document is
 * unloaded and, while it stays loaded, past {@link COMPACT_AFTER_ROWS} rows. Compaction runs on a
 * later turn of the event loop (setImmediate), when every stored edit has been applied, so the
 * snapshot always contains each row it replaces.
 */

/** Rows of one document after which it is compacted while loaded. */
export const COMPACT_AFTER_ROWS = 500;
/** The transaction origin Hocuspocus' Redis extension applies other instances' edits with. */
const REDIS_ORIGIN = '__hocuspocus__redis__origin__';

interface Loaded {
  ws: RelayWorkspace;
  local: string;
  /** False for a private document on a relay that does not store private notes: passed on, never written. */
  stored: boolean;
  rows: number;
  compactScheduled: boolean;
}

export class PersistenceExtension implements Extension {
  readonly extensionName = 'chancery-persistence';
  readonly priority = 200;
  readonly #loaded = new Map<string, Loaded>();
  readonly #commits = new GroupCommit();

  constructor(
    private readonly relay: RelayContext,
    private readonly options: { storePrivateNotes: boolean },
  ) {}

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const relayDoc = parseRelayDocName(documentName);
    const ws = this.relay.workspace(relayDoc.workspaceId);
    const local = localDocId(relayDoc);
    const stored = relayDoc.kind !== 'private' || this.options.storePrivateNotes;
    const rows = ws.hasStore && stored ? ws.store.updates(local) : [];
    document.transact(() => rows.forEach((row) => Y.applyUpdate(document, row)), ORIGIN_LOAD);
    this.#loaded.set(documentName, { ws, local, stored, rows: rows.length, compactScheduled: false });
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const entry = this.#loaded.get(documentName);
    if (!entry) return;
    const isManifest = parseRelayDocName(documentName).kind === 'manifest';
    document.on('update', (update: Uint8Array, origin: unknown) => {
      // Idempotent for what the gate admitted itself; needed for the rest, and for an edit admitted
      // before a refusal rebuilt the scratch copy from this document while that edit waited to be stored.
      entry.ws.mirror(documentName, update);
      if (origin === REDIS_ORIGIN) void this.#store(entry, document, update).catch((err: unknown) => this.#storeFailed(documentName, err));
      if (isManifest) entry.ws.manifestChanged();
    });
  }

  async beforeHandleMessage(data: beforeHandleMessagePayload): Promise<void> {
    const socket = socketOf(data.context);
    if (socket.isClosing) return halt();
    if (data.connection.readOnly) return;
    const write = syncWriteOf(data.update);
    if (write === null) return;
    const { update } = write;
    const entry = this.#loaded.get(data.documentName);
    if (!entry) {
      socket.closeWith(1011, 'the relay could not store this edit; reconnect later');
      return halt();
    }
    // A client's sync step 2 often brings nothing new (it was in step already): nothing to store.
    if (write.step2 && Y.snapshotContainsUpdate(Y.snapshot(data.document), update)) return;
    try {
      await this.#store(entry, data.document, update, () => socket.isClosing);
    } catch (err) {
      if (!(err instanceof DroppedEdit)) this.#storeFailed(data.documentName, err);
      entry.ws.dropGate(data.documentName); // its scratch copy holds the edit the document will not get
      socket.closeWith(1011, 'the relay could not store this edit; reconnect later');
      return halt();
    }
  }

  async beforeUnloadDocument({ documentName, document }: beforeUnloadDocumentPayload): Promise<void> {
    const entry = this.#loaded.get(documentName);
    if (entry && entry.stored && entry.rows > 1) this.#compact(entry, document);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    const entry = this.#loaded.get(documentName);
    if (!entry) return;
    entry.ws.dropGate(documentName);
    this.#loaded.delete(documentName);
  }

  /** Compacts every loaded document now (the relay is stopping). */
  compactAll(): void {
    for (const [name, entry] of this.#loaded) {
      const doc = this.relay.loaded(name);
      if (doc && entry.stored && entry.rows > 1) this.#compact(entry, doc);
    }
  }

  /** Stores everything still queued now (the relay is stopping). */
  flush(): void {
    this.#commits.flush();
  }

  /** Queues `update` for the next group commit; resolves once it is durable. */
  async #store(entry: Loaded, document: Y.Doc, update: Uint8Array, dropped?: () => boolean): Promise<void> {
    if (!entry.stored) return;
    await this.#commits.add(entry.ws.store, entry.local, update, dropped);
    entry.rows += 1;
    if (entry.rows > COMPACT_AFTER_ROWS && !entry.compactScheduled) {
      entry.compactScheduled = true;
      setImmediate(() => {
        entry.compactScheduled = false;
        if (!(document as Document).isDestroyed) this.#compact(entry, document);
      });
    }
  }

  #storeFailed(documentName: string, err: unknown): void {
    this.relay.log(`could not store an edit to ${documentName}: ${err instanceof Error ? err.message : String(err)}`);
  }

  #compact(entry: Loaded, document: Y.Doc): void {
    try {
      entry.ws.store.compact(entry.local, Y.encodeStateAsUpdate(document));
      entry.rows = 1;
    } catch (err) {
      // The rows stay as they were: nothing is lost, the file is only larger.
      this.relay.log(`could not compact ${entry.local} of ${entry.ws.workspaceId}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
