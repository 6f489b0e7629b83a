import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANCERY_APPLICATION_ID, FORMAT_VERSION } from './schema-migrations';
import { makeTempDir, removeDir } from './store-test-support';
import { WorkspaceStore } from './workspace-store';

/** Writes a workspace in format 1 (before row checksums), as Chancery 0.1 did. */
function writeFormat1(path: string, rows: Uint8Array[]): void {
  const db = new Database(path);
  db.pragma('page_size = 1024');
  db.exec(`
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE updates (seq INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, data BLOB NOT NULL);
    CREATE INDEX updates_by_doc ON updates (doc_id);
    CREATE TABLE versions (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL, data BLOB NOT NULL);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    INSERT INTO meta VALUES ('workspace_id', 'old-one'), ('created_at', '2026-11-01T00:00:00Z');
  `);
  const add = db.prepare("INSERT INTO updates (doc_id, data) VALUES ('framework', ?)");
  for (const r of rows) add.run(Buffer.from(r));
  db.pragma(`application_id = ${CHANCERY_APPLICATION_ID}`);
  db.pragma('user_version = 1');
  db.close();
}

let dir: string;
beforeEach(() => {
  dir = makeTempDir('format');
});
afterEach(() => removeDir(dir));

describe('workspace format 1 (no row checksums)', () => {
  it('reads read-only without changing it, and gains checksums when opened for editing', () => {
    const path = join(dir, 'old.chancery');
    const rows = [new Uint8Array([0, 0]), new Uint8Array([1, 2, 3])];
    writeFormat1(path, rows);

    const reader = WorkspaceStore.openReadOnly(path);
    expect(reader.meta.formatVersion).toBe(1);
    expect(reader.loadUpdates('framework')).toEqual(rows);
    reader.close();

    const writer = WorkspaceStore.open(path);
    expect(writer.meta.formatVersion).toBe(FORMAT_VERSION);
    expect(writer.loadUpdates('framework')).toEqual(rows);
    writer.appendUpdate('framework', new Uint8Array([4, 5]));
    writer.close();

    const db = new Database(path, { readonly: true });
    const digests = db.prepare('SELECT length(digest) FROM updates').pluck().all();
    db.close();
    expect(digests).toEqual([32, 32, 32]);
  });
});
