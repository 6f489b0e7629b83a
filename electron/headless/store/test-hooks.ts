import { ChanceryError } from '../../../shared/errors';
import { connectionOf } from './connection-access';
import { setCreationPageLimit } from './creation-limits';
import type { WorkspaceStore } from './workspace-store';

/**
 * Test-only levers on a store's SQLite connection. Nothing in the app imports this module.
 */

/**
 * Caps how many pages the file may grow to (SQLite's `max_page_count`), which makes SQLite report
 * SQLITE_FULL exactly as a full disk would. Pass `'current'` to forbid any growth, or a page count
 * to raise the cap again. The cap lives on the connection only: it is not stored in the file.
 * Returns the cap now in force.
 */
export function setMaxPageCountForTesting(store: WorkspaceStore, maxPages: number | 'current'): number {
  const db = connectionOf(store);
  if (!db || !db.open) {
    throw new ChanceryError('WORKSPACE_NOT_OPEN', `"${store.path}" is not open; open it before limiting its size.`);
  }
  const pages = maxPages === 'current' ? Number(db.pragma('page_count', { simple: true })) : maxPages;
  if (!Number.isInteger(pages) || pages < 1) {
    throw new ChanceryError(
      'INVALID_ARGUMENT',
      `max_page_count must be a positive whole number, got ${String(maxPages)}.`,
    );
  }
  return Number(db.pragma(`max_page_count = ${pages}`, { simple: true }));
}

/**
 * Makes every `WorkspaceStore.create` until the returned function is called build its file with at
 * most `pages` pages (SQLite's `max_page_count`), so creation fails with DISK_FULL at that size.
 */
export function limitCreationPagesForTesting(pages: number): () => void {
  if (!Number.isInteger(pages) || pages < 1) {
    throw new ChanceryError('INVALID_ARGUMENT', `A page limit must be a positive whole number, got ${String(pages)}.`);
  }
  setCreationPageLimit(pages);
  return () => setCreationPageLimit(undefined);
}
