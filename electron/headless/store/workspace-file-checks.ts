import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { ChanceryError } from '../../../shared/errors';
import { assertFormatSupported, CHANCERY_APPLICATION_ID } from './schema-migrations';
import { errorCodeOf, toStoreError } from './sqlite-errors';

/**
 * Checks made with plain `fs` before SQLite sees a file.
 *
 * Handing an arbitrary file to SQLite can change it (SQLite may create -wal/-shm files beside it,
 * roll back a journal, or treat an empty file as a fresh database), so everything that can be
 * decided from `stat` and the 100-byte SQLite header is decided here: missing, folder, empty, not
 * SQLite, another program's database, too new, visibly truncated. A file refused here was never
 * opened by SQLite and is byte-for-byte as it was, with nothing created beside it.
 */

/** SQLite's file header is 100 bytes; see https://sqlite.org/fileformat.html#the_database_header */
const HEADER_BYTES = 100;
const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** What stat tells us; `identity` is device + inode, stable across paths to the same file. */
export interface FileFacts {
  identity: string;
  size: number;
}

/** Stats the path (following symlinks) and refuses anything that is not a non-empty regular file. */
export function statWorkspaceFile(path: string): FileFacts {
  let st;
  try {
    st = statSync(path, { bigint: true });
  } catch (err) {
    const code = errorCodeOf(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ChanceryError(
        'WORKSPACE_NOT_FOUND',
        `There is no workspace file at "${path}". Check the path (it may have been moved or renamed, ` +
          `or be on a disk that is not connected), or create a new workspace there.`,
        { cause: err },
      );
    }
    throw toStoreError(err, { path, action: 'open the workspace' });
  }
  if (st.isDirectory()) {
    throw new ChanceryError(
      'WORKSPACE_FOREIGN',
      `"${path}" is a folder, not a Chancery workspace file. Choose the .chancery file itself.`,
    );
  }
  if (!st.isFile()) {
    throw new ChanceryError(
      'WORKSPACE_FOREIGN',
      `"${path}" is not a regular file (it is a device, pipe or socket), so it cannot be a Chancery ` +
        `workspace. Choose a .chancery file.`,
    );
  }
  const size = Number(st.size);
  if (size === 0) {
    throw new ChanceryError(
      'WORKSPACE_CORRUPT',
      `"${path}" is empty (0 bytes), probably the result of an interrupted copy or download. Copy it ` +
        `again from where it came from, or restore it from a backup. The file was left untouched.`,
    );
  }
  return { identity: `${st.dev}:${st.ino}`, size };
}

function readHeader(path: string): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw toStoreError(err, { path, action: 'open the workspace' });
  }
  try {
    let filled = 0;
    while (filled < HEADER_BYTES) {
      const n = readSync(fd, header, filled, HEADER_BYTES - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return header.subarray(0, filled);
  } catch (err) {
    throw toStoreError(err, { path, action: 'read the workspace' });
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and checks the header. Must not be called while this process holds the file open in
 * SQLite (see open-registry.ts): closing our descriptor would drop SQLite's POSIX locks.
 *
 * @param walBytes size of the `-wal` file beside it (0 if none): a non-empty WAL may legitimately
 *   hold pages beyond the end of the main file, so the truncation check is skipped then.
 */
export function checkHeader(path: string, size: number, walBytes: number): void {
  const header = readHeader(path);
  if (header.length < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new ChanceryError(
      'WORKSPACE_CORRUPT',
      `"${path}" is not a readable Chancery workspace: it does not start with the SQLite header every ` +
        `workspace file has. If you picked the wrong file, choose a .chancery file; otherwise it is ` +
        `damaged: restore it from a backup or a colleague's copy. The file was left untouched.`,
    );
  }
  const applicationId = header.readUInt32BE(68);
  if (applicationId !== CHANCERY_APPLICATION_ID) {
    throw new ChanceryError(
      'WORKSPACE_FOREIGN',
      `"${path}" is an SQLite database made by another program (application id ` +
        `0x${applicationId.toString(16).padStart(8, '0')}), not a Chancery workspace. Choose a .chancery ` +
        `file; Chancery did not change this one.`,
    );
  }
  assertFormatSupported(header.readInt32BE(60), path);

  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const validPageSize = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
  // The in-header page count is trustworthy only when "version-valid-for" matches the change counter.
  const headerPages = header.readUInt32BE(92) === header.readUInt32BE(24) ? header.readUInt32BE(28) : 0;
  const expected = headerPages * pageSize;
  if (!validPageSize || size % pageSize !== 0 || (walBytes === 0 && size < expected)) {
    const should = validPageSize && expected > size ? ` it should be ${expected} bytes but has ${size};` : '';
    throw new ChanceryError(
      'WORKSPACE_CORRUPT',
      `"${path}" is a Chancery workspace but it is incomplete or damaged:` +
        `${should || ' its size does not match its header;'} ` +
        `an interrupted copy or download can do this. Copy it again from where it came from, or restore ` +
        `it from a backup. The file was left untouched.`,
    );
  }
}

/** Size of a side file (`-wal`, `-journal`), 0 when absent. */
export function sideFileBytes(path: string): number {
  try {
    return Number(statSync(path).size);
  } catch (err) {
    if (errorCodeOf(err) === 'ENOENT') return 0;
    throw toStoreError(err, { path, action: 'open the workspace' });
  }
}
