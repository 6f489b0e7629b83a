import { describe, expect, it, vi } from 'vitest';
import { ChanceryError } from '../../../../shared/errors';
import type { AgreementSummary, DocPositions, RosterState } from '../../../../shared/positions/model';
import { PositionsStore, type PositionsStoreApi, type PositionsUpdate } from './positions-store';
import { roster, view } from './test-positions';

const C1 = 'c-0000000000000001';
const C2 = 'c-0000000000000002';

const summary = (percent: number): AgreementSummary => ({
  agreement: { clauses: 2, agreed: 1, agreedAdRef: 0, disputed: 0, reserved: 0, open: 1, stale: 0, invalid: 0, percent },
  parties: {},
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A fake of the API slice: answers held until the test releases them, events sent by the test. */
function fakeApi() {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const answer = { view: deferred<DocPositions>(), roster: deferred<RosterState>() };
  const api = {
    positions: {
      view: vi.fn(() => answer.view.promise),
      history: vi.fn(async () => []),
      set: vi.fn(async () => null),
    },
    roster: { get: vi.fn(() => answer.roster.promise) },
    on: (event: string, listener: (...args: unknown[]) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
  };
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((l) => l(...args));
  return { api: api as unknown as PositionsStoreApi, raw: api, answer, emit, listeners };
}

const loaded = (): DocPositions => ({
  docId: 'd-1',
  clauses: [view(C1, 'agreed', { EU: 'accepted' }), view(C2, 'open', { EU: 'open' })],
  summary: summary(50),
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('positions store', () => {
  it('loads the document’s positions and the roster, then tells the editor everything once', async () => {
    const { api, answer } = fakeApi();
    const store = new PositionsStore(api, 'd-1');
    const updates: PositionsUpdate[] = [];
    store.onUpdate((u) => updates.push(u));
    expect(store.getSnapshot().loaded).toBe(false);
    answer.view.resolve(loaded());
    answer.roster.resolve(roster());
    await settle();
    const snapshot = store.getSnapshot();
    expect(snapshot.loaded).toBe(true);
    expect([...snapshot.clauses.keys()]).toEqual([C1, C2]);
    expect(snapshot.roster?.me?.party).toBe('EU');
    expect(updates).toEqual([{ kind: 'reset' }]);
  });

  it('replaces the clauses a delta names, for its own document only, and skips what did not change', async () => {
    const { api, answer, emit } = fakeApi();
    const store = new PositionsStore(api, 'd-1');
    answer.view.resolve(loaded());
    answer.roster.resolve(roster());
    await settle();
    const updates: PositionsUpdate[] = [];
    store.onUpdate((u) => updates.push(u));
    const held = store.getSnapshot();

    emit('positions.changed', 'd-other', [view(C1, 'disputed', {})], summary(0));
    expect(store.getSnapshot()).toBe(held);

    const disputed = view(C2, 'disputed', { EU: 'disputed' });
    emit('positions.changed', 'd-1', [held.clauses.get(C1)!, disputed], summary(0));
    expect(store.getSnapshot().clauses.get(C2)).toBe(disputed);
    expect(store.getSnapshot().clauses.get(C1)).toBe(held.clauses.get(C1));
    expect(updates).toEqual([{ kind: 'clauses', clauses: [disputed] }]);
    // Sent again unchanged (typing on in a stale clause): nothing to tell anyone.
    const notified = vi.fn();
    store.subscribe(notified);
    emit('positions.changed', 'd-1', [view(C2, 'disputed', { EU: 'disputed' })].map((v) => ({ ...v, parties: disputed.parties })), summary(0));
    expect(notified).not.toHaveBeenCalled();
    expect(updates).toHaveLength(1);
  });

  it('drops events that arrive before the first answer (they are older than it); an unchanged roster sent again redraws nothing', async () => {
    const { api, answer, emit } = fakeApi();
    const store = new PositionsStore(api, 'd-1');
    emit('positions.changed', 'd-1', [view(C1, 'disputed', {})], summary(0));
    emit('roster.changed', roster(null));
    answer.view.resolve(loaded());
    answer.roster.resolve(roster());
    await settle();
    expect(store.getSnapshot().clauses.get(C1)?.state).toBe('agreed');
    expect(store.getSnapshot().roster?.me).not.toBeNull();
    emit('roster.changed', roster(null));
    expect(store.getSnapshot().roster?.me).toBeNull();
    const updates: PositionsUpdate[] = [];
    store.onUpdate((u) => updates.push(u));
    emit('roster.changed', roster(null));
    expect(updates).toEqual([]);
    emit('roster.changed', roster('eu'));
    expect(updates).toEqual([{ kind: 'roster' }]);
  });

  it('keeps a failed load in the snapshot instead of throwing it away', async () => {
    const { api, answer } = fakeApi();
    const store = new PositionsStore(api, 'd-1');
    answer.view.reject(new ChanceryError('DOCUMENT_NOT_FOUND', 'No document d-1 in this negotiation.'));
    answer.roster.resolve(roster());
    await settle();
    expect(store.getSnapshot().loaded).toBe(false);
    expect((store.getSnapshot().error as ChanceryError).code).toBe('DOCUMENT_NOT_FOUND');
  });

  it('asks main to sign the member’s position and passes its refusal on', async () => {
    const { api, raw } = fakeApi();
    const store = new PositionsStore(api, 'd-1');
    await store.setPosition(C1, 'EU', 'disputed', 'Too vague', 'The Parties shall consult.');
    expect(raw.positions.set).toHaveBeenCalledWith('d-1', C1, 'EU', 'disputed', 'Too vague', 'The Parties shall consult.');
    raw.positions.set.mockRejectedValueOnce(new ChanceryError('NOT_AUTHORISED', 'Your key is not enrolled in US.'));
    await expect(store.setPosition(C1, 'US', 'accepted', null, null)).rejects.toThrow('Your key is not enrolled in US.');
  });

  it('stops listening when destroyed', () => {
    const { api, listeners } = fakeApi();
    const store = new PositionsStore(api, 'd-1');
    store.destroy();
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
  });
});
