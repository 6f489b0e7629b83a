import Database from 'better-sqlite3';
import { unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { ChanceryError } from '../../../shared/errors';
import { migrateToCurrent, type MigrationHooks, type WorkspaceFileMeta } from './schema-migrations';
import { classifySqliteCode, errorCodeOf, toStoreError } from './sqlite-errors';
import { inspectWorkspace, LOCK_WAIT_MS } from './workspace-validation';

/**
 * The writable connection's life: how it is opened (lock first, then WAL), how the WAL is folded
 * back into the single file, and how it is closed (back to rollback mode, so the file at rest is
 * one self-contained file that read-only openers can read without creating side files).
 */

/**
 * Opens read-write, takes the exclusive lock, re-checks the file through this connection (it sees
 * what a crash left in the WAL) and only then switches to WAL. `BEGIN EXCLUSIVE` in exclusive
 * locking mode takes the lock at once and keeps it after COMMIT; it also rolls back a journal left
 * by a crash, which is why `deep` re-runs the full check when the read-only probe could not.
 */
export function openWriter(
  path: string,
  deep: boolean,
  hooks: MigrationHooks = {},
): { db: Database.Database; meta: WorkspaceFileMeta } {
  const ctx = { path, action: 'open the workspace for editing' };
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true, timeout: LOCK_WAIT_MS });
  } catch (err) {
    throw toStoreError(err, ctx);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('trusted_schema = OFF');
    db.exec('BEGIN EXCLUSIVE');
    let meta: WorkspaceFileMeta;
    try {
      meta = inspectWorkspace(db, path, deep);
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
    if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') {
      throw new Error('SQLite refused to switch the file to WAL mode');
    }
    db.pragma('synchronous = FULL');
    // On macOS plain fsync does not flush the drive's cache; F_FULLFSYNC does. No-op elsewhere.
    db.pragma('fullfsync = ON');
    db.pragma('checkpoint_fullfsync = ON');
    const formatVersion = migrateToCurrent(db, meta.formatVersion, path, hooks);
    return { db, meta: formatVersion === meta.formatVersion ? meta : Object.freeze({ ...meta, formatVersion }) };
  } catch (err) {
    db.close();
    throw toStoreError(err, ctx);
  }
}

/** Returns freed pages to the disk and folds the WAL into the main file, truncating it. */
export function foldWal(db: Database.Database, path: string): void {
  db.pragma('incremental_vacuum');
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (result && result.busy !== 0) {
    throw new ChanceryError(
      'STORAGE_FAILED',
      `Chancery could not save "${path}" into a single file: another connection is reading it. ` +
        `Your edits are saved; close other programs using the file and try again.`,
    );
  }
}

/**
 * Folds the WAL back, returns the file to rollback mode and closes. The connection is closed (and
 * its lock released) even if a step fails; the error then says where the edits are.
 */
export function closeWriter(db: Database.Database, path: string): void {
  let folded = false;
  let failure: unknown;
  try {
    foldWal(db, path);
    folded = true;
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') {
      throw new Error('SQLite kept the file in WAL mode');
    }
  } catch (err) {
    failure = err;
  }
  try {
    db.close();
  } catch (err) {
    failure ??= err;
  }
  if (failure !== undefined) throw closeError(failure, path, folded);
  removeStaleShm(path);
}

/** Explains a failed close; every edit is durable either way, so say where it is. */
function closeError(err: unknown, path: string, folded: boolean): ChanceryError {
  const raw = errorCodeOf(err);
  const classified =
    err instanceof ChanceryError ? err.code : raw?.startsWith('SQLITE_') ? classifySqliteCode(raw) : 'STORAGE_FAILED';
  const code = classified === 'DISK_FULL' ? 'DISK_FULL' : 'STORAGE_FAILED';
  const why = raw ?? (err instanceof Error ? err.message : String(err));
  const message = folded
    ? `Chancery saved every edit into "${path}" but could not finish closing it cleanly (${why}). ` +
      `Nothing is lost; if a "${path}-wal" file remains beside it, keep it with the workspace until ` +
      `the workspace has been opened and closed again.`
    : `Chancery closed "${path}" but could not fold its latest edits into the file itself (${why}). ` +
      `They are safe in "${path}-wal" beside it: keep the two files together (do not copy only the ` +
      `.chancery file) until the workspace has been opened and closed again` +
      (code === 'DISK_FULL' ? ' after freeing some disk space.' : '.');
  return new ChanceryError(code, message, { cause: err });
}

/**
 * A -shm file can be left beside the workspace when a read-only opener read it after a crash.
 * Once the writer has returned the file to rollback mode no connection can use it, so it is
 * removed to keep the workspace a single file. Failing to remove clutter is not a failure.
 */
function removeStaleShm(path: string): void {
  try {
    unlinkSync(`${resolve(path)}-shm`);
  } catch {
    // absent (the usual case) or not removable: harmless either way
  }
}
