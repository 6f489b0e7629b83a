import { ChanceryError } from '../../../shared/errors';

/**
 * Which workspace files this process has open, keyed by file identity (device + inode).
 *
 * SQLite locks files with POSIX advisory locks, and POSIX drops *all* of a process's locks on a
 * file as soon as the process closes *any* descriptor for that file (SQLite's "How To Corrupt An
 * SQLite Database File", §2.2). The store reads a file's header with plain `fs` before handing it to
 * SQLite; doing that while another store in this process holds the file would silently release
 * that store's exclusive lock and let a second process write concurrently. So a second open of the
 * same file in the same process is refused here, before any descriptor is opened. Device + inode
 * (not the path string) also catches the same file reached through a symlink, a hard link or a
 * differently spelled path.
 */
const openFiles = new Map<string, string>();

/** Refuses (WORKSPACE_LOCKED) when this process already has the file open. */
export function assertNotOpenInThisProcess(identity: string, path: string): void {
  const holder = openFiles.get(identity);
  if (holder === undefined) return;
  throw new ChanceryError(
    'WORKSPACE_LOCKED',
    `"${path}" is already open in this Chancery process` +
      (holder === path ? '' : ` (as "${holder}")`) +
      ` — in another window, or by an export or merge still running; close it there first.`,
  );
}

/** Records the file as open; call only after {@link assertNotOpenInThisProcess} passed. */
export function claimFile(identity: string, path: string): void {
  assertNotOpenInThisProcess(identity, path);
  openFiles.set(identity, path);
}

/** Forgets the file; safe to call more than once. */
export function releaseFile(identity: string): void {
  openFiles.delete(identity);
}
