import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceStore } from './workspace-store';
import {
  catchChanceryError,
  listDir,
  makeTempDir,
  PROJECT_ROOT,
  removeDir,
  sha256,
  sideFiles,
} from './store-test-support';

/**
 * The two states a crash can leave a workspace in, produced deterministically by a child process
 * that writes with raw SQLite and SIGKILLs itself mid-way:
 * - crashed while open for editing (WAL mode): committed edits sit in the leftover -wal file;
 * - crashed inside a rollback-journal write (the moments when open/close switch journal mode):
 *   a "hot" -journal that must be rolled back before the file can be read.
 * The kill -9 test hits these at random; here each is checked on purpose.
 */

let dir: string;
let path: string;
beforeEach(() => {
  dir = makeTempDir('crash');
  path = join(dir, 'talks.chancery');
});
afterEach(() => removeDir(dir));

/** Runs `body` in a child with `db` open on the workspace, then SIGKILLs the child. */
function crashWhile(body: string): void {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(path)});
    ${body}
    process.kill(process.pid, 'SIGKILL');
  `;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(result.signal, result.stderr).toBe('SIGKILL');
}

function seedWorkspace(updates: number): void {
  const store = WorkspaceStore.create(path, { workspaceId: 'crash-test' });
  for (let i = 0; i < updates; i++) store.appendUpdate('framework', new Uint8Array([i % 256, 1, 2, 3]));
  store.close();
}

describe('after a crash', () => {
  it('while open for editing: a reader sees every committed edit untouched; a writer folds them in', () => {
    seedWorkspace(3);
    crashWhile(`
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      const add = db.prepare("INSERT INTO updates (doc_id, data, digest) VALUES ('framework', ?, x'00')");
      for (let i = 0; i < 50; i++) add.run(Buffer.from([i, 9, 9]));
    `);
    expect(sideFiles(path)).toEqual([`${path}-wal`]);
    const mainBefore = sha256(path);
    const walBefore = sha256(`${path}-wal`);

    const reader = WorkspaceStore.openReadOnly(path);
    expect(reader.updateCount('framework')).toBe(53);
    reader.close();
    expect(sha256(path)).toBe(mainBefore);
    expect(sha256(`${path}-wal`)).toBe(walBefore);

    const writer = WorkspaceStore.open(path);
    expect(writer.updateCount('framework')).toBe(53);
    writer.close();
    // Back to one self-contained file: WAL folded in, and the -shm the reader created is gone.
    expect(listDir(dir)).toEqual(['talks.chancery']);
    const again = WorkspaceStore.openReadOnly(path);
    expect(again.updateCount('framework')).toBe(53);
    again.close();
  });

  it('inside a journal write: read-only open refuses without writing and says how to repair; open() repairs', () => {
    seedWorkspace(20);
    crashWhile(`
      db.pragma('cache_size = 1'); // spill changed pages into the file before commit
      db.exec('BEGIN');
      db.exec("DELETE FROM updates");
      const add = db.prepare("INSERT INTO updates (doc_id, data, digest) VALUES ('other', ?, x'00')");
      for (let i = 0; i < 200; i++) add.run(Buffer.alloc(2000, i));
    `);
    expect(sideFiles(path)).toEqual([`${path}-journal`]);
    const mainBefore = sha256(path);
    const journalBefore = sha256(`${path}-journal`);

    const err = catchChanceryError(() => WorkspaceStore.openReadOnly(path), 'STORAGE_FAILED');
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/left in the middle of a save.*Open the workspace for editing once/s);
    expect(sha256(path)).toBe(mainBefore);
    expect(sha256(`${path}-journal`)).toBe(journalBefore);

    const writer = WorkspaceStore.open(path); // rolls the interrupted transaction back
    expect(writer.updateCount('framework')).toBe(20);
    expect(writer.docIds()).toEqual(['framework']);
    writer.close();
    expect(listDir(dir)).toEqual(['talks.chancery']);
    const reader = WorkspaceStore.openReadOnly(path);
    expect(reader.meta.workspaceId).toBe('crash-test');
    reader.close();
  });
});
