import * as Y from 'yjs';
import { ORIGIN_HUB } from '../../../shared/sync/origins';
import { isChanceryError, type ErrorCode } from '../../../shared/errors';
import type { ChanceryApi } from '../ipc/api';
import { SAVED, SAVING, saveError, sameStatus, type SaveStatus } from './save-status';

/**
 * A Yjs provider over IPC. The renderer holds a replica Y.Doc per open document; main is the hub
 * and the single writer to the workspace file.
 *
 * - Opening asks main for the full state and applies it with {@link ORIGIN_HUB}.
 * - Every update made here (any origin but the hub: the editor binding, the undo manager) is
 *   pushed to main; a push resolves only once the update is durable in the file, which is what
 *   "All changes saved" means.
 * - Updates main broadcasts for this doc are applied with {@link ORIGIN_HUB}, so they are never
 *   pushed back.
 *
 * Nothing is dropped that could still be saved: while a push is in flight new updates queue up
 * and are merged into one; a failed push (a full disk, a locked file) goes back to the front of
 * the queue and is retried with backoff. Yjs updates are idempotent, so retrying one main may
 * already have stored is harmless. The one exception is an update main *refuses*
 * (INVALID_UPDATE: it would break the document for everyone): retrying cannot help, and what was
 * typed after it builds on it. The provider then stops, says so (`onRefused`), and the owner
 * reopens the document from main's state, which is what every other delegation sees.
 *
 * A push is not sent from inside the transaction that made the update (usually a keystroke) but
 * from a task after the next frame (see {@link AFTER_NEXT_FRAME}): the keystroke is drawn first,
 * and the IPC call and main's write to disk do not compete with drawing it. Updates made before
 * the push goes out are merged into it. The status says "saving" from the moment an update is
 * queued, so nothing ever looks saved that is not; durability itself is unchanged (a push
 * resolves only once main has the update in the file).
 */

/** The slice of the API a provider needs; tests pass a fake. */
export type ProviderApi = Pick<ChanceryApi, 'sync' | 'on'>;

export interface IpcProviderOptions {
  /** Delay before retry n (0-based) after consecutive failures; the last entry repeats. */
  retryDelaysMs?: readonly number[];
  /** Runs `send` soon, in a task of its own (default: {@link AFTER_NEXT_FRAME}). */
  schedulePush?: (send: () => void) => void;
}

const NEXT_TASK = (send: () => void): void => {
  setTimeout(send, 0);
};

/** Longest a push waits for a frame (none come while the window is hidden). */
const FRAME_WAIT_MS = 100;

/**
 * Runs `send` in a task after the next frame has been painted, or after {@link FRAME_WAIT_MS} if no
 * frame comes. A keystroke's frame is then drawn before its update is sent, and the work of
 * sending (and of main storing it) does not compete with drawing it.
 */
export const AFTER_NEXT_FRAME = (send: () => void): void => {
  if (typeof requestAnimationFrame !== 'function') {
    NEXT_TASK(send);
    return;
  }
  let sent = false;
  const once = () => {
    if (sent) return;
    sent = true;
    clearTimeout(fallback);
    send();
  };
  const fallback = setTimeout(once, FRAME_WAIT_MS);
  requestAnimationFrame(() => setTimeout(once, 0));
};

const DEFAULT_RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15000];

/**
 * Errors after which a provider that is being closed stops retrying: the document or workspace
 * is gone from main, so there is nowhere left to write. An open provider keeps retrying (and
 * keeps showing the error), because the user may still copy their text out.
 */
const GONE: readonly ErrorCode[] = ['DOCUMENT_NOT_FOUND', 'WORKSPACE_NOT_OPEN'];

export class IpcProvider {
  readonly doc = new Y.Doc();
  /** Resolves once main's state is applied; rejects if main could not open the document. */
  readonly ready: Promise<void>;

  private queue: Uint8Array[] = [];
  private pushScheduled = false;
  private inFlight = false;
  private failures = 0;
  private lastError: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private current: SaveStatus = SAVED;
  private readonly statusListeners = new Set<(status: SaveStatus) => void>();
  private readonly refusedListeners = new Set<(error: Error) => void>();
  private refused = false;
  private drainWaiters: (() => void)[] = [];
  private readonly offRemote: () => void;
  private readonly retryDelays: readonly number[];
  private readonly schedulePush: (send: () => void) => void;
  private destroying: Promise<void> | null = null;

  /** Opens a replica and waits until it holds main's state. */
  static async open(api: ProviderApi, docId: string, options?: IpcProviderOptions): Promise<IpcProvider> {
    const provider = new IpcProvider(api, docId, options);
    try {
      await provider.ready;
    } catch (err) {
      provider.detach();
      provider.doc.destroy();
      throw err;
    }
    return provider;
  }

  constructor(
    private readonly api: ProviderApi,
    readonly docId: string,
    options: IpcProviderOptions = {},
  ) {
    this.retryDelays = options.retryDelaysMs?.length ? options.retryDelaysMs : DEFAULT_RETRY_DELAYS_MS;
    this.schedulePush = options.schedulePush ?? AFTER_NEXT_FRAME;
    // Subscribe before asking for the state, so nothing broadcast in between is missed. Updates
    // may arrive before the full state: Yjs keeps them pending until their dependencies arrive.
    this.offRemote = api.on('sync.docUpdate', (docId, update) => {
      if (docId === this.docId && this.destroying === null) Y.applyUpdate(this.doc, update, ORIGIN_HUB);
    });
    this.doc.on('update', this.onLocalUpdate);
    this.ready = api.sync.openDoc(docId).then((state) => {
      Y.applyUpdate(this.doc, state, ORIGIN_HUB);
    });
    // A caller that never awaits `ready` must not cause an unhandled rejection.
    this.ready.catch(() => {});
  }

  /** The current save status of this replica. */
  get status(): SaveStatus {
    return this.current;
  }

  /** Calls `listener` on every status change; returns the function that unsubscribes. */
  onStatus(listener: (status: SaveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Calls `listener` when main refuses an update for good (INVALID_UPDATE): the replica no longer
   * matches the saved document and must be reopened. Returns the function that unsubscribes.
   */
  onRefused(listener: (error: Error) => void): () => void {
    this.refusedListeners.add(listener);
    return () => this.refusedListeners.delete(listener);
  }

  /** True once main refused an update; the replica stays read-only in spirit until reopened. */
  get wasRefused(): boolean {
    return this.refused;
  }

  /** True while some local update has not yet been confirmed durable. */
  get hasUnsavedChanges(): boolean {
    return this.inFlight || this.queue.length > 0;
  }

  /** Resolves once every update made so far is durable (immediately if none is pending). */
  whenSaved(): Promise<void> {
    if (!this.hasUnsavedChanges) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Retries a failed push now instead of waiting for the backoff. */
  retryNow(): void {
    if (this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.pump();
  }

  /**
   * Stops listening and tells main at once that the replica is closed, then lets pending pushes
   * finish (a closed tab's edits are still saved; main takes a push for a document the window has
   * closed). At once, not after the pushes: a replica of the same document id opened right after
   * this one — the tab reopened, or the window switched to another workspace whose documents have
   * the same ids (the sample and a negotiation joined from it) — sends its open after this close,
   * so main never marks the new replica closed and keeps sending it everyone else's edits.
   * Safe to call more than once.
   */
  destroy(): Promise<void> {
    if (this.destroying) return this.destroying;
    this.doc.off('update', this.onLocalUpdate);
    this.destroying = (async () => {
      this.offRemote();
      const closed = this.api.sync.closeDoc(this.docId).then(
        () => {},
        () => {
          // Main may already have closed it (the workspace was closed); nothing to undo here.
        },
      );
      await this.ready.catch(() => {});
      await this.whenSaved();
      await closed;
      this.doc.destroy();
    })();
    return this.destroying;
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === ORIGIN_HUB || this.refused) return;
    this.queue.push(update);
    this.publishStatus();
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    this.schedulePush(() => {
      this.pushScheduled = false;
      this.pump();
    });
  };

  /** Sends everything queued as one merged update, unless a push or a retry is already pending. */
  private pump(): void {
    if (this.inFlight || this.retryTimer !== null || this.queue.length === 0) {
      this.publishStatus();
      return;
    }
    const batch = this.queue;
    this.queue = [];
    const update = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    this.inFlight = true;
    this.publishStatus();
    this.api.sync.pushUpdate(this.docId, update).then(
      () => {
        this.inFlight = false;
        this.failures = 0;
        this.lastError = null;
        this.pump();
        if (!this.hasUnsavedChanges) this.resolveDrainWaiters();
      },
      (err: unknown) => {
        this.inFlight = false;
        if (this.destroying && isChanceryError(err) && GONE.includes(err.code)) {
          // Closing, and main no longer has the document: give up rather than retry forever.
          this.queue = [];
          this.lastError = null;
          this.publishStatus();
          this.resolveDrainWaiters();
          return;
        }
        if (isChanceryError(err, 'INVALID_UPDATE')) {
          this.refuse(err);
          return;
        }
        // Keep the update: put it back in front of anything typed meanwhile, then retry.
        this.queue.unshift(update);
        this.lastError = err instanceof Error ? err.message : String(err);
        const delay = this.retryDelays[Math.min(this.failures, this.retryDelays.length - 1)]!;
        this.failures += 1;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.pump();
        }, delay);
        this.publishStatus();
      },
    );
  }

  /** Main will never take this replica's pending edits: stop pushing and tell the owner. */
  private refuse(err: Error): void {
    this.refused = true;
    this.queue = [];
    this.lastError = err.message;
    this.publishStatus();
    this.resolveDrainWaiters();
    for (const listener of [...this.refusedListeners]) listener(err);
  }

  private resolveDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** An error stays shown until a push succeeds; retries do not flicker back to "Saving…". */
  private publishStatus(): void {
    const next =
      this.lastError !== null ? saveError(this.lastError) : this.hasUnsavedChanges ? SAVING : SAVED;
    // (A refused replica keeps its error until it is replaced by a reopened one.)
    if (sameStatus(next, this.current)) return;
    this.current = next;
    for (const listener of [...this.statusListeners]) listener(next);
  }

  private detach(): void {
    this.doc.off('update', this.onLocalUpdate);
    this.offRemote();
  }
}
