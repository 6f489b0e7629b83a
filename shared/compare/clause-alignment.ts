import { diffArrays } from 'diff';

/**
 * How clauses line up between two versions, by stable id. Order is judged only among the
 * clauses both versions keep: the longest common order of those stays put and everything else
 * moved, so an insertion or a deletion above a clause never makes it look moved, and one clause
 * dragged from 3 to 7 is one move, not four.
 */

/** Where the clauses both versions keep sit, and which of them moved. */
export interface ClauseMoves {
  /** Ids outside the longest common order of the kept clauses. */
  moved: Set<string>;
  /**
   * Per moved id: the id of the kept clause that preceded it in the older order (null when it
   * was the first kept clause), for "moved from after para 3".
   */
  fromAfter: Map<string, string | null>;
}

/** The moves among the ids both orders contain (each id at most once per order). */
export function findMoves(olderIds: readonly string[], newerIds: readonly string[]): ClauseMoves {
  const inNewer = new Set(newerIds);
  const inOlder = new Set(olderIds);
  const olderKept = olderIds.filter((id) => inNewer.has(id));
  const newerKept = newerIds.filter((id) => inOlder.has(id));
  const moved = new Set<string>();
  for (const change of diffArrays(olderKept, newerKept)) {
    if (change.added || change.removed) for (const id of change.value) moved.add(id);
  }
  const fromAfter = new Map<string, string | null>();
  let previous: string | null = null;
  for (const id of olderKept) {
    if (moved.has(id)) fromAfter.set(id, previous);
    previous = id;
  }
  return { moved, fromAfter };
}

/**
 * Merges what only the older version has into the newer reading order: each older-only item goes
 * right after the item that preceded it in the older version and still stands there (or at the
 * start), several in their older order. A moved item is no anchor: a clause removed from under a
 * clause that has since moved away stays where it stood, not next to the clause's new place.
 * `olderKeys` is the older order, with null for items only the older version has; `newerKeys` the
 * newer order; `moved` the keys that moved. Returns the merged order as `{ side, index }`.
 */
export function mergeReadingOrder(
  olderKeys: readonly (string | null)[],
  newerKeys: readonly string[],
  moved: ReadonlySet<string> = new Set(),
): { side: 'older' | 'newer'; index: number }[] {
  const after = new Map<string | null, number[]>();
  let anchor: string | null = null;
  olderKeys.forEach((key, index) => {
    if (key === null) {
      const list = after.get(anchor) ?? [];
      list.push(index);
      after.set(anchor, list);
    } else if (!moved.has(key)) {
      anchor = key;
    }
  });
  const out: { side: 'older' | 'newer'; index: number }[] = [];
  const emitAfter = (key: string | null): void => {
    for (const index of after.get(key) ?? []) out.push({ side: 'older', index });
    after.delete(key);
  };
  emitAfter(null);
  newerKeys.forEach((key, index) => {
    out.push({ side: 'newer', index });
    emitAfter(key);
  });
  // An anchor the newer order does not contain cannot happen for well-formed keys; keep its items anyway.
  for (const key of [...after.keys()]) emitAfter(key);
  return out;
}
