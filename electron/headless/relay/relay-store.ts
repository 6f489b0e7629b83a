import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ChanceryError } from '../../../shared/errors';
import { toStoreError } from '../store/sqlite-errors';

/**
 * What the relay keeps of one workspace: one SQLite file `<dataDir>/<workspaceId>.relay.sqlite`
 * (WAL, synchronous=FULL) holding every accepted Yjs update per document and the convener the
 * first contact pinned. The relay stores an update *before* Hocuspocus applies and acknowledges
 * it (the edits of one turn of the event loop in one transaction, see group-commit.ts), so
 * "acknowledged" means durable and a kill -9 loses nothing a client was told is safe.
 *
 * The relay holds no secrets: it is a store-and-forward copy whose content every member can
 * verify (positions and roster entries are signed). A private document is stored here too — that
 * is what lets a delegation's members sync through the relay — but only its members receive it.
 */

/** Workspace ids become file names: only what `randomUUID` and our ids produce. */
const WORKSPACE_ID = /^[A-Za-z0-9_-]{1,64}$/u;

/** The relay file of a workspace; INVALID_ARGUMENT for an id that could name a path elsewhere. */
export function relayFileOf(dataDir: string, workspaceId: string): string {
  if (!WORKSPACE_ID.test(workspaceId)) {
    throw new ChanceryError('INVALID_ARGUMENT', `${JSON.stringify(workspaceId.slice(0, 80))} is not a workspace id the relay accepts.`);
  }
  return join(dataDir, `${workspaceId}.relay.sqlite`);
}

/** One workspace's relay file; open with {@link RelayStore.open}. */
export class RelayStore {
  readonly #db: Database.Database;
  readonly #append: Database.Statement<[string, Buffer]>;
  readonly #rows: Database.Statement<[string], { seq: number; data: Buffer }>;
  readonly #count: Database.Statement<[string], { n: number }>;
  readonly #appendMany: (rows: readonly (readonly [string, Buffer])[]) => void;
  #closed = false;

  private constructor(
    readonly path: string,
    db: Database.Database,
  ) {
    this.#db = db;
    this.#append = db.prepare('INSERT INTO updates (doc, data) VALUES (?, ?)');
    this.#rows = db.prepare('SELECT seq, data FROM updates WHERE doc = ? ORDER BY seq');
    this.#count = db.prepare('SELECT COUNT(*) AS n FROM updates WHERE doc = ?');
    this.#appendMany = db.transaction((rows: readonly (readonly [string, Buffer])[]) => {
      for (const [doc, data] of rows) this.#append.run(doc, data);
    });
  }

  /** Whether the relay has ever stored this workspace (refused clients never create a file). */
  static exists(dataDir: string, workspaceId: string): boolean {
    return existsSync(relayFileOf(dataDir, workspaceId));
  }

  /** Opens the workspace's file, creating it if `create`. */
  static open(dataDir: string, workspaceId: string, create: boolean): RelayStore {
    const path = relayFileOf(dataDir, workspaceId);
    try {
      const db = new Database(path, { fileMustExist: !create });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(`
        CREATE TABLE IF NOT EXISTS updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS updates_doc ON updates (doc, seq);
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `);
      return new RelayStore(path, db);
    } catch (err) {
      throw toStoreError(err, { path, action: 'open the relay copy of this workspace' });
    }
  }

  /** The convener key the first contact pinned; null before. */
  pinnedConvener(): string | null {
    const row = this.#db.prepare('SELECT value FROM meta WHERE key = ?').get('convener') as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** Pins the convener; once pinned it never changes (a different key throws). */
  pin(key: string): void {
    const current = this.pinnedConvener();
    if (current === key) return;
    if (current !== null) throw new ChanceryError('NOT_AUTHORISED', `This workspace's convener is pinned as ${current}; it cannot become ${key}.`);
    this.#write('pin the convener', () => this.#db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('convener', key));
  }

  /**
   * Stores several accepted updates (of any documents of this workspace) in one transaction, in
   * order: one fsync for all of them; all or none are durable when it returns or throws.
   */
  appendAll(rows: readonly { doc: string; update: Uint8Array }[]): void {
    const what = rows.length === 1 ? `store an edit to "${rows[0]!.doc}"` : `store ${rows.length} edits`;
    this.#write(what, () =>
      this.#appendMany(rows.map(({ doc, update }) => [doc, Buffer.from(update.buffer, update.byteOffset, update.byteLength)] as const)),
    );
  }

  /** Every stored update of `doc`, oldest first. */
  updates(doc: string): Uint8Array[] {
    return this.#rows.all(doc).map((r) => new Uint8Array(r.data));
  }

  rowCount(doc: string): number {
    return this.#count.get(doc)!.n;
  }

  /**
   * Replaces every stored row of `doc` by `snapshot` (the whole document's state, which contains
   * them all) in one transaction: a crash leaves either the old rows or the snapshot.
   */
  compact(doc: string, snapshot: Uint8Array): void {
    this.#write(`compact "${doc}"`, () =>
      this.#db.transaction(() => {
        const last = this.#db.prepare('SELECT MAX(seq) AS s FROM updates WHERE doc = ?').get(doc) as { s: number | null };
        if (last.s === null) return;
        this.#db.prepare('DELETE FROM updates WHERE doc = ? AND seq <= ?').run(doc, last.s);
        this.#append.run(doc, Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength));
      })(),
    );
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.#db.close();
    }
  }

  #write(action: string, fn: () => unknown): void {
    if (this.#closed) throw new ChanceryError('STORAGE_FAILED', `The relay could not ${action}: it is shutting down.`);
    try {
      fn();
    } catch (err) {
      throw toStoreError(err, { path: this.path, action: `${action} on the relay` });
    }
  }
}
