import type { RelayStore } from './relay-store';

/**
 * Group commit: the edits that arrive in one turn of the event loop, across every workspace the
 * relay serves, are stored together — one transaction (one fsync) per relay file — instead of one
 * synchronous write each. An edit's promise resolves once the transaction holding it is committed,
 * and only then does Hocuspocus apply and acknowledge it, so "acknowledged" still means durable.
 *
 * The flush is scheduled with setImmediate: it runs after the I/O callbacks of the turn (the
 * frames read from every socket) and the stores are synchronous (better-sqlite3), so every edit of
 * the batch is stored, then applied in the microtasks that follow, before the next frames are read.
 * Within a file the promises settle in the order the edits were queued, so the edits of one
 * connection are applied in the order they arrived.
 *
 * A failed commit rejects every edit of that file's batch (nothing of it is stored); other files'
 * batches are unaffected. An edit whose connection went away before the flush (`dropped()`) is
 * not stored: its batch may hold the edit it depended on, which failed.
 */

/** One queued edit: a local doc id, the update, and who waits for it. */
interface Queued {
  doc: string;
  update: Uint8Array;
  dropped: () => boolean;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** An edit left out of the batch because its connection closed before the flush. */
export class DroppedEdit extends Error {
  constructor() {
    super('the connection closed before its edit was stored');
  }
}

export class GroupCommit {
  readonly #batches = new Map<RelayStore, Queued[]>();
  #scheduled = false;

  /**
   * Queues `update` of local doc `doc` for `store`'s file; resolves once it is durable, rejects with
   * the store's error (or {@link DroppedEdit} if `dropped()` was true at the flush).
   */
  add(store: RelayStore, doc: string, update: Uint8Array, dropped: () => boolean = () => false): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let batch = this.#batches.get(store);
      if (batch === undefined) {
        batch = [];
        this.#batches.set(store, batch);
      }
      batch.push({ doc, update, dropped, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** How many edits wait for the next flush. */
  get pending(): number {
    let n = 0;
    for (const batch of this.#batches.values()) n += batch.length;
    return n;
  }

  /** Commits everything queued now (also called by the scheduled flush, and when the relay stops). */
  flush(): void {
    this.#scheduled = false;
    const batches = [...this.#batches];
    this.#batches.clear();
    for (const [store, batch] of batches) this.#commit(store, batch);
  }

  #commit(store: RelayStore, batch: Queued[]): void {
    const kept: Queued[] = [];
    for (const item of batch) {
      if (item.dropped()) item.reject(new DroppedEdit());
      else kept.push(item);
    }
    if (kept.length === 0) return;
    let error: unknown = null;
    try {
      store.appendAll(kept);
    } catch (err) {
      error = err;
    }
    for (const item of kept) {
      if (error === null) item.resolve();
      else item.reject(error);
    }
  }
}
