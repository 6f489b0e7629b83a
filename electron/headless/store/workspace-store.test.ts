import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkspaceStore } from './workspace-store';
import { setMaxPageCountForTesting } from './test-hooks';
import { catchChanceryError, listDir, makeTempDir, removeDir, sha256, sideFiles } from './store-test-support';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('store');
});
afterEach(() => removeDir(dir));

/** A Y.Doc whose every change is appended to `store`, as the main-process session does. */
function persistedDoc(store: WorkspaceStore, docId: string): Y.Doc {
  const doc = new Y.Doc();
  doc.on('update', (u: Uint8Array) => store.appendUpdate(docId, u));
  return doc;
}

/** What a user would see: the text of `docId` rebuilt from the file alone. */
function textFromStore(store: WorkspaceStore, docId: string): string {
  const doc = new Y.Doc();
  for (const u of store.loadUpdates(docId)) Y.applyUpdate(doc, u);
  return doc.getText('body').toString();
}

describe('round trip', () => {
  it('reopening the file gives back exactly the text that was typed, per document', () => {
    const path = join(dir, 'talks.chancery');
    const store = WorkspaceStore.create(path, { workspaceId: 'berlin-round' });
    const framework = persistedDoc(store, 'framework');
    const annex = persistedDoc(store, 'annex-1');
    framework.getText('body').insert(0, 'The Parties agree [to a ceasefire].');
    annex.getText('body').insert(0, 'Monitoring shall begin within 30 days.');
    framework.getText('body').delete(19, 1); // drop the opening bracket
    framework.getText('body').insert(0, '1. ');
    const expectedFramework = framework.getText('body').toString();
    expect(store.updateCount('framework')).toBe(3);
    store.close();

    const reopened = WorkspaceStore.open(path);
    expect(textFromStore(reopened, 'framework')).toBe(expectedFramework);
    expect(textFromStore(reopened, 'annex-1')).toBe('Monitoring shall begin within 30 days.');
    expect(reopened.docIds()).toEqual(['annex-1', 'framework']);
    expect(reopened.updateCount('framework')).toBe(3);
    expect(reopened.meta.workspaceId).toBe('berlin-round');
    expect(reopened.meta.formatVersion).toBe(2);
    expect(new Date(reopened.meta.createdAt).toISOString()).toBe(reopened.meta.createdAt);
    expect(reopened.readOnly).toBe(false);
    reopened.close();
  });

  it('loads updates in the order they were appended, as plain Uint8Arrays', () => {
    const path = join(dir, 'order.chancery');
    const store = WorkspaceStore.create(path);
    const payloads = [new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4, 5, 6])];
    for (const p of payloads) store.appendUpdate('doc-a', p);
    const loaded = store.loadUpdates('doc-a');
    expect(loaded.map((u) => [...u])).toEqual(payloads.map((u) => [...u]));
    // Buffers would carry Node specifics over IPC; callers get the standard type.
    expect(loaded.every((u) => Object.getPrototypeOf(u) === Uint8Array.prototype)).toBe(true);
    expect(store.loadUpdates('never-written')).toEqual([]);
    store.close();
  });

  it('after close the .chancery file alone holds everything: a copy of just that file opens with all text', () => {
    const path = join(dir, 'original.chancery');
    const store = WorkspaceStore.create(path);
    persistedDoc(store, 'framework').getText('body').insert(0, 'Nothing is agreed until everything is agreed.');
    store.close();
    expect(sideFiles(path)).toEqual([]);
    expect(listDir(dir)).toEqual(['original.chancery']);

    const usb = join(dir, 'usb');
    mkdirSync(usb);
    copyFileSync(path, join(usb, 'copy.chancery'));
    const copy = WorkspaceStore.openReadOnly(join(usb, 'copy.chancery'));
    expect(textFromStore(copy, 'framework')).toBe('Nothing is agreed until everything is agreed.');
    copy.close();
  });

  it('a read-only open sees the same content, changes no byte and leaves nothing beside the file', () => {
    const path = join(dir, 'ro.chancery');
    const store = WorkspaceStore.create(path);
    persistedDoc(store, 'framework').getText('body').insert(0, 'Ad referendum.');
    store.setSetting('last-opened-doc', 'framework');
    store.close();
    const before = sha256(path);

    const ro = WorkspaceStore.openReadOnly(path);
    expect(ro.readOnly).toBe(true);
    expect(textFromStore(ro, 'framework')).toBe('Ad referendum.');
    expect(ro.getSetting('last-opened-doc')).toBe('framework');
    expect(sideFiles(path)).toEqual([]);
    ro.close();
    expect(sha256(path)).toBe(before);
    expect(listDir(dir)).toEqual(['ro.chancery']);
  });
});

describe('create', () => {
  it('refuses an existing file of any kind and leaves it byte-identical', () => {
    const notes = join(dir, 'notes.chancery');
    writeFileSync(notes, 'my private notes, not a workspace');
    const before = sha256(notes);
    const err = catchChanceryError(() => WorkspaceStore.create(notes), 'WORKSPACE_EXISTS');
    expect(err.message).toContain(notes);
    expect(err.message).toMatch(/never overwrites/);
    expect(sha256(notes)).toBe(before);

    const existing = join(dir, 'existing.chancery');
    WorkspaceStore.create(existing, { workspaceId: 'first' }).close();
    const beforeWs = sha256(existing);
    catchChanceryError(() => WorkspaceStore.create(existing, { workspaceId: 'second' }), 'WORKSPACE_EXISTS');
    expect(sha256(existing)).toBe(beforeWs);
    const reopened = WorkspaceStore.openReadOnly(existing);
    expect(reopened.meta.workspaceId).toBe('first');
    reopened.close();

    // A dangling symlink is "something there" too: creating through it would write elsewhere.
    symlinkSync(join(dir, 'nowhere'), join(dir, 'link.chancery'));
    catchChanceryError(() => WorkspaceStore.create(join(dir, 'link.chancery')), 'WORKSPACE_EXISTS');
    // No temp files left behind by any refusal.
    expect(listDir(dir)).toEqual(['existing.chancery', 'link.chancery', 'notes.chancery']);
  });

  it('refuses a folder that does not exist, and a bad workspace id, creating nothing', () => {
    const err = catchChanceryError(() => WorkspaceStore.create(join(dir, 'missing', 'x.chancery')), 'INVALID_ARGUMENT');
    expect(err.message).toContain(join(dir, 'missing'));
    const badId = () => WorkspaceStore.create(join(dir, 'x.chancery'), { workspaceId: 'no spaces' });
    catchChanceryError(badId, 'INVALID_ARGUMENT');
    expect(listDir(dir)).toEqual([]);
  });

  it('leaves only the new file in the folder (the temp file is gone)', () => {
    WorkspaceStore.create(join(dir, 'new.chancery')).close();
    expect(listDir(dir)).toEqual(['new.chancery']);
  });
});

describe('arguments and states', () => {
  it('rejects bad document ids and empty updates with INVALID_ARGUMENT, storing nothing', () => {
    const store = WorkspaceStore.create(join(dir, 'args.chancery'));
    for (const bad of ['', 'a/b', '../annex', 'x'.repeat(65), 'annex 1', 'ännex']) {
      const err = catchChanceryError(() => store.appendUpdate(bad, new Uint8Array([0, 0])), 'INVALID_ARGUMENT');
      expect(err.message).toContain('letters, digits');
    }
    catchChanceryError(() => store.appendUpdate('ok-id', new Uint8Array()), 'INVALID_ARGUMENT');
    catchChanceryError(() => store.appendUpdate('ok-id', 'text' as unknown as Uint8Array), 'INVALID_ARGUMENT');
    catchChanceryError(() => store.loadUpdates('a/b'), 'INVALID_ARGUMENT');
    expect(store.docIds()).toEqual([]);
    store.appendUpdate('x'.repeat(64), new Uint8Array([0, 0]));
    expect(store.docIds()).toEqual(['x'.repeat(64)]);
    store.close();
  });

  it('keeps local settings across reopen; an unknown setting is undefined', () => {
    const path = join(dir, 'settings.chancery');
    const store = WorkspaceStore.create(path);
    expect(store.getSetting('zoom')).toBeUndefined();
    store.setSetting('zoom', '1.25');
    store.setSetting('zoom', '1.5');
    catchChanceryError(() => store.setSetting('', 'x'), 'INVALID_ARGUMENT');
    catchChanceryError(() => store.setSetting('zoom', 2 as unknown as string), 'INVALID_ARGUMENT');
    store.close();
    const reopened = WorkspaceStore.open(path);
    expect(reopened.getSetting('zoom')).toBe('1.5');
    reopened.close();
  });

  it('deleteDoc removes a document and nothing else', () => {
    const store = WorkspaceStore.create(join(dir, 'del.chancery'));
    persistedDoc(store, 'keep').getText('body').insert(0, 'kept');
    persistedDoc(store, 'drop').getText('body').insert(0, 'dropped');
    store.deleteDoc('drop');
    expect(store.docIds()).toEqual(['keep']);
    expect(store.loadUpdates('drop')).toEqual([]);
    expect(textFromStore(store, 'keep')).toBe('kept');
    store.close();
  });

  it('a read-only store refuses every write and the file is unchanged', () => {
    const path = join(dir, 'readonly.chancery');
    const store = WorkspaceStore.create(path);
    store.appendUpdate('doc-a', new Uint8Array([0, 0]));
    store.close();
    const before = sha256(path);
    const ro = WorkspaceStore.openReadOnly(path);
    const writes: (() => void)[] = [
      () => ro.appendUpdate('doc-a', new Uint8Array([0, 0])),
      () => ro.replaceWithSnapshot('doc-a', new Uint8Array([0, 0])),
      () => ro.deleteDoc('doc-a'),
      () => ro.setSetting('k', 'v'),
      () => ro.checkpoint(),
    ];
    for (const write of writes) expect(catchChanceryError(write, 'INVALID_ARGUMENT').message).toMatch(/read-only/);
    expect(ro.updateCount('doc-a')).toBe(1);
    ro.close();
    expect(sha256(path)).toBe(before);
  });

  it('a closed store says so (WORKSPACE_NOT_OPEN) and closing twice is harmless', () => {
    const store = WorkspaceStore.create(join(dir, 'closed.chancery'));
    store.close();
    store.close();
    const err = catchChanceryError(() => store.loadUpdates('doc-a'), 'WORKSPACE_NOT_OPEN');
    expect(err.message).toContain('closed.chancery');
    catchChanceryError(() => store.appendUpdate('doc-a', new Uint8Array([0, 0])), 'WORKSPACE_NOT_OPEN');
  });
});

describe('disk full', () => {
  it('reports DISK_FULL, stores nothing partial, and the same append succeeds once there is room', () => {
    const path = join(dir, 'full.chancery');
    const store = WorkspaceStore.create(path);
    const doc = new Y.Doc();
    const text = doc.getText('body');
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    text.insert(0, 'Preamble. ');
    store.appendUpdate('framework', updates[0]!);

    const limit = setMaxPageCountForTesting(store, 'current');
    // An edit large enough to need new pages (a pasted annex).
    text.insert(text.length, 'Annex text. '.repeat(2000));
    const big = updates[1]!;
    const err = catchChanceryError(() => store.appendUpdate('framework', big), 'DISK_FULL');
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/disk .*is full/);
    expect(err.message).toMatch(/unsaved edits are kept in the window and will be retried/);
    expect(store.updateCount('framework')).toBe(1);
    expect(textFromStore(store, 'framework')).toBe('Preamble. ');

    // Compaction with a full disk fails the same way and keeps the old rows.
    catchChanceryError(() => store.replaceWithSnapshot('framework', Y.encodeStateAsUpdate(doc)), 'DISK_FULL');
    expect(store.updateCount('framework')).toBe(1);

    setMaxPageCountForTesting(store, limit + 10_000);
    store.appendUpdate('framework', big);
    expect(textFromStore(store, 'framework')).toBe(text.toString());
    store.close();
    const reopened = WorkspaceStore.open(path);
    expect(textFromStore(reopened, 'framework')).toBe(text.toString());
    expect(reopened.updateCount('framework')).toBe(2);
    reopened.close();
  });
});
