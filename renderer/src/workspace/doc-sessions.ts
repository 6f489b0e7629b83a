import { IpcProvider, type IpcProviderOptions, type ProviderApi } from '../sync/ipc-provider';
import { combineStatuses, sameStatus, SAVED, type SaveStatus } from '../sync/save-status';

/**
 * The replicas a workspace window has open, one per document tab, and the window's combined save
 * status. A closed tab's replica keeps counting towards the status until its last edits are
 * durable, so "All changes saved" never lies about a tab that was just closed.
 */
export class DocSessions {
  private readonly opening = new Map<string, Promise<IpcProvider>>();
  private readonly open = new Map<string, IpcProvider>();
  private readonly closing = new Set<IpcProvider>();
  private readonly unsubscribe = new Map<IpcProvider, () => void>();
  private readonly listeners = new Set<() => void>();
  private status: SaveStatus = SAVED;
  private disposed = false;

  constructor(
    private readonly api: ProviderApi,
    private readonly options?: IpcProviderOptions,
  ) {}

  /** The replica for `docId`, opening it on first use. Rejects if main cannot open it. */
  provider(docId: string): Promise<IpcProvider> {
    const existing = this.opening.get(docId);
    if (existing) return existing;
    const pending = IpcProvider.open(this.api, docId, this.options).then((provider) => {
      if (this.opening.get(docId) !== pending || this.disposed) {
        // The tab was closed (or the workspace left) while main was still sending the state.
        this.retire(provider);
        return provider;
      }
      this.open.set(docId, provider);
      this.unsubscribe.set(provider, provider.onStatus(() => this.recompute()));
      this.recompute();
      return provider;
    });
    pending.catch(() => {
      if (this.opening.get(docId) === pending) this.opening.delete(docId);
    });
    this.opening.set(docId, pending);
    return pending;
  }

  /** Closes a document's replica once its pending edits are saved. */
  close(docId: string): void {
    this.opening.delete(docId);
    const provider = this.open.get(docId);
    if (!provider) return;
    this.open.delete(docId);
    this.retire(provider);
  }

  /** Closes every replica (leaving the workspace). Resolves when all are closed. */
  async closeAll(): Promise<void> {
    this.disposed = true;
    const providers = [...this.open.values()];
    this.open.clear();
    this.opening.clear();
    for (const provider of providers) this.retire(provider);
    await Promise.all(providers.map((p) => p.destroy()));
  }

  /** Resolves when every edit made so far, in open and closing replicas, is durable. */
  async whenAllSaved(): Promise<void> {
    await Promise.all([...this.open.values(), ...this.closing].map((p) => p.whenSaved()));
  }

  /** Asks every replica that is waiting to retry a failed save to retry now. */
  retryNow(): void {
    for (const provider of [...this.open.values(), ...this.closing]) provider.retryNow();
  }

  /** For `useSyncExternalStore`. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** For `useSyncExternalStore`: the same object until the combined status changes. */
  readonly getStatus = (): SaveStatus => this.status;

  private retire(provider: IpcProvider): void {
    this.closing.add(provider);
    if (!this.unsubscribe.has(provider)) {
      this.unsubscribe.set(provider, provider.onStatus(() => this.recompute()));
    }
    this.recompute();
    void provider.destroy().finally(() => {
      this.closing.delete(provider);
      this.unsubscribe.get(provider)?.();
      this.unsubscribe.delete(provider);
      this.recompute();
    });
  }

  private recompute(): void {
    const next = combineStatuses([...this.open.values(), ...this.closing].map((p) => p.status));
    if (sameStatus(next, this.status)) return;
    this.status = next;
    for (const listener of [...this.listeners]) listener();
  }
}
