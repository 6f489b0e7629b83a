import type { DelegationNote } from '../../../../shared/notes/note-model';
import type { ChanceryApi } from '../../ipc/api';
import { errorMessage } from '../../app/app-context';

/**
 * One open document's private notes in the window: the user's own delegation's notes on its
 * clauses, loaded from main (`notes.list`) when the document opens and kept current from
 * `notes.changed` (main sends the document's whole list, so the latest event is the truth) and
 * `roster.changed` (the user may just have been admitted to, or removed from, a delegation).
 * Main decides whose notes these are; the window never names a party.
 */

/** The slice of the API the store needs; tests pass a fake. */
export type NotesStoreApi = Pick<ChanceryApi, 'notes' | 'roster' | 'on'>;

export type NotesSnapshot =
  | { readonly status: 'loading' }
  /** The user sits in a delegation: its code and its notes on this document, oldest first. */
  | { readonly status: 'ready'; readonly party: string; readonly notes: readonly DelegationNote[]; readonly byClause: ReadonlyMap<string, readonly DelegationNote[]> }
  /** No notes for this user: main's reason (observer, convener in no party, not admitted, …). */
  | { readonly status: 'unavailable'; readonly reason: string };

function ready(party: string, notes: readonly DelegationNote[]): NotesSnapshot {
  const byClause = new Map<string, DelegationNote[]>();
  for (const note of notes) {
    const list = byClause.get(note.clauseId);
    if (list) list.push(note);
    else byClause.set(note.clauseId, [note]);
  }
  return { status: 'ready', party, notes, byClause };
}

function byTime(a: DelegationNote, b: DelegationNote): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class NotesStore {
  private snapshot: NotesSnapshot = { status: 'loading' };
  private readonly listeners = new Set<() => void>();
  private readonly offEvents: (() => void)[];
  private destroyed = false;
  /** Bumped per load, so an older answer that arrives late never overwrites a newer one. */
  private generation = 0;

  constructor(
    private readonly api: NotesStoreApi,
    readonly docId: string,
  ) {
    // Subscribed before asking, so nothing sent after the answer is missed.
    this.offEvents = [
      api.on('notes.changed', (changedDoc, notes) => {
        if (changedDoc === docId && this.snapshot.status === 'ready') this.publish(ready(this.snapshot.party, [...notes]));
      }),
      api.on('roster.changed', (roster) => {
        const party = roster.me?.party ?? null;
        const shown = this.snapshot.status === 'ready' ? this.snapshot.party : null;
        if (party !== shown) void this.load();
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
  readonly getSnapshot = (): NotesSnapshot => this.snapshot;

  /** The notes on one clause, oldest first (empty when none, or when the user has no notes). */
  notesOn(clauseId: string): readonly DelegationNote[] {
    return this.snapshot.status === 'ready' ? (this.snapshot.byClause.get(clauseId) ?? []) : [];
  }

  /** (Re)loads from main. NOT_AUTHORISED becomes the `unavailable` state with main's reason; other failures too, with theirs. */
  async load(): Promise<void> {
    const generation = ++this.generation;
    const [notes, roster] = await Promise.allSettled([this.api.notes.list(this.docId), this.api.roster.get()]);
    if (this.destroyed || generation !== this.generation) return;
    if (notes.status === 'rejected') {
      this.publish({ status: 'unavailable', reason: errorMessage(notes.reason) });
      return;
    }
    // Main answered with notes, so the user sits in a party; the roster says which (for the header).
    if (roster.status === 'rejected') {
      this.publish({ status: 'unavailable', reason: errorMessage(roster.reason) });
      return;
    }
    const party = roster.value.me?.party;
    if (!party) {
      // The roster changed between the two answers; its roster.changed event brings a new load.
      this.publish({ status: 'loading' });
      return;
    }
    this.publish(ready(party, notes.value));
  }

  /** Adds a note on `clauseId`; resolves once main stored it. */
  async add(clauseId: string, text: string): Promise<DelegationNote> {
    const note = await this.api.notes.add(this.docId, clauseId, text);
    this.merge(note);
    return note;
  }

  /** Replaces a note's text; resolves once main stored it. */
  async edit(noteId: string, text: string): Promise<DelegationNote> {
    const note = await this.api.notes.edit(noteId, text);
    this.merge(note);
    return note;
  }

  /** Removes a note; resolves once main stored the removal. */
  async remove(noteId: string): Promise<void> {
    await this.api.notes.remove(noteId);
    if (this.snapshot.status === 'ready' && this.snapshot.notes.some((n) => n.id === noteId)) this.publish(ready(this.snapshot.party, this.snapshot.notes.filter((n) => n.id !== noteId)));
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const off of this.offEvents) off();
    this.listeners.clear();
  }

  /** A reply holds the note as stored; the event with the whole list usually came first and already has it. */
  private merge(note: DelegationNote): void {
    if (this.snapshot.status !== 'ready') return;
    if (this.snapshot.notes.some((n) => JSON.stringify(n) === JSON.stringify(note))) return;
    const others = this.snapshot.notes.filter((n) => n.id !== note.id);
    this.publish(ready(this.snapshot.party, [...others, note].sort(byTime)));
  }

  private publish(snapshot: NotesSnapshot): void {
    if (this.destroyed) return;
    this.snapshot = snapshot;
    for (const listener of [...this.listeners]) listener();
  }
}
