import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ChanceryError } from '../../../shared/errors';

/**
 * The on-disk format of a workspace file: what a new file gets, how an open file is recognised,
 * and how an older format is brought up to date.
 *
 * Recognition relies on two SQLite header fields rather than on table names alone, because both
 * can be read straight from the first 100 bytes without running SQL: `application_id` says "this
 * SQLite file is a Chancery workspace" (so a random app's database is refused as foreign, never
 * written to), `user_version` is the format version (so a file from a newer Chancery is refused
 * instead of being misread and then written back by older code).
 */

/** "CHNC" in ASCII: the SQLite application_id of every Chancery workspace file. */
export const CHANCERY_APPLICATION_ID = 0x43484e43;

/** The format this build writes. Bump it with a migration below, never edit an older version. */
export const FORMAT_VERSION = 2;

/** Page size of new workspace files (see initialiseSchema). */
export const WORKSPACE_PAGE_SIZE = 1024;

/** The tables a format-1 file must have; anything missing means the file is damaged. */
export const REQUIRED_TABLES = ['meta', 'updates', 'versions', 'settings'] as const;

/** Identity of the workspace stored in the file itself, so a copy on a USB stick keeps it. */
export interface WorkspaceFileMeta {
  /** Stable id of the negotiation; copies and merged files share it. */
  workspaceId: string;
  /** The file format version (SQLite `user_version`). */
  formatVersion: number;
  /** ISO-8601 time the workspace was created. */
  createdAt: string;
}

/**
 * The current format (2). Sized for small files, since a workspace is copied to USB sticks and
 * mailed: the keyed tables are WITHOUT ROWID (no separate index page each) and `updates.seq` is
 * the plain rowid (no sqlite_sequence table). The rowid still grows with every insert while rows
 * remain, so a doc's updates load in insertion order (Yjs does not need it; debugging does).
 *
 * `updates.digest` (format 2) is the SHA-256 of `data`. SQLite's integrity check covers its own
 * page structure, not the bytes of a stored value: without a digest a flipped bit on a USB stick
 * could turn "shall" into "shalt" in an agreed clause and nobody would know.
 */
const SCHEMA_V2 = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE updates (
    seq INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    data BLOB NOT NULL,
    digest BLOB NOT NULL
  );
  CREATE INDEX updates_by_doc ON updates (doc_id);
  CREATE TABLE versions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

/**
 * Writes the current format into an empty database, then `fill`s it (a new workspace's initial content).
 * Everything (tables, header ids, meta rows, content) commits in one transaction, so the file is
 * either a complete workspace or carries no application_id at all.
 * Incremental auto-vacuum lets `checkpoint()` hand pages freed by compaction back to the disk
 * (the brief's "file ≤ 3× the plain text after compaction"); it must be chosen before any table.
 * So must the page size: 1 KiB pages keep the fixed cost of a workspace (one page per table and
 * index) near 7 KiB instead of near 40 KiB with the default 4 KiB, which dominated small files.
 */
export function initialiseSchema(
  db: Database.Database,
  meta: Omit<WorkspaceFileMeta, 'formatVersion'>,
  fill: (db: Database.Database) => void = () => {},
): void {
  db.pragma(`page_size = ${WORKSPACE_PAGE_SIZE}`);
  db.pragma('auto_vacuum = INCREMENTAL');
  db.transaction(() => {
    db.exec(SCHEMA_V2);
    const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    put.run('workspace_id', meta.workspaceId);
    put.run('created_at', meta.createdAt);
    fill(db);
    db.pragma(`application_id = ${CHANCERY_APPLICATION_ID}`);
    db.pragma(`user_version = ${FORMAT_VERSION}`);
  }).immediate();
}

/** What SQLite itself says about a file, read through an open connection (WAL included). */
export interface SchemaFacts {
  applicationId: number;
  userVersion: number;
  tables: Set<string>;
  triggers: string[];
}

export function inspectSchema(db: Database.Database): SchemaFacts {
  // application_id is a signed 32-bit integer in SQLite; ours is positive, compare unsigned.
  const applicationId = Number(db.pragma('application_id', { simple: true })) >>> 0;
  const userVersion = Number(db.pragma('user_version', { simple: true }));
  const rows = db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')").all() as {
    type: string;
    name: string;
  }[];
  return {
    applicationId,
    userVersion,
    tables: new Set(rows.filter((r) => r.type === 'table').map((r) => r.name)),
    triggers: rows.filter((r) => r.type === 'trigger').map((r) => r.name),
  };
}

/** Reads the workspace identity from `meta`; a file without it is damaged, not "anonymous". */
export function readMeta(db: Database.Database, path: string, userVersion: number): WorkspaceFileMeta {
  const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  const values = new Map(rows.map((r) => [r.key, r.value]));
  const workspaceId = values.get('workspace_id');
  const createdAt = values.get('created_at');
  if (!workspaceId || !createdAt) {
    throw new ChanceryError(
      'WORKSPACE_CORRUPT',
      `"${path}" is a Chancery workspace but its identity record is missing ` +
        `(${!workspaceId ? 'workspace_id' : 'created_at'}). Restore it from a backup or a colleague's copy.`,
    );
  }
  return Object.freeze({ workspaceId, createdAt, formatVersion: userVersion });
}

/**
 * What a migration needs from the layers above the store, which alone know what the bytes mean.
 * The store stays a store of bytes; the content rules live in shared/schema.
 */
export interface MigrationHooks {
  /**
   * Rewrites one framework document's stored rows (in order) as a single update under the current
   * document schema. Throwing leaves the document's rows as they were: it will show as damaged,
   * and the rest of the workspace is still migrated.
   */
  upgradeDocument?: (docId: string, rows: Uint8Array[], workspaceId: string) => Uint8Array;
}

/** Key of the manifest's rows; its content format did not change between formats 1 and 2. */
const MANIFEST_ROWS = 'manifest';

/**
 * 1 → 2: the document schema changed (see shared/schema/legacy-content.ts), so each framework
 * document is rewritten under the new one, and `updates.digest` is added and filled. Both happen
 * in the one migration transaction: a crash leaves a complete format-1 or format-2 file, never
 * format-2 rows holding format-1 content. (A format-1 row already damaged is thereby vouched for;
 * format 1 had no way to tell, and the content checks on load still apply.)
 */
function migrate1To2(db: Database.Database, hooks: MigrationHooks): void {
  db.exec("ALTER TABLE updates ADD COLUMN digest BLOB NOT NULL DEFAULT x''");
  const workspaceId = String(db.prepare("SELECT value FROM meta WHERE key = 'workspace_id'").pluck().get());
  if (hooks.upgradeDocument) {
    const docIds = db.prepare('SELECT DISTINCT doc_id FROM updates WHERE doc_id <> ?').pluck().all(MANIFEST_ROWS) as string[];
    const load = db.prepare('SELECT data FROM updates WHERE doc_id = ? ORDER BY seq').pluck();
    const drop = db.prepare('DELETE FROM updates WHERE doc_id = ?');
    const insert = db.prepare('INSERT INTO updates (doc_id, data, digest) VALUES (?, ?, ?)');
    for (const docId of docIds) {
      const rows = load.all(docId) as unknown[];
      if (!rows.every(Buffer.isBuffer)) continue; // damaged: left for the load to report
      let upgraded: Uint8Array;
      try {
        upgraded = hooks.upgradeDocument(docId, rows.map((r) => new Uint8Array(r)), workspaceId);
      } catch {
        continue; // unreadable under the old schema too: left as it was, reported when opened
      }
      drop.run(docId);
      insert.run(docId, Buffer.from(upgraded), rowDigest(upgraded));
    }
  }
  const rows = db.prepare("SELECT seq, data FROM updates WHERE digest = x''").all() as { seq: number; data: unknown }[];
  const set = db.prepare('UPDATE updates SET digest = ? WHERE seq = ?');
  for (const row of rows) if (Buffer.isBuffer(row.data)) set.run(rowDigest(row.data), row.seq);
}

/**
 * Upgrades an older file in place, one version step per transaction, so an interruption leaves a
 * file at some complete version.
 */
const MIGRATIONS: ReadonlyMap<number, (db: Database.Database, hooks: MigrationHooks) => void> = new Map([[1, migrate1To2]]);

/** The digest stored beside each update (see SCHEMA_V2). */
export function rowDigest(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/**
 * Refuses formats this build cannot handle: newer ones (TOO_NEW: older code must not rewrite a
 * file it only half understands) and older ones without a migration path (a Chancery file
 * claiming such a version was never written by Chancery, so it is damaged).
 */
export function assertFormatSupported(userVersion: number, path: string): void {
  if (userVersion > FORMAT_VERSION) {
    throw new ChanceryError(
      'WORKSPACE_TOO_NEW',
      `"${path}" was saved by a newer version of Chancery (workspace format ${userVersion}; this version ` +
        `reads up to format ${FORMAT_VERSION}). Update Chancery to open it; the file was left untouched.`,
    );
  }
  for (let v = userVersion; v < FORMAT_VERSION; v++) {
    if (!MIGRATIONS.has(v)) {
      throw new ChanceryError(
        'WORKSPACE_CORRUPT',
        `"${path}" is marked as a Chancery workspace but claims format ${userVersion}, which no Chancery ` +
          `version ever wrote. Restore it from a backup or a colleague's copy.`,
      );
    }
  }
}

/**
 * Brings a writable file up to {@link FORMAT_VERSION} and returns the version it is now at. Every
 * step's existence was checked by {@link assertFormatSupported}, which callers ran while validating.
 */
export function migrateToCurrent(db: Database.Database, fromVersion: number, path: string, hooks: MigrationHooks = {}): number {
  assertFormatSupported(fromVersion, path);
  for (let v = fromVersion; v < FORMAT_VERSION; v++) {
    const step = MIGRATIONS.get(v)!;
    db.transaction(() => {
      step(db, hooks);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
  return Math.max(fromVersion, FORMAT_VERSION);
}
