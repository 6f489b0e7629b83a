import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ChanceryError, type ErrorCode } from '../../../shared/errors';
import { CHANCERY_APPLICATION_ID } from './schema-migrations';

/**
 * Helpers shared by the store's tests and their child-process fixtures. Not used by the app.
 *
 * Caution for tests: reading a workspace file with `fs` while *this* process has it open in a
 * store releases the store's SQLite lock (POSIX semantics, see open-registry.ts). Hash files only
 * while no store in the test process has them open.
 */

/** The repository root, where `node --require tsx/cjs` can resolve tsx. */
export const PROJECT_ROOT = resolve(__dirname, '../../..');
export const STORE_DIR = __dirname;

/** A fresh temp folder; remove it with `rmSync(dir, { recursive: true, force: true })`. */
export function makeTempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `chancery-${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** SQLite side files present beside `path` (-wal, -shm, -journal). */
export function sideFiles(path: string): string[] {
  return ['-wal', '-shm', '-journal'].filter((s) => existsSync(path + s)).map((s) => path + s);
}

/** The folder's entries, sorted: proves an operation created nothing (no temp or side files). */
export function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Runs `fn`, expecting a ChanceryError with `code`; returns it for further assertions. */
export function catchChanceryError(fn: () => unknown, code: ErrorCode): ChanceryError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ChanceryError && err.code === code) return err;
    const got = err instanceof ChanceryError ? `${err.code}: ${err.message}` : String(err);
    throw new Error(`expected ChanceryError ${code}, got ${got}`, { cause: err });
  }
  throw new Error(`expected ChanceryError ${code}, but nothing was thrown`);
}

/**
 * Starts a fixture script (a .ts file in this folder) in a fresh Node process under tsx. tsx's
 * CommonJS hook (`--require tsx/cjs`) starts in about half the CPU time of `--import tsx` (no
 * loader worker thread), which matters for a test that starts hundreds of processes on 2 cores.
 */
export function spawnFixture(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--require', 'tsx/cjs', join(STORE_DIR, script), ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Splits a child's stdout into lines as they arrive. */
export function onLines(child: ChildProcess, handler: (line: string) => void): void {
  let buffered = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      handler(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  });
}

/** Collects a child's stderr for failure messages. */
export function collectStderr(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (text += chunk));
  return () => text;
}

/** Resolves when the process has exited and its output streams are drained. */
export function whenClosed(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) => child.once('close', (code, signal) => done({ code, signal })));
}

/** Result line printed by open-probe.fixture.ts. */
export type ProbeResult = { ok: true; workspaceId: string } | { ok: false; code: string; message: string };

/** Opens `path` in a child process (mode "open" or "read-only") and reports what happened. */
export async function probeInChild(mode: 'open' | 'read-only', path: string): Promise<ProbeResult> {
  const child = spawnFixture('open-probe.fixture.ts', [mode, path]);
  const stderr = collectStderr(child);
  let result: ProbeResult | undefined;
  onLines(child, (line) => {
    if (line.startsWith('{')) result = JSON.parse(line) as ProbeResult;
  });
  child.stdin?.end();
  const { code } = await whenClosed(child);
  if (result === undefined) throw new Error(`probe exited with ${code} and no result; stderr:\n${stderr()}`);
  return result;
}


/** Raw SQLite access to a closed workspace file, as another program would change it; closed after `fn`. */
export function withSqlite<T>(path: string, fn: (db: Database.Database) => T, options?: Database.Options): T {
  const db = new Database(path, options);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * Writes a workspace file in format 1 (before row checksums and the current document schema), as
 * Chancery 0.1 did, holding `rows` in order.
 */
export function writeFormat1(path: string, rows: readonly { docId: string; data: Uint8Array }[], workspaceId = 'old-one'): void {
  const db = new Database(path);
  try {
    db.pragma('page_size = 1024');
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE updates (seq INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, data BLOB NOT NULL);
      CREATE INDEX updates_by_doc ON updates (doc_id);
      CREATE TABLE versions (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL, data BLOB NOT NULL);
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `);
    db.prepare('INSERT INTO meta VALUES (?, ?), (?, ?)').run('workspace_id', workspaceId, 'created_at', '2026-11-01T00:00:00Z');
    const add = db.prepare('INSERT INTO updates (doc_id, data) VALUES (?, ?)');
    for (const r of rows) add.run(r.docId, Buffer.from(r.data));
    db.pragma(`application_id = ${CHANCERY_APPLICATION_ID}`);
    db.pragma('user_version = 1');
  } finally {
    db.close();
  }
}
