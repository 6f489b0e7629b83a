import { describe, expect, it, vi } from 'vitest';
import { ChanceryError } from '../../../../shared/errors';
import type { DelegationNote } from '../../../../shared/notes/note-model';
import type { RosterState } from '../../../../shared/positions/model';
import { NotesStore, type NotesStoreApi } from './notes-store';

const C1 = 'c-0000000000000001';
const C2 = 'c-0000000000000002';

function note(id: string, clauseId: string, text: string, at = '2025-03-01T10:00:00.000Z'): DelegationNote {
  return { id, docId: 'd-1', clauseId, text, author: 'Ilse Varga', authorKey: 'A'.repeat(43), at };
}

const me = (party: string | null): RosterState =>
  ({ roster: { convener: null, parties: [], members: [], events: [] }, me: party ? { key: 'k', name: 'Ilse Varga', role: 'head', party, since: '', removedAt: null, admittedBy: null } : null }) as RosterState;

function fakeApi(list: () => Promise<DelegationNote[]>, party: string | null = 'ALD') {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const api = {
    notes: {
      list: vi.fn(list),
      add: vi.fn(async (_doc: string, clauseId: string, text: string) => note('n-new', clauseId, text, '2025-03-02T10:00:00.000Z')),
      edit: vi.fn(async (id: string, text: string) => note(id, C1, text)),
      remove: vi.fn(async () => null),
    },
    roster: { get: vi.fn(async () => me(party)) },
    on: (event: string, listener: (...args: unknown[]) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
  };
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((l) => l(...args));
  return { api: api as unknown as NotesStoreApi, raw: api, emit, listeners };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('NotesStore', () => {
  it('loads the delegation’s notes grouped by clause, then follows notes.changed for its document only', async () => {
    const { api, emit } = fakeApi(async () => [note('n-1', C1, 'one'), note('n-2', C2, 'two')]);
    const store = new NotesStore(api, 'd-1');
    expect(store.getSnapshot().status).toBe('loading');
    await settle();
    const snapshot = store.getSnapshot();
    expect(snapshot).toMatchObject({ status: 'ready', party: 'ALD' });
    expect(store.notesOn(C1).map((n) => n.text)).toEqual(['one']);

    emit('notes.changed', 'd-2', [note('n-9', C1, 'elsewhere')]);
    expect(store.getSnapshot()).toBe(snapshot);
    emit('notes.changed', 'd-1', [note('n-2', C2, 'two'), note('n-3', C2, 'three')]);
    expect(store.notesOn(C1)).toEqual([]);
    expect(store.notesOn(C2).map((n) => n.text)).toEqual(['two', 'three']);
    store.destroy();
  });

  it('says why there are no notes when main refuses (not in a delegation)', async () => {
    const refusal = new ChanceryError('NOT_AUTHORISED', 'Only members of a delegation keep private notes; Ilse Varga is an observer.');
    const { api } = fakeApi(async () => Promise.reject(refusal), null);
    const store = new NotesStore(api, 'd-1');
    await settle();
    expect(store.getSnapshot()).toEqual({ status: 'unavailable', reason: refusal.message });
    expect(store.notesOn(C1)).toEqual([]);
  });

  it('reloads when the user’s party changes in the roster', async () => {
    let refuse = true;
    const { api, raw, emit } = fakeApi(async () => (refuse ? Promise.reject(new ChanceryError('NOT_AUTHORISED', 'no')) : [note('n-1', C1, 'one')]));
    const store = new NotesStore(api, 'd-1');
    await settle();
    expect(store.getSnapshot().status).toBe('unavailable');
    refuse = false;
    raw.roster.get.mockResolvedValue(me('VEL'));
    emit('roster.changed', me('VEL'));
    await settle();
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', party: 'VEL' });
    expect(raw.notes.list).toHaveBeenCalledTimes(2);
    // The same party again: nothing reloaded.
    emit('roster.changed', me('VEL'));
    await settle();
    expect(raw.notes.list).toHaveBeenCalledTimes(2);
  });

  it('shows an added, edited or removed note at once, whether or not the event came first', async () => {
    const { api } = fakeApi(async () => [note('n-1', C1, 'one')]);
    const store = new NotesStore(api, 'd-1');
    await settle();
    await store.add(C1, 'new');
    expect(store.notesOn(C1).map((n) => n.text)).toEqual(['one', 'new']);
    await store.edit('n-1', 'one, edited');
    expect(store.notesOn(C1).map((n) => n.text)).toEqual(['one, edited', 'new']);
    await store.remove('n-1');
    expect(store.notesOn(C1).map((n) => n.text)).toEqual(['new']);
  });
});
