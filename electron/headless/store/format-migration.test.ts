import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORMAT_VERSION } from './schema-migrations';
import { makeTempDir, removeDir, writeFormat1 } from './store-test-support';
import { WorkspaceStore } from './workspace-store';

let dir: string;
beforeEach(() => {
  dir = makeTempDir('format');
});
afterEach(() => removeDir(dir));

describe('workspace format 1 (no row checksums)', () => {
  it('reads read-only without changing it, and gains checksums when opened for editing', () => {
    const path = join(dir, 'old.chancery');
    const rows = [new Uint8Array([0, 0]), new Uint8Array([1, 2, 3])];
    writeFormat1(path, rows.map((data) => ({ docId: 'framework', data })));

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
