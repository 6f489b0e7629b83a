import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ChanceryError } from '../../../shared/errors';
import { errorCodeOf, toStoreError } from './sqlite-errors';

/**
 * Creates a file under its real name only once it is complete, and never over an existing file.
 *
 * The new workspace is built in a hidden temp file in the same folder (same file system, so the
 * final step is a directory operation, not a copy) and then hard-linked to the real name: link(2)
 * fails with EEXIST instead of replacing, so a file that appeared meanwhile is never overwritten,
 * and a crash at any point leaves either no file or a complete one under the real name (at worst
 * a stray hidden `.name.*.creating` temp file).
 */

/** Errors from link(2) on file systems without hard links (FAT/exFAT USB sticks, some shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

function existsError(path: string): ChanceryError {
  return new ChanceryError(
    'WORKSPACE_EXISTS',
    `"${path}" already exists, and Chancery never overwrites a file when creating a workspace; it was ` +
      `left untouched. Choose another name, or open the existing workspace instead.`,
  );
}

function exists(path: string): boolean {
  try {
    lstatSync(path); // lstat: a dangling symlink also counts as "something is there"
    return true;
  } catch (err) {
    if (errorCodeOf(err) === 'ENOENT') return false;
    throw toStoreError(err, { path, action: 'create the workspace' });
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Only temp files are removed here; a leftover temp file is clutter, not data loss.
  }
}

/** Makes the new directory entry durable; best effort, as not every platform can fsync a folder. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the link itself.
  }
}

/**
 * Refuses early when `path` exists or its folder does not, so the caller does no work in vain.
 * `create` re-checks atomically when publishing.
 */
export function assertCreatable(path: string): void {
  const dir = dirname(resolve(path));
  let dirOk = false;
  try {
    dirOk = statSync(dir).isDirectory();
  } catch {
    dirOk = false;
  }
  if (!dirOk) {
    throw new ChanceryError(
      'INVALID_ARGUMENT',
      `Cannot create "${path}": the folder "${dir}" does not exist. Choose an existing folder.`,
    );
  }
  if (exists(path)) throw existsError(path);
}

/** Puts the finished temp file under the real name without ever replacing an existing file. */
function publish(temp: string, path: string): void {
  try {
    linkSync(temp, path);
    return;
  } catch (err) {
    const code = errorCodeOf(err);
    if (code === 'EEXIST') throw existsError(path);
    if (code === undefined || !NO_HARD_LINKS.has(code)) {
      throw toStoreError(err, { path, action: 'create the workspace' });
    }
  }
  // No hard links here: rename is still atomic for the content, but it would replace a file, so
  // check first. The remaining race (another program creating the same name in the microseconds
  // between check and rename) is accepted on such file systems only.
  if (exists(path)) throw existsError(path);
  try {
    renameSync(temp, path);
  } catch (err) {
    throw toStoreError(err, { path, action: 'create the workspace' });
  }
}

/**
 * Runs `build(tempPath)` to write the complete file, then publishes it as `path`.
 * `build` must have closed the file when it returns. Temp files are removed whatever happens.
 */
export function createAtomically(path: string, build: (tempPath: string) => void): void {
  assertCreatable(path);
  const absolute = resolve(path);
  const dir = dirname(absolute);
  const temp = join(dir, `.${basename(absolute)}.${process.pid}-${randomBytes(4).toString('hex')}.creating`);
  try {
    try {
      build(temp);
    } catch (err) {
      throw toStoreError(err, { path, action: 'create the workspace' });
    }
    publish(temp, absolute);
    syncDirectory(dir);
  } finally {
    removeIfPresent(temp);
    removeIfPresent(`${temp}-journal`);
  }
}
