/**
 * Row 3: the workspace file on disk after its session closed (main compacts every doc with more
 * than one stored update, folds the WAL back and returns freed pages), against the UTF-8 bytes of
 * the plain text of every document it lists.
 */
import { existsSync, statSync } from 'node:fs';
import { rowCounts, workspacePlainText } from './workspace-file';

export interface FileSize {
  fileBytes: number;
  plainTextBytes: number;
  /** Stored Yjs update rows per doc (1 each = compacted). */
  rows: number;
}

export function measureFileSize(path: string): FileSize {
  for (const side of ['-wal', '-journal']) {
    if (existsSync(`${path}${side}`) && statSync(`${path}${side}`).size > 0) {
      throw new Error(`${path}${side} is left beside the workspace: the session did not close cleanly`);
    }
  }
  const rows = [...rowCounts(path).values()].reduce((a, b) => a + b, 0);
  return { fileBytes: statSync(path).size, plainTextBytes: workspacePlainText(path).bytes, rows };
}
