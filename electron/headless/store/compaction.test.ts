import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkspaceStore } from './workspace-store';
import { catchChanceryError, makeTempDir, removeDir, sideFiles } from './store-test-support';
import { seededRandom } from '../../../shared/testing/seeded-random';
import { WORKSPACE_PAGE_SIZE } from './schema-migrations';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('compaction');
});
afterEach(() => removeDir(dir));

const WORDS = ['The', 'Parties', 'shall', 'refrain', 'from', 'any', 'action', '[inconsistent]', 'with', 'para', '5'];

function textFromStore(store: WorkspaceStore, docId: string): string {
  const doc = new Y.Doc();
  for (const u of store.loadUpdates(docId)) Y.applyUpdate(doc, u);
  return doc.getText('body').toString();
}

function sizeOf(path: string): number {
  // stat, not read: opening a descriptor on a file this process holds would drop its lock.
  return statSync(path).size;
}

/** A doc persisted to `store` that has received 1,000 small edits typed at random places. */
function typeThousandEdits(store: WorkspaceStore, docId: string): Y.Doc {
  const doc = new Y.Doc();
  doc.on('update', (u: Uint8Array) => store.appendUpdate(docId, u));
  const text = doc.getText('body');
  const random = seededRandom(1234);
  for (let i = 0; i < 1000; i++) {
    if (i % 10 === 9 && text.length > 10) text.delete(Math.floor(random() * (text.length - 3)), 2);
    else text.insert(Math.floor(random() * (text.length + 1)), `${WORDS[i % WORDS.length]} `);
  }
  return doc;
}

describe('compaction', () => {
  it('1,000 edits become one snapshot with identical text, and the file shrinks back to a bounded size', () => {
    const empty = join(dir, 'empty.chancery');
    WorkspaceStore.create(empty).close();
    const emptySize = sizeOf(empty);

    const path = join(dir, 'talks.chancery');
    const store = WorkspaceStore.create(path);
    const doc = typeThousandEdits(store, 'framework');
    const other = new Y.Doc();
    other.getText('body').insert(0, 'Annex on verification.');
    store.appendUpdate('annex-1', Y.encodeStateAsUpdate(other));
    const expected = doc.getText('body').toString();
    expect(store.updateCount('framework')).toBe(1000);
    store.checkpoint();
    const uncompacted = sizeOf(path);

    store.replaceWithSnapshot('framework', Y.encodeStateAsUpdate(doc));
    expect(store.updateCount('framework')).toBe(1);
    expect(textFromStore(store, 'framework')).toBe(expected);
    expect(textFromStore(store, 'annex-1')).toBe('Annex on verification.'); // other docs untouched
    store.checkpoint();
    expect(sideFiles(path).filter((f) => sizeOf(f) > 0)).toEqual([]); // WAL folded in and truncated
    const compacted = sizeOf(path);
    store.close();

    // Bounded: the file holds the snapshot plus at most two pages beyond an empty workspace, so
    // pages freed by compaction went back to the disk (it would otherwise stay at `uncompacted`).
    // (The snapshot's own size relative to the text is Yjs's business, not the store's.)
    const snapshotBytes = Y.encodeStateAsUpdate(doc).byteLength;
    expect(compacted).toBeLessThan(uncompacted);
    expect(compacted - emptySize).toBeLessThanOrEqual(snapshotBytes + 2 * WORKSPACE_PAGE_SIZE);
    expect(sizeOf(path)).toBeLessThanOrEqual(compacted);

    const reopened = WorkspaceStore.open(path);
    expect(textFromStore(reopened, 'framework')).toBe(expected);
    expect(reopened.updateCount('framework')).toBe(1);
    reopened.close();
  });

  it('refuses a snapshot that lacks saved edits, and changes nothing', () => {
    const path = join(dir, 'stale.chancery');
    const store = WorkspaceStore.create(path);
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => store.appendUpdate('framework', u));
    doc.getText('body').insert(0, 'Article 1. ');
    const stale = Y.encodeStateAsUpdate(doc); // taken before the next edit was saved
    doc.getText('body').insert(11, 'The ceasefire takes effect at once.');
    const expected = doc.getText('body').toString();

    for (const snapshot of [stale, Y.encodeStateAsUpdate(new Y.Doc())]) {
      const err = catchChanceryError(() => store.replaceWithSnapshot('framework', snapshot), 'INVALID_ARGUMENT');
      expect(err.message).toMatch(/lacks edits that are already saved.*Nothing was changed/s);
    }
    const garbage = new Uint8Array([0xff, 0xff, 0xff]);
    catchChanceryError(() => store.replaceWithSnapshot('framework', garbage), 'INVALID_ARGUMENT');
    expect(store.updateCount('framework')).toBe(2);
    expect(textFromStore(store, 'framework')).toBe(expected);

    // What the session does after a failed write: current state merged with the pending update.
    const pending = new Y.Doc();
    Y.applyUpdate(pending, Y.encodeStateAsUpdate(doc));
    let extra: Uint8Array | undefined;
    pending.on('update', (u: Uint8Array) => (extra = u));
    pending.getText('body').insert(0, '[');
    store.replaceWithSnapshot('framework', Y.mergeUpdates([Y.encodeStateAsUpdate(doc), extra!]));
    expect(textFromStore(store, 'framework')).toBe(`[${expected}`);
    store.close();
  });
});
