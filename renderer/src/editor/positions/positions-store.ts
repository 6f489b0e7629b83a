import type { ChanceryApi } from '../../ipc/api';
import type { ClausePositions, ClauseView, PositionStatus, RosterState } from '../../../../shared/positions/model';
import { sameClauseView } from './gutter-model';

/**
 * One open document's positions in the window: loaded from main when the document opens
 * (`positions.view` and `roster.get`), then kept current from `positions.changed` (the clauses
 * whose view changed, replacing the ones held) and `roster.changed`. Main resolves everything;
 * this only holds what it said.
 *
 * React reads the snapshot through `useSyncExternalStore`; the editor is told of each change
 * (what changed, not everything) through {@link PositionsStore.onUpdate}, which it turns into a
 * transaction meta for the gutter plugin.
 *
 * An event that arrives before the first answer is dropped: main sends events and answers in
 * order, so such an event is older than the state the answer carries.
 */

/** The slice of the API the store needs; tests pass a fake. */
export type PositionsStoreApi = Pick<ChanceryApi, 'positions' | 'roster' | 'on'>;

export type PositionHistory = ClausePositions['history'];

export interface PositionsSnapshot {
  readonly docId: string;
  /** Main's positions for this document have arrived. */
  readonly loaded: boolean;
  /** Why loading failed, if it did (shown by the editor pane). */
  readonly error: unknown;
  readonly clauses: ReadonlyMap<string, ClauseView>;
  readonly roster: RosterState | null;
}

/** What changed in one step, for the editor. */
export type PositionsUpdate =
  | { kind: 'reset' }
  | { kind: 'clauses'; clauses: readonly ClauseView[] }
  | { kind: 'roster' };

export class PositionsStore {
  private snapshot: PositionsSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly updateListeners = new Set<(update: PositionsUpdate, snapshot: PositionsSnapshot) => void>();
  private readonly offEvents: (() => void)[];
  private rosterLoaded = false;
  private destroyed = false;

  constructor(
    private readonly api: PositionsStoreApi,
    readonly docId: string,
  ) {
    this.snapshot = { docId, loaded: false, error: null, clauses: new Map(), roster: null };
    // Subscribed before asking, so nothing sent after the answer is missed.
    this.offEvents = [
      // The summary that comes with it is the agreement meter's business, not the editor's.
      api.on('positions.changed', (changedDoc, clauses) => {
        if (changedDoc === docId) this.applyClauses(clauses);
      }),
      api.on('roster.changed', (roster) => {
        if (this.rosterLoaded) this.applyRoster(roster);
      }),
    ];
    void this.load();
  }

  /** For `useSyncExternalStore`. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** For `useSyncExternalStore`: the same object until something changes. */
  readonly getSnapshot = (): PositionsSnapshot => this.snapshot;

  /** Tells `listener` what changed after each change; returns the unsubscriber. */
  onUpdate(listener: (update: PositionsUpdate, snapshot: PositionsSnapshot) => void): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  /** (Re)loads everything from main; a failure is kept in the snapshot and rethrown to no one. */
  async load(): Promise<void> {
    const [view, roster] = await Promise.allSettled([this.api.positions.view(this.docId), this.api.roster.get()]);
    if (this.destroyed) return;
    if (roster.status === 'fulfilled') this.rosterLoaded = true;
    if (view.status === 'rejected') {
      this.publish({ ...this.snapshot, error: view.reason, roster: roster.status === 'fulfilled' ? roster.value : this.snapshot.roster }, null);
      return;
    }
    this.publish(
      {
        docId: this.docId,
        loaded: true,
        error: roster.status === 'rejected' ? roster.reason : null,
        clauses: new Map(view.value.clauses.map((c) => [c.clauseId, c])),
        roster: roster.status === 'fulfilled' ? roster.value : null,
      },
      { kind: 'reset' },
    );
  }

  /**
   * Signs and stores this member's party position (main checks the member may; NOT_AUTHORISED
   * otherwise). `withdrawn` takes the position back. Resolves once stored; the new view arrives
   * as a `positions.changed` event.
   */
  async setPosition(clauseId: string, party: string, status: PositionStatus, comment: string | null, proposal: string | null): Promise<void> {
    await this.api.positions.set(this.docId, clauseId, party, status, comment, proposal);
  }

  /** Every record for one clause, valid or not, oldest first. */
  history(clauseId: string): Promise<PositionHistory> {
    return this.api.positions.history(this.docId, clauseId);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const off of this.offEvents) off();
    this.listeners.clear();
    this.updateListeners.clear();
  }

  private applyClauses(clauses: readonly ClauseView[]): void {
    if (!this.snapshot.loaded || this.destroyed) return;
    // Main may resend a clause whose view did not change (typing on in a clause already stale):
    // nothing is redrawn for it.
    const changed = clauses.filter((c) => {
      const held = this.snapshot.clauses.get(c.clauseId);
      return !held || !sameClauseView(held, c);
    });
    if (changed.length === 0) return;
    const next = new Map(this.snapshot.clauses);
    for (const c of changed) next.set(c.clauseId, c);
    this.publish({ ...this.snapshot, clauses: next }, { kind: 'clauses', clauses: changed });
  }

  private applyRoster(roster: RosterState): void {
    if (this.destroyed) return;
    // Every gutter shows the roster (names, colours, who "me" is): an unchanged roster sent again
    // must not redraw them all. It is small; comparing its JSON is cheap.
    if (this.snapshot.roster && JSON.stringify(this.snapshot.roster) === JSON.stringify(roster)) return;
    this.publish({ ...this.snapshot, roster }, this.snapshot.loaded ? { kind: 'roster' } : null);
  }

  private publish(snapshot: PositionsSnapshot, update: PositionsUpdate | null): void {
    this.snapshot = snapshot;
    if (update) for (const listener of [...this.updateListeners]) listener(update, snapshot);
    for (const listener of [...this.listeners]) listener();
  }
}
