import Database from 'better-sqlite3';
import { ChanceryError } from '../../../shared/errors';
import {
  assertFormatSupported,
  CHANCERY_APPLICATION_ID,
  inspectSchema,
  readMeta,
  REQUIRED_TABLES,
  type WorkspaceFileMeta,
} from './schema-migrations';
import { errorCodeOf, toStoreError } from './sqlite-errors';

/**
 * SQL-level checks of a workspace file, and the read-only connection they run on.
 *
 * These run after the header checks (workspace-file-checks.ts) and see what only SQLite can: the
 * content of a WAL left by a crash, the schema, the identity row and page-level integrity.
 */

/**
 * How long to wait for another connection's lock before giving up with WORKSPACE_LOCKED. Long
 * enough to ride out a CLI `info` reading the file for a moment, short enough that opening a file
 * held by another window answers promptly.
 */
export const LOCK_WAIT_MS = 500;

/**
 * Checks an open connection's view of the file. `deep` adds `PRAGMA quick_check`, which reads every
 * page: it is what catches a file cut short or damaged inside, at a cost of milliseconds for a
 * typical workspace. It runs once per open (on the validating connection), not on every statement.
 */
export function inspectWorkspace(db: Database.Database, path: string, deep: boolean): WorkspaceFileMeta {
  const facts = inspectSchema(db);
  if (facts.applicationId !== CHANCERY_APPLICATION_ID) {
    throw new ChanceryError(
      'WORKSPACE_FOREIGN',
      `"${path}" is an SQLite database made by another program, not a Chancery workspace. Choose a ` +
        `.chancery file; Chancery did not change this one.`,
    );
  }
  assertFormatSupported(facts.userVersion, path);
  const missing = REQUIRED_TABLES.filter((t) => !facts.tables.has(t));
  if (missing.length > 0) {
    throw new ChanceryError(
      'WORKSPACE_CORRUPT',
      `"${path}" is marked as a Chancery workspace but lacks its ${missing.join(', ')} table(s), so it ` +
        `is damaged or was not written by Chancery. Restore it from a backup or a colleague's copy.`,
    );
  }
  if (facts.triggers.length > 0) {
    // Chancery never creates triggers; one on `updates` could silently drop or rewrite text.
    throw new ChanceryError(
      'WORKSPACE_FOREIGN',
      `"${path}" has been altered by another program (it contains database triggers Chancery never ` +
        `creates: ${facts.triggers.join(', ')}). Chancery will not open it; ask the sender for an ` +
        `unaltered copy.`,
    );
  }
  const meta = readMeta(db, path, facts.userVersion);
  if (deep) {
    const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new ChanceryError(
        'WORKSPACE_CORRUPT',
        `"${path}" is damaged (integrity check: ${problems.slice(0, 3).join('; ')}). Restore it from a ` +
          `backup or a colleague's copy; keep the damaged file for support.`,
      );
    }
  }
  return meta;
}

/** A validated read-only connection, inside a read transaction (see below). */
export interface ReadOnlyOpen {
  kind: 'open';
  db: Database.Database;
  meta: WorkspaceFileMeta;
}

/**
 * The file was left mid-save by a crash and only a writer can repair it: a hot rollback journal
 * (SQLITE_READONLY_ROLLBACK) or a WAL whose index cannot be rebuilt read-only.
 */
export interface NeedsRecovery {
  kind: 'needs-recovery';
  sqliteCode: string;
}

const RECOVERY_CODES = new Set(['SQLITE_READONLY_ROLLBACK', 'SQLITE_READONLY_RECOVERY', 'SQLITE_READONLY_CANTINIT']);

/**
 * Opens with SQLITE_OPEN_READONLY, which can never modify the main file, and validates deeply.
 *
 * The connection is left inside a read transaction: that holds SQLite's shared lock, so the caller
 * reads one consistent state of the file (a CLI export sees no half of a concurrent compaction)
 * and a writer elsewhere gets WORKSPACE_LOCKED rather than changing the file under the reader.
 */
export function openReadOnlyConnection(path: string): ReadOnlyOpen | NeedsRecovery {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: LOCK_WAIT_MS });
    db.pragma('trusted_schema = OFF');
    db.exec('BEGIN');
    const meta = inspectWorkspace(db, path, true);
    return { kind: 'open', db, meta };
  } catch (err) {
    db?.close();
    const code = errorCodeOf(err);
    if (code !== undefined && RECOVERY_CODES.has(code)) return { kind: 'needs-recovery', sqliteCode: code };
    throw toStoreError(err, { path, action: 'open the workspace' });
  }
}
