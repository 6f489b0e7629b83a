import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ChanceryError } from '../../../shared/errors';
import { errorCodeOf } from '../store/sqlite-errors';

/**
 * An export's output file, written so that a reader never sees half of it: the bytes go to a temp
 * file in the same folder (created up front, which is the honest test of "can I write there"),
 * are fsynced, then renamed over the target. Any failure removes the temp file and leaves the
 * target as it was. The temp file is made before the (possibly long) export work starts, so an
 * unwritable location is reported at once rather than after a minute of rendering.
 */
export class AtomicOutput {
  readonly path: string;
  readonly #temp: string;
  #fd: number | null;

  private constructor(path: string, temp: string, fd: number) {
    this.path = path;
    this.#temp = temp;
    this.#fd = fd;
  }

  /**
   * Checks the location and opens the temp file beside it. The folder must exist and be writable;
   * the target must not be a folder, nor `protect` (the workspace file itself). -> EXPORT_UNWRITABLE
   * (DISK_FULL for a full disk) saying what to do; nothing is left behind.
   */
  static begin(out: string, protect: readonly string[] = []): AtomicOutput {
    const path = resolve(out);
    const folder = dirname(path);
    let folderStat;
    try {
      folderStat = statSync(folder);
    } catch {
      throw unwritable(out, `its folder ${folder} does not exist`, 'Create the folder first or choose another location.');
    }
    if (!folderStat.isDirectory()) throw unwritable(out, `${folder} is not a folder`, 'Choose a location inside a folder.');
    const existing = statOrNull(path);
    if (existing?.isDirectory()) throw unwritable(out, 'it is a folder', 'Give a file name inside that folder, e.g. with the format’s extension.');
    if (existing && protect.some((p) => sameFile(p, path))) {
      throw unwritable(out, 'it is the workspace file itself', 'Choose another file name; exporting never replaces the workspace.');
    }
    const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    let fd: number;
    try {
      fd = openSync(temp, 'wx', 0o644);
    } catch (err) {
      throw writeError(out, err);
    }
    return new AtomicOutput(path, temp, fd);
  }

  /** Writes `bytes`, fsyncs, renames into place and fsyncs the folder. On failure the temp file is gone. */
  commit(bytes: Uint8Array): void {
    const fd = this.#fd;
    if (fd === null) throw new ChanceryError('EXPORT_UNWRITABLE', `The export to ${this.path} was already finished or abandoned; export again.`);
    try {
      let written = 0;
      while (written < bytes.byteLength) written += writeSync(fd, bytes, written, bytes.byteLength - written);
      fsyncSync(fd);
      closeSync(fd);
      this.#fd = null;
      renameSync(this.#temp, this.path);
    } catch (err) {
      this.abort();
      throw writeError(this.path, err);
    }
    syncFolder(dirname(this.path));
  }

  /** Gives up: closes and removes the temp file (idempotent; never throws). */
  abort(): void {
    if (this.#fd !== null) {
      try {
        closeSync(this.#fd);
      } catch {
        // already unusable; removing it is what matters
      }
      this.#fd = null;
    }
    try {
      rmSync(this.#temp, { force: true });
    } catch {
      // the folder went away or became read-only: nothing more can be done about a temp file there
    }
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** The folder entry of the rename is durable too (best effort: not every system can fsync a folder). */
function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Windows and some file systems refuse; the file itself is already fsynced
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function unwritable(out: string, why: string, todo: string): ChanceryError {
  return new ChanceryError('EXPORT_UNWRITABLE', `Cannot export to ${out}: ${why}. ${todo}`);
}

/** A write failure in the user's words: a full disk is DISK_FULL, anything else EXPORT_UNWRITABLE. */
function writeError(out: string, err: unknown): ChanceryError {
  if (err instanceof ChanceryError) return err;
  const code = errorCodeOf(err) ?? 'unknown error';
  const detail = err instanceof Error ? err.message : String(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ChanceryError('DISK_FULL', `Cannot export to ${out}: the disk is full (${code}). Free some space or choose another disk; nothing was written.`, { cause: err });
  }
  const why =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? 'you may not write in that folder'
      : code === 'ENOENT' || code === 'ENOTDIR'
        ? 'that folder cannot hold files'
        : 'writing there failed';
  return new ChanceryError(
    'EXPORT_UNWRITABLE',
    `Cannot export to ${out}: ${why} (${code}: ${detail}). Choose a folder you can write to; nothing was written.`,
    { cause: err },
  );
}
