import { afterEach, describe, expect, it } from 'vitest';
import { DroppedEdit, GroupCommit } from './group-commit';
import { RelayStore } from './relay-store';
import { removeDir, tempDir } from './relay-test-support';

/**
 * Group commit on real relay files: what an edit's promise says is what a restarted relay reads.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function openStores(...workspaceIds: string[]): { dir: string; stores: RelayStore[] } {
  const dir = tempDir('group-commit');
  dirs.push(dir);
  return { dir, stores: workspaceIds.map((id) => RelayStore.open(dir, id, true)) };
}

const bytes = (...xs: number[]) => new Uint8Array(xs);
const rowsOf = (dir: string, workspaceId: string, doc: string) => {
  const store = RelayStore.open(dir, workspaceId, false);
  try {
    return store.updates(doc).map((u) => [...u]);
  } finally {
    store.close();
  }
};

describe('group commit', () => {
  it('stores every edit of one turn, across workspaces, in the order they were queued, before any promise resolves', async () => {
    const { dir, stores } = openStores('ws-a', 'ws-b');
    const [a, b] = stores as [RelayStore, RelayStore];
    const commits = new GroupCommit();
    const heard: string[] = [];
    const queued = [
      commits.add(a, 'alpha', bytes(1)).then(() => heard.push('a1')),
      commits.add(b, 'alpha', bytes(2)).then(() => heard.push('b1')),
      commits.add(a, 'alpha', bytes(3)).then(() => heard.push('a2')),
      commits.add(a, 'manifest', bytes(4)).then(() => heard.push('a3')),
    ];
    expect(commits.pending).toBe(4);
    expect(a.rowCount('alpha')).toBe(0); // nothing is stored until the turn's flush
    await Promise.all(queued);
    expect(heard.filter((h) => h.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    a.close();
    b.close();
    expect(rowsOf(dir, 'ws-a', 'alpha')).toEqual([[1], [3]]);
    expect(rowsOf(dir, 'ws-a', 'manifest')).toEqual([[4]]);
    expect(rowsOf(dir, 'ws-b', 'alpha')).toEqual([[2]]);
  });

  it('a failed commit refuses every edit of that file and stores none; other files are unaffected', async () => {
    const { dir, stores } = openStores('ws-a', 'ws-b');
    const [a, b] = stores as [RelayStore, RelayStore];
    const commits = new GroupCommit();
    const first = commits.add(a, 'alpha', bytes(1));
    const second = commits.add(a, 'beta', bytes(2));
    const other = commits.add(b, 'alpha', bytes(3));
    a.close(); // the file can no longer be written when the batch is committed
    await expect(first).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    await expect(second).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    await expect(other).resolves.toBeUndefined();
    b.close();
    expect(rowsOf(dir, 'ws-a', 'alpha')).toEqual([]);
    expect(rowsOf(dir, 'ws-a', 'beta')).toEqual([]);
    expect(rowsOf(dir, 'ws-b', 'alpha')).toEqual([[3]]);
  });

  it('leaves out the edit of a connection that closed before the flush', async () => {
    const { dir, stores } = openStores('ws-a');
    const [a] = stores as [RelayStore];
    const commits = new GroupCommit();
    let closed = false;
    const gone = commits.add(a, 'alpha', bytes(1), () => closed);
    const kept = commits.add(a, 'alpha', bytes(2));
    closed = true;
    await expect(gone).rejects.toBeInstanceOf(DroppedEdit);
    await expect(kept).resolves.toBeUndefined();
    a.close();
    expect(rowsOf(dir, 'ws-a', 'alpha')).toEqual([[2]]);
  });

  it('flush() stores what is queued at once (the relay is stopping)', async () => {
    const { dir, stores } = openStores('ws-a');
    const [a] = stores as [RelayStore];
    const commits = new GroupCommit();
    const queued = commits.add(a, 'alpha', bytes(7));
    commits.flush();
    expect(commits.pending).toBe(0);
    a.close();
    await expect(queued).resolves.toBeUndefined();
    expect(rowsOf(dir, 'ws-a', 'alpha')).toEqual([[7]]);
  });
});
