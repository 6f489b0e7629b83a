/**
 * Save status: whether every local edit has reached the workspace file. Each replica reports its
 * own; the window shows the worst of them, because "All changes saved" must be true for all.
 */

export type SaveState = 'saved' | 'saving' | 'error';

export interface SaveStatus {
  state: SaveState;
  /** Why the last save failed (a user-facing message); null unless `state` is `error`. */
  message: string | null;
}

/** The status of a replica with nothing pending. Frozen so it can be shared and compared. */
export const SAVED: SaveStatus = Object.freeze({ state: 'saved', message: null });

/** The status while pushes are in flight. */
export const SAVING: SaveStatus = Object.freeze({ state: 'saving', message: null });

/** A failed save, carrying the message to show after "Not saved: ". */
export function saveError(message: string): SaveStatus {
  return { state: 'error', message };
}

const RANK: Record<SaveState, number> = { saved: 0, saving: 1, error: 2 };

/**
 * Combines the statuses of several replicas: an error anywhere wins (its message is the first
 * error's), then saving, then saved. An empty list is saved.
 */
export function combineStatuses(statuses: Iterable<SaveStatus>): SaveStatus {
  let worst: SaveStatus = SAVED;
  for (const status of statuses) {
    if (RANK[status.state] > RANK[worst.state]) worst = status;
  }
  return worst;
}

/** True when two statuses would render the same. */
export function sameStatus(a: SaveStatus, b: SaveStatus): boolean {
  return a.state === b.state && a.message === b.message;
}

/** The text the status line shows (see e2e/UI-CONTRACT.md). */
export function statusText(status: SaveStatus): string {
  switch (status.state) {
    case 'saved':
      return 'All changes saved';
    case 'saving':
      return 'Saving…';
    case 'error':
      return `Not saved: ${status.message ?? 'the last change could not be written.'}`;
  }
}
