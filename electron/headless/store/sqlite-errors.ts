import { ChanceryError, type ErrorCode } from '../../../shared/errors';

/**
 * Turns SQLite and file-system failures into ChanceryErrors.
 *
 * This is the one place that knows SQLite's and Node's error codes: the rest of the store, the
 * session, the renderer and the CLI branch on our stable codes only. Every message names the file,
 * says what went wrong in words a negotiator understands and what to do next; the raw SQLite/OS
 * code is kept in the message (for support) and the original error as `cause`.
 */

/** What the failed operation was, so the message can say it. */
export interface FailureContext {
  /** The workspace file concerned. */
  path: string;
  /** A phrase that completes "Chancery could not …", e.g. `save an edit to document "annex-1"`. */
  action: string;
  /** Replaces the default "free some space and try again" advice for a full disk. */
  diskFullAdvice?: string;
}

/** The `code` property of a better-sqlite3 SqliteError or a Node system error, if any. */
export function errorCodeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Maps a SQLite result code (extended codes included) to our code. Extended codes share the
 * primary code's prefix (SQLITE_IOERR_FSYNC, SQLITE_CORRUPT_VTAB, SQLITE_BUSY_SNAPSHOT …), so a
 * prefix test covers all of them.
 */
export function classifySqliteCode(code: string): ErrorCode {
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'WORKSPACE_CORRUPT';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'WORKSPACE_LOCKED';
  if (code === 'SQLITE_FULL') return 'DISK_FULL';
  return 'STORAGE_FAILED';
}

/** Maps a Node file-system errno code (from fs calls the store makes itself). */
function classifyFsCode(code: string): ErrorCode {
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'DISK_FULL';
  if (code === 'EBUSY') return 'WORKSPACE_LOCKED';
  return 'STORAGE_FAILED';
}

function describe(code: ErrorCode, raw: string, detail: string, ctx: FailureContext): string {
  const what = `Chancery could not ${ctx.action}`;
  const file = `"${ctx.path}"`;
  switch (code) {
    case 'WORKSPACE_CORRUPT':
      return (
        `${what}: ${file} is damaged and cannot be read (${raw}: ${detail}). ` +
        `Restore it from a backup or a colleague's copy; keep the damaged file for support.`
      );
    case 'WORKSPACE_LOCKED':
      return (
        `${what}: ${file} is open in another Chancery window or process; close it there first, ` +
        `then try again.`
      );
    case 'DISK_FULL':
      return (
        `${what}: the disk holding ${file} is full (${raw}). ` +
        (ctx.diskFullAdvice ?? 'Free some space on that disk, then try again.')
      );
    default:
      break;
  }
  if (raw.startsWith('SQLITE_READONLY') || raw === 'EROFS' || raw === 'EACCES' || raw === 'EPERM') {
    return (
      `${what}: ${file} or its folder cannot be written (${raw}: ${detail}). ` +
      `Check the file's permissions or copy the workspace to a folder you can write to.`
    );
  }
  if (raw === 'SQLITE_CANTOPEN' || raw === 'ENOENT' || raw === 'ENOTDIR') {
    return (
      `${what}: ${file} could not be opened (${raw}: ${detail}). ` +
      `Check that its folder exists and that you may read and write there.`
    );
  }
  return (
    `${what}: reading or writing ${file} failed (${raw}: ${detail}). ` +
    `Check that the disk or USB stick holding it is still connected and working, then try again.`
  );
}

/**
 * Wraps any error thrown while working on a workspace file. A ChanceryError passes through
 * unchanged (it already says what to do); SQLite and fs errors are classified; anything else is
 * a storage failure that keeps the original as `cause`, never a silent null.
 */
export function toStoreError(err: unknown, ctx: FailureContext): ChanceryError {
  if (err instanceof ChanceryError) return err;
  const raw = errorCodeOf(err);
  const detail = err instanceof Error ? err.message : String(err);
  if (raw === undefined) {
    return new ChanceryError(
      'STORAGE_FAILED',
      `Chancery could not ${ctx.action} in "${ctx.path}": ${detail}. Try again; if it keeps failing, ` +
        `close and reopen the workspace.`,
      { cause: err },
    );
  }
  const code = raw.startsWith('SQLITE_') ? classifySqliteCode(raw) : classifyFsCode(raw);
  return new ChanceryError(code, describe(code, raw, detail, ctx), { cause: err });
}
