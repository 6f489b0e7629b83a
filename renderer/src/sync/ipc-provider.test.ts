import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import type { SyncEvents } from '../../../shared/ipc/contract';
import type { EventName, EventPayload } from '../../../shared/ipc/derived';
import { AFTER_NEXT_FRAME, IpcProvider, type ProviderApi } from './ipc-provider';
import type { SaveStatus } from './save-status';

/** A stand-in for main: holds the durable copy of each doc and can be told to fail pushes. */
class FakeMain implements ProviderApi {
  readonly stored = new Map<string, Y.Doc>();
  readonly pushes: { docId: string; update: Uint8Array }[] = [];
  readonly closed: string[] = [];
  /** Opens and closes in the order main received them ("open a", "close a"). */
  readonly calls: string[] = [];
  /** Errors the next pushes reject with, in order. */
  failures: Error[] = [];
  private listeners = new Set<(...payload: SyncEvents['docUpdate']) => void>();

  constructor(seed: Record<string, (doc: Y.Doc) => void>) {
    for (const [docId, fill] of Object.entries(seed)) {
      const doc = new Y.Doc();
      fill(doc);
      this.stored.set(docId, doc);
    }
  }

  readonly sync: ProviderApi['sync'] = {
    openDoc: async (docId: string): Promise<Uint8Array> => {
      this.calls.push(`open ${docId}`);
      const doc = this.stored.get(docId);
      if (!doc) throw new ChanceryError('DOCUMENT_NOT_FOUND', `No document with id "${docId}".`);
      return Y.encodeStateAsUpdate(doc);
    },
    pushUpdate: async (docId: string, update: Uint8Array): Promise<null> => {
      await Promise.resolve();
      const failure = this.failures.shift();
      if (failure) throw failure;
      this.pushes.push({ docId, update });
      Y.applyUpdate(this.stored.get(docId)!, update);
      return null;
    },
    closeDoc: async (docId: string): Promise<null> => {
      this.calls.push(`close ${docId}`);
      this.closed.push(docId);
      return null;
    },
  };

  on = (<E extends EventName>(event: E, listener: (...payload: EventPayload<E>) => void) => {
    if (event !== 'sync.docUpdate') return () => {};
    const l = listener as unknown as (...payload: SyncEvents['docUpdate']) => void;
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }) as ProviderApi['on'];

  /** Another replica edited `docId`: main stores it and broadcasts. */
  remoteEdit(docId: string, edit: (doc: Y.Doc) => void): void {
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(this.stored.get(docId)!));
    const before = Y.encodeStateVector(other);
    edit(other);
    const update = Y.encodeStateAsUpdate(other, before);
    Y.applyUpdate(this.stored.get(docId)!, update);
    for (const l of [...this.listeners]) l(docId, update);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

const text = (doc: Y.Doc) => doc.getText('t').toString();
const until = async (cond: () => boolean, ms = 1000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 1));
  }
};

function seeded() {
  return new FakeMain({ a: (d) => d.getText('t').insert(0, 'hello'), b: () => {} });
}

describe('IpcProvider', () => {
  it('opens with main’s state without pushing it back', async () => {
    const main = seeded();
    const p = await IpcProvider.open(main, 'a');
    expect(text(p.doc)).toBe('hello');
    expect(main.pushes).toHaveLength(0);
    expect(p.status.state).toBe('saved');
  });

  it('pushes local updates and applies remote ones without echoing them', async () => {
    const main = seeded();
    const p = await IpcProvider.open(main, 'a');
    p.doc.getText('t').insert(5, ' world');
    await p.whenSaved();
    expect(main.pushes).toHaveLength(1);
    expect(text(main.stored.get('a')!)).toBe('hello world');

    main.remoteEdit('a', (d) => d.getText('t').insert(0, '> '));
    expect(text(p.doc)).toBe('> hello world');
    main.remoteEdit('b', (d) => d.getText('t').insert(0, 'elsewhere'));
    expect(text(p.doc)).toBe('> hello world');
    await new Promise((r) => setTimeout(r, 5));
    expect(main.pushes).toHaveLength(1);
  });

  it('reports saving, then saved', async () => {
    const main = seeded();
    const p = await IpcProvider.open(main, 'a');
    const seen: SaveStatus['state'][] = [];
    p.onStatus((s) => seen.push(s.state));
    p.doc.getText('t').insert(0, 'x');
    expect(p.status.state).toBe('saving');
    await p.whenSaved();
    expect(seen).toEqual(['saving', 'saved']);
  });

  it('sends edits made in one task as one push, from a task of its own', async () => {
    const main = seeded();
    const p = await IpcProvider.open(main, 'a');
    for (const ch of 'abc') p.doc.getText('t').insert(0, ch);
    // Not pushed from inside the edits' transaction, but already saving.
    expect(main.pushes).toHaveLength(0);
    expect(p.status.state).toBe('saving');
    await p.whenSaved();
    expect(main.pushes).toHaveLength(1);
    expect(text(main.stored.get('a')!)).toBe('cbahello');
  });

  it('merges edits made while a push is in flight', async () => {
    const main = seeded();
    const sends: (() => void)[] = [];
    const p = await IpcProvider.open(main, 'a', { schedulePush: (send) => sends.push(send) });
    p.doc.getText('t').insert(0, 'a');
    sends.shift()!(); // the push of "a" is now in flight
    for (const ch of 'bc') p.doc.getText('t').insert(0, ch);
    sends.shift()!(); // finds a push in flight: "b" and "c" wait for it
    await until(() => main.pushes.length === 2);
    await p.whenSaved();
    expect(main.pushes).toHaveLength(2);
    expect(text(main.stored.get('a')!)).toBe('cbahello');
    expect(p.status.state).toBe('saved');
  });

  it('keeps a failed update, shows the reason and retries until it is durable', async () => {
    const main = seeded();
    const p = await IpcProvider.open(main, 'a', { retryDelaysMs: [5, 10] });
    const seen: SaveStatus[] = [];
    p.onStatus((s) => seen.push(s));
    const full = new ChanceryError('DISK_FULL', 'The disk is full. Free some space; Chancery keeps retrying.');
    main.failures = [full, full];

    p.doc.getText('t').insert(5, '!');
    await until(() => p.status.state === 'error');
    expect(p.status.message).toBe(full.message);
    p.doc.getText('t').insert(0, '¡'); // typed while the disk is full: must not be lost either
    expect(p.hasUnsavedChanges).toBe(true);

    await p.whenSaved();
    expect(p.status.state).toBe('saved');
    expect(text(main.stored.get('a')!)).toBe('¡hello!');
    expect(seen.map((s) => s.state)).toEqual(['saving', 'error', 'saved']);
  });

  it('retries immediately on request', async () => {
    const main = seeded();
    const p = await IpcProvider.open(main, 'a', { retryDelaysMs: [60_000] });
    main.failures = [new ChanceryError('STORAGE_FAILED', 'Could not write.')];
    p.doc.getText('t').insert(0, 'x');
    await until(() => p.status.state === 'error');
    p.retryNow();
    await p.whenSaved();
    expect(text(main.stored.get('a')!)).toBe('xhello');
  });

  it('saves pending edits before closing, then stops listening', async () => {
    const main = seeded();
    const p = await IpcProvider.open(main, 'a', { retryDelaysMs: [5] });
    main.failures = [new ChanceryError('DISK_FULL', 'Disk full.')];
    p.doc.getText('t').insert(0, 'last words: ');
    await p.destroy();
    expect(text(main.stored.get('a')!)).toBe('last words: hello');
    expect(main.closed).toEqual(['a']);
    expect(main.listenerCount).toBe(0);
  });

  it('tells main it closed at once, so a replica of the same document opened right after keeps getting edits', async () => {
    // The window switched to a workspace with the same document ids, or the tab was reopened.
    const main = seeded();
    const old = await IpcProvider.open(main, 'a');
    old.doc.getText('t').insert(0, 'last words: ');
    const closing = old.destroy();
    const next = await IpcProvider.open(main, 'a');
    expect(main.calls).toEqual(['open a', 'close a', 'open a']);
    await closing;
    expect(text(main.stored.get('a')!)).toBe('last words: hello');
    main.remoteEdit('a', (d) => d.getText('t').insert(d.getText('t').length, '!'));
    expect(text(next.doc)).toMatch(/hello!$/u);
  });

  it('rejects when main cannot open the document, leaving no listener behind', async () => {
    const main = seeded();
    await expect(IpcProvider.open(main, 'missing')).rejects.toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
    expect(main.listenerCount).toBe(0);
  });

  it('gives up on a closed provider whose document main no longer has', async () => {
    const main = seeded();
    const p = await IpcProvider.open(main, 'a', { retryDelaysMs: [5] });
    main.failures = [new ChanceryError('DOCUMENT_NOT_FOUND', 'Deleted.'), new ChanceryError('DOCUMENT_NOT_FOUND', 'Deleted.')];
    p.doc.getText('t').insert(0, 'x');
    await p.destroy();
    expect(main.closed).toEqual(['a']);
  });
});

describe('AFTER_NEXT_FRAME', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('stops at an update main refuses for good, says why, and lets the owner reopen the document', async () => {
    const main = seeded();
    const p = await IpcProvider.open(main, 'a', { retryDelaysMs: [5] });
    const refused: Error[] = [];
    p.onRefused((err) => refused.push(err));
    const invalid = new ChanceryError('INVALID_UPDATE', 'An edit to document “A” was refused: it is not valid. Nothing of it was saved.');
    main.failures = [invalid];

    p.doc.getText('t').insert(0, 'bad ');
    await until(() => refused.length === 1);
    expect(refused[0]).toBe(invalid);
    expect(p.status).toEqual({ state: 'error', message: invalid.message });
    expect(p.wasRefused).toBe(true);
    // No retry loop against a refusal, and nothing more is pushed from this replica.
    p.doc.getText('t').insert(0, 'more ');
    await new Promise((r) => setTimeout(r, 30));
    expect(main.pushes).toHaveLength(0);
    await p.whenSaved(); // does not hang a closing window

    const reopened = await IpcProvider.open(main, 'a');
    expect(text(reopened.doc)).toBe('hello');
    expect(reopened.status.state).toBe('saved');
  });

  it('sends in a task after the next frame', () => {
    vi.useFakeTimers();
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    const send = vi.fn();
    AFTER_NEXT_FRAME(send);
    vi.advanceTimersByTime(10);
    expect(send).not.toHaveBeenCalled(); // no frame yet
    frames.shift()!();
    expect(send).not.toHaveBeenCalled(); // not inside the frame either
    vi.advanceTimersByTime(0);
    expect(send).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('does not wait for a frame that never comes (a hidden window)', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0);
    const send = vi.fn();
    AFTER_NEXT_FRAME(send);
    vi.advanceTimersByTime(99);
    expect(send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
