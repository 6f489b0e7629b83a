import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import type { WorkspaceStore } from '../store/workspace-store';

/** After this many stored updates a doc is compacted into one snapshot row. */
export const COMPACT_AFTER_UPDATES = 500;

/**
 * Writing the hub's docs to the workspace file: one appended row per accepted update, a full
 * snapshot when an earlier write failed after memory had already changed, and compaction once a
 * doc has many rows. Knows nothing of validation or of who sent an update.
 */
export class DocPersistence {
  private readonly storedCounts = new Map<string, number>();
  /** Set when a write failed after a change reached memory; the next write is a full snapshot. */
  private readonly needsSnapshot = new Set<string>();

  constructor(private readonly store: WorkspaceStore) {}

  /** Records how many rows a freshly loaded doc has. */
  loaded(docId: string, storedRows: number): void {
    this.storedCounts.set(docId, storedRows);
  }

  forget(docId: string): void {
    this.storedCounts.delete(docId);
    this.needsSnapshot.delete(docId);
  }

  /**
   * Stores `update` before it is applied to `doc` (updates from outside: acknowledged only once
   * durable). Throws the store's DISK_FULL/STORAGE_FAILED with nothing stored.
   */
  persistBeforeApply(docId: string, doc: Y.Doc, update: Uint8Array): void {
    if (this.store.readOnly) throw new ChanceryError('STORAGE_FAILED', `${this.store.path} is open read-only.`);
    if (this.needsSnapshot.has(docId)) {
      // An earlier main-side write failed after memory changed: write memory plus this update
      // as one snapshot so nothing that was shown is missing from the file.
      this.store.replaceWithSnapshot(docId, Y.mergeUpdates([Y.encodeStateAsUpdate(doc), update]));
      this.needsSnapshot.delete(docId);
      this.storedCounts.set(docId, 1);
      return;
    }
    this.store.appendUpdate(docId, update);
    this.storedCounts.set(docId, (this.storedCounts.get(docId) ?? 0) + 1);
  }

  /** Stores an edit main made to `doc` itself (already applied); a failure forces a snapshot next. */
  persistAfterApply(docId: string, doc: Y.Doc, update: Uint8Array): void {
    try {
      if (this.needsSnapshot.has(docId)) this.compact(docId, doc);
      else {
        this.store.appendUpdate(docId, update);
        this.storedCounts.set(docId, (this.storedCounts.get(docId) ?? 0) + 1);
      }
    } catch (err) {
      this.needsSnapshot.add(docId);
      throw err;
    }
  }

  maybeCompact(docId: string, doc: Y.Doc): void {
    if ((this.storedCounts.get(docId) ?? 0) >= COMPACT_AFTER_UPDATES) this.compact(docId, doc);
  }

  /** True when closing should fold the doc's rows into one snapshot. */
  worthCompacting(docId: string): boolean {
    return (this.storedCounts.get(docId) ?? 0) > 1 || this.needsSnapshot.has(docId);
  }

  compact(docId: string, doc: Y.Doc): void {
    if (this.store.readOnly) return;
    this.store.replaceWithSnapshot(docId, Y.encodeStateAsUpdate(doc));
    this.needsSnapshot.delete(docId);
    this.storedCounts.set(docId, 1);
  }
}
