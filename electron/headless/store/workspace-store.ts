import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { ChanceryError } from '../../../shared/errors';
import { createAtomically } from './atomic-create';
import { registerConnection } from './connection-access';
import { assertNotOpenInThisProcess, claimFile, releaseFile } from './open-registry';
import { initialiseSchema, rowDigest, type MigrationHooks, type WorkspaceFileMeta } from './schema-migrations';
import { assertSnapshotCovers } from './snapshot-check';
import { creationPageLimit } from './creation-limits';
import { toStoreError, type FailureContext } from './sqlite-errors';
import {
  asBlob,
  assertDocId,
  assertSettingKey,
  assertSettingValue,
  assertUpdateBytes,
  assertWorkspaceId,
  fromBlob,
} from './store-arguments';
import { checkHeader, sideFileBytes, statWorkspaceFile } from './workspace-file-checks';
import { openReadOnlyConnection } from './workspace-validation';
import { closeWriter, foldWal, openWriter } from './writer-connection';

export type { WorkspaceFileMeta } from './schema-migrations';

/**
 * The workspace file: one SQLite file per negotiation holding the Yjs updates of every doc.
 *
 * Life cycle of the bytes on disk:
 * - At rest (closed) the file is in rollback-journal mode and fully checkpointed: a single
 *   self-contained file that can be copied to a USB stick, and that a read-only opener (CLI `info`)
 *   can read without creating any -wal/-shm file beside it.
 * - While open for writing it is in WAL mode with synchronous=FULL, so each append costs one WAL
 *   append + fsync and is durable when the call returns, and with locking_mode=EXCLUSIVE, so the
 *   lock is taken at open and held until close (a second process gets WORKSPACE_LOCKED, never a
 *   shared write), and no -shm file is needed (the WAL index lives in this process's memory).
 * - After a crash the committed updates are in the leftover -wal file and the next open recovers
 *   them; `close()` folds the WAL back and returns the file to rollback mode.
 */
export class WorkspaceStore {
  readonly path: string;
  readonly meta: WorkspaceFileMeta;
  readonly readOnly: boolean;
  readonly #identity: string;
  #db: Database.Database | null;
  readonly #sql: ReturnType<typeof prepareStatements>;

  private constructor(
    path: string,
    db: Database.Database,
    meta: WorkspaceFileMeta,
    readOnly: boolean,
    identity: string,
  ) {
    this.#sql = prepareStatements(db, path, meta.formatVersion); // may throw; the static openers close `db` then
    this.path = path;
    this.meta = meta;
    this.readOnly = readOnly;
    this.#identity = identity;
    this.#db = db;
    registerConnection(this, db);
    claimFile(identity, path);
  }

  /**
   * Creates a new workspace file and opens it for writing. Refuses (WORKSPACE_EXISTS) if anything
   * exists at `path`, leaving it untouched. The file is built under a temp name and linked into
   * place complete, so a crash never leaves a half-initialised file under the real name.
   */
  static create(path: string, options: CreateOptions = {}): WorkspaceStore {
    const workspaceId = options.workspaceId ?? randomUUID();
    assertWorkspaceId(workspaceId, path);
    const rows = options.rows ?? [];
    for (const row of rows) {
      assertDocId(row.docId, path);
      assertUpdateBytes(row.data, 'the initial content', row.docId, path);
    }
    createAtomically(path, (temp) => {
      const db = new Database(temp);
      try {
        db.pragma('synchronous = FULL');
        const limit = creationPageLimit();
        if (limit !== undefined) db.pragma(`max_page_count = ${limit}`);
        initialiseSchema(db, { workspaceId, createdAt: new Date().toISOString() }, (tx) => {
          const insert = tx.prepare('INSERT INTO updates (doc_id, data, digest) VALUES (?, ?, ?)');
          for (const row of rows) insert.run(row.docId, asBlob(row.data), rowDigest(row.data));
        });
      } finally {
        db.close();
      }
    });
    return WorkspaceStore.open(path);
  }

  /**
   * Opens for writing. The file is validated first without being modified: header checks with
   * plain fs, then a read-only SQLite connection (missing -> WORKSPACE_NOT_FOUND, damaged ->
   * WORKSPACE_CORRUPT, another program's -> WORKSPACE_FOREIGN, newer -> WORKSPACE_TOO_NEW). Only
   * then is it opened read-write, locked exclusively and switched to WAL. Held elsewhere ->
   * WORKSPACE_LOCKED.
   */
  static open(path: string, options: OpenOptions = {}): WorkspaceStore {
    const file = statWorkspaceFile(path);
    assertNotOpenInThisProcess(file.identity, path);
    checkHeader(path, file.size, sideFileBytes(`${path}-wal`));
    const probe = openReadOnlyConnection(path);
    if (probe.kind === 'open') {
      // The caller's content check runs on the read-only connection, before anything can be
      // written: a workspace refused here stays byte-for-byte as it was (opening for writing
      // switches the file to WAL mode, which rewrites its header even if nothing else changes).
      const reader = WorkspaceStore.#reader(path, probe.db, probe.meta, file.identity);
      try {
        options.verify?.(reader);
      } finally {
        reader.close();
      }
    }
    // A crash mid-save that only a writer can repair: the writer repairs it, then runs the deep
    // check the read-only probe could not.
    const { db, meta } = openWriter(path, probe.kind === 'needs-recovery', options.migration);
    try {
      return new WorkspaceStore(path, db, meta, false, file.identity);
    } catch (err) {
      db.close();
      throw toStoreError(err, { path, action: 'open the workspace for editing' });
    }
  }

  /**
   * Opens for reading only (CLI info/export, reading a colleague's copy to merge). Same
   * validation; never writes and, for a cleanly closed file, creates nothing beside it. Holds a
   * read snapshot until `close()`, during which a writer elsewhere gets WORKSPACE_LOCKED. A file
   * held by a writer -> WORKSPACE_LOCKED.
   */
  static #reader(path: string, db: Database.Database, meta: WorkspaceFileMeta, identity: string): WorkspaceStore {
    try {
      return new WorkspaceStore(path, db, meta, true, identity);
    } catch (err) {
      db.close();
      throw toStoreError(err, { path, action: 'open the workspace' });
    }
  }

  static openReadOnly(path: string): WorkspaceStore {
    const file = statWorkspaceFile(path);
    assertNotOpenInThisProcess(file.identity, path);
    checkHeader(path, file.size, sideFileBytes(`${path}-wal`));
    const probe = openReadOnlyConnection(path);
    if (probe.kind === 'needs-recovery') {
      throw new ChanceryError(
        'STORAGE_FAILED',
        `"${path}" was left in the middle of a save by a crash or power cut (${probe.sqliteCode}) and ` +
          `must be repaired before it can be read; a read-only open never writes, so it cannot do that. ` +
          `Open the workspace for editing once (in Chancery), close it, then try again.`,
      );
    }
    return WorkspaceStore.#reader(path, probe.db, probe.meta, file.identity);
  }

  /** Doc ids that have at least one stored update, sorted. */
  docIds(): string[] {
    return this.#run({ action: 'list the documents' }, () => this.#sql.docIds.all() as string[]);
  }

  /**
   * Every stored update of `docId`, in the order they were appended (empty for an unknown doc). A
   * row that is not a BLOB (another program wrote an integer or text there) is DOCUMENT_DAMAGED:
   * reading it as bytes would turn it into an empty edit and the damage would go unnoticed.
   */
  loadUpdates(docId: string): Uint8Array[] {
    this.#live(`load document "${docId}"`);
    assertDocId(docId, this.path);
    const rows = this.#run({ action: `load document "${docId}"` }, () => this.#sql.load.all(docId) as StoredRow[]);
    return rows.map((row) => {
      if (!Buffer.isBuffer(row.data)) {
        throw this.#damagedRow(docId, row.seq, `is stored as ${row.data === null ? 'NULL' : typeof row.data}, not as edit data`);
      }
      if (row.digest !== null && !(Buffer.isBuffer(row.digest) && row.digest.equals(rowDigest(row.data)))) {
        throw this.#damagedRow(docId, row.seq, 'does not match its checksum (the file was altered, or the disk damaged it)');
      }
      return fromBlob(row.data);
    });
  }

  /**
   * Appends one update; durable when it returns (one autocommit statement: WAL append + fsync).
   * A full disk -> DISK_FULL, other I/O -> STORAGE_FAILED; on either nothing was stored, so the
   * caller keeps the update and retries (if an fsync error leaves it unclear whether the write
   * landed, a retry merely stores a duplicate, which Yjs ignores).
   */
  appendUpdate(docId: string, update: Uint8Array): void {
    this.#writable(`save an edit to document "${docId}"`);
    assertDocId(docId, this.path);
    assertUpdateBytes(update, 'an edit', docId, this.path);
    this.#run(
      {
        action: `save an edit to document "${docId}"`,
        diskFullAdvice: 'Free some space on that disk; your unsaved edits are kept in the window and will be retried.',
      },
      () => this.#sql.insert.run(docId, asBlob(update)),
    );
  }

  /** Number of stored updates of `docId` (the session compacts when it grows). */
  updateCount(docId: string): number {
    this.#live(`count the saved edits of document "${docId}"`);
    assertDocId(docId, this.path);
    return this.#run({ action: `count the saved edits of document "${docId}"` }, () =>
      Number(this.#sql.count.get(docId)),
    );
  }

  /**
   * Compaction: in ONE transaction, deletes every stored update of `docId` and inserts `snapshot`
   * (Y.encodeStateAsUpdate of a doc that has applied them all). A crash leaves either the old rows
   * or the snapshot. A snapshot that provably lacks stored edits is refused (INVALID_ARGUMENT) and
   * nothing changes; see snapshot-check.ts.
   */
  replaceWithSnapshot(docId: string, snapshot: Uint8Array): void {
    this.#writable(`compact document "${docId}"`);
    assertDocId(docId, this.path);
    assertUpdateBytes(snapshot, 'a snapshot', docId, this.path);
    this.#run(
      {
        action: `compact document "${docId}"`,
        diskFullAdvice: 'Nothing was lost: its saved edits are unchanged. Free some space on that disk.',
      },
      () => this.#sql.compact.immediate(docId, snapshot),
    );
  }

  /** Removes every stored update of `docId`. */
  deleteDoc(docId: string): void {
    this.#writable(`delete document "${docId}"`);
    assertDocId(docId, this.path);
    this.#run({ action: `delete document "${docId}"` }, () => this.#sql.deleteDoc.run(docId));
  }

  /** A local setting; `undefined` when it was never set (a miss is not a failure). */
  getSetting(key: string): string | undefined {
    this.#live(`read setting "${key}"`);
    assertSettingKey(key, this.path);
    return this.#run({ action: `read setting "${key}"` }, () => this.#sql.getSetting.get(key) as string | undefined);
  }

  setSetting(key: string, value: string): void {
    this.#writable(`save setting "${key}"`);
    assertSettingKey(key, this.path);
    assertSettingValue(key, value, this.path);
    this.#run({ action: `save setting "${key}"` }, () => this.#sql.setSetting.run(key, value));
  }

  /**
   * Stores one named round (a row of `versions`), in one transaction with `check`, which gets the
   * bytes as SQLite returns them: the hub keeps nothing it has not read back, so a round that
   * cannot be read back is never stored (whatever `check` throws rolls the insert back).
   */
  putVersion(row: VersionRow & { data: Uint8Array }, check: (stored: Uint8Array) => void): void {
    this.#writable(`save round "${row.name}"`);
    this.#run(
      { action: `save round "${row.name}"`, diskFullAdvice: 'Nothing was saved; the workspace is unchanged. Free some space on that disk, then cut the round again.' },
      () => this.#sql.putVersion(row, check),
    );
  }

  /** The stored rounds' ids, names and times, oldest first (their data is read by {@link getVersion}). */
  listVersions(): VersionRow[] {
    return this.#run({ action: 'list the named rounds' }, () =>
      (this.#sql.listVersions.all() as { id: string; name: string; created_at: string }[]).map((r) => ({
        id: r.id,
        name: r.name,
        createdAt: r.created_at,
      })),
    );
  }

  /** One stored round with its bytes; `undefined` for an unknown id (the caller names what it knows). */
  getVersion(id: string): (VersionRow & { data: unknown }) | undefined {
    const row = this.#run({ action: `read round ${id}` }, () => this.#sql.getVersion.get(id)) as
      | { id: string; name: string; created_at: string; data: unknown }
      | undefined;
    if (!row) return undefined;
    return { id: row.id, name: row.name, createdAt: row.created_at, data: Buffer.isBuffer(row.data) ? fromBlob(row.data) : row.data };
  }

  /**
   * Folds the WAL into the main file and truncates it, and returns pages freed by compaction to
   * the disk, so the .chancery file alone holds everything. Note: copy the file with `fs` only
   * after `close()`: in this process, closing any descriptor on the file drops SQLite's lock on it.
   */
  checkpoint(): void {
    const db = this.#writable('save the workspace into a single file');
    this.#run({ action: 'save the workspace into a single file' }, () => foldWal(db, this.path));
  }

  /**
   * Closes the file (idempotent). A writable store first folds the WAL back and returns the file to
   * rollback mode. If that fails (e.g. disk full) the connection is still closed and the lock
   * released, and the error says where the edits are: safe in the -wal file beside it.
   */
  close(): void {
    const db = this.#db;
    if (db === null) return;
    this.#db = null;
    try {
      if (this.readOnly) db.close();
      else closeWriter(db, this.path);
    } catch (err) {
      throw toStoreError(err, { path: this.path, action: 'close the workspace' });
    } finally {
      releaseFile(this.#identity);
    }
  }

  #damagedRow(docId: string, seq: number, what: string): DamagedRowError {
    return new DamagedRowError(
      `its saved edit #${seq} ${what}`,
      `Document "${docId}" in "${this.path}" cannot be read: its saved edit #${seq} ${what}. Chancery will ` +
        `not write to this document. Restore the workspace from a backup or from a colleague's copy.`,
    );
  }

  #live(action: string): Database.Database {
    if (this.#db !== null) return this.#db;
    throw new ChanceryError(
      'WORKSPACE_NOT_OPEN',
      `Chancery could not ${action}: "${this.path}" has been closed. Open the workspace again.`,
    );
  }

  #writable(action: string): Database.Database {
    const db = this.#live(action);
    if (!this.readOnly) return db;
    throw new ChanceryError(
      'INVALID_ARGUMENT',
      `Chancery could not ${action}: "${this.path}" was opened read-only (for info, export or merge). ` +
        `Open it for editing to change it.`,
    );
  }

  #run<T>(ctx: Omit<FailureContext, 'path'>, fn: () => T): T {
    this.#live(ctx.action);
    try {
      return fn();
    } catch (err) {
      throw toStoreError(err, { ...ctx, path: this.path });
    }
  }
}

/**
 * DOCUMENT_DAMAGED from {@link WorkspaceStore.loadUpdates}, with what is wrong with the row in
 * `problem`, so the layer that knows the document's title can say it in its own words.
 */
export class DamagedRowError extends ChanceryError {
  constructor(
    readonly problem: string,
    message: string,
  ) {
    super('DOCUMENT_DAMAGED', message);
  }
}

/** A row of `versions` (a named round) without its data. */
export interface VersionRow {
  id: string;
  name: string;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/** What {@link WorkspaceStore.create} can write into a new file before it appears under its name. */
export interface CreateOptions {
  workspaceId?: string;
  /**
   * Initial content, written in the same transaction as the file's format: the new workspace is
   * complete (or absent) under its real name, never half-seeded, even when the disk fills up.
   */
  rows?: readonly { docId: string; data: Uint8Array }[];
}

/** How {@link WorkspaceStore.open} may look at the file before it is opened for writing. */
export interface OpenOptions {
  /** Runs on a read-only view of the file; throwing refuses the open with the file untouched. */
  verify?: (reader: WorkspaceStore) => void;
  /** What upgrading an older file needs from the layers that know what its content means. */
  migration?: MigrationHooks;
}

/** A row of `updates` as SQLite returns it; `data` is whatever type another program put there. */
interface StoredRow {
  seq: number;
  data: unknown;
  /** SHA-256 of `data`; null in a format-1 file read without migrating it (read-only). */
  digest: unknown;
}

/** Every statement the store runs, prepared once per connection. */
function prepareStatements(db: Database.Database, path: string, formatVersion: number) {
  const digest = formatVersion >= 2 ? 'digest' : 'NULL';
  const rawInsert = formatVersion >= 2 ? db.prepare('INSERT INTO updates (doc_id, data, digest) VALUES (?, ?, ?)') : null;
  // A format-1 file is only ever open read-only here (writers migrate it first), so this throws.
  const insert = {
    run: (docId: string, data: Buffer) => {
      if (!rawInsert) throw new ChanceryError('INVALID_ARGUMENT', `"${path}" is in an older format and open read-only.`);
      return rawInsert.run(docId, data, rowDigest(data));
    },
  };
  const load = db.prepare(`SELECT seq, data, ${digest} AS digest FROM updates WHERE doc_id = ? ORDER BY seq`);
  const deleteDoc = db.prepare('DELETE FROM updates WHERE doc_id = ?');
  return {
    insert,
    load,
    deleteDoc,
    docIds: db.prepare('SELECT DISTINCT doc_id FROM updates ORDER BY doc_id').pluck(),
    count: db.prepare('SELECT count(*) FROM updates WHERE doc_id = ?').pluck(),
    getSetting: db.prepare('SELECT value FROM settings WHERE key = ?').pluck(),
    setSetting: db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    listVersions: db.prepare('SELECT id, name, created_at FROM versions ORDER BY created_at, id'),
    getVersion: db.prepare('SELECT id, name, created_at, data FROM versions WHERE id = ?'),
    putVersion: db.transaction((row: VersionRow & { data: Uint8Array }, check: (stored: Uint8Array) => void) => {
      db.prepare('INSERT INTO versions (id, name, created_at, data) VALUES (?, ?, ?, ?)').run(row.id, row.name, row.createdAt, asBlob(row.data));
      const back = db.prepare('SELECT data FROM versions WHERE id = ?').pluck().get(row.id);
      if (!Buffer.isBuffer(back)) throw new ChanceryError('STORAGE_FAILED', `Round "${row.name}" could not be read back from "${path}" after saving it; nothing was stored. Try again.`);
      check(fromBlob(back));
    }),
    compact: db.transaction((docId: string, snapshot: Uint8Array) => {
      const stored = (load.all(docId) as StoredRow[]).map((row) => row.data).filter(Buffer.isBuffer).map(fromBlob);
      assertSnapshotCovers(stored, snapshot, docId, path);
      deleteDoc.run(docId);
      insert.run(docId, asBlob(snapshot));
    }),
  };
}
