import * as Y from 'yjs';

/** Any Yjs shared type, whatever its event type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type YType = Y.AbstractType<any>;

/**
 * The child of `fragment` that contains `type`, or null when `type` is outside it or deleted.
 * Both the hub's update check and its clause-position upkeep work per top-level block (a clause
 * is always one), so a transaction's changed types are mapped to the blocks they sit in: reading
 * only those keeps the cost of a keystroke independent of the document's length.
 */
export function topLevelAncestor(type: YType, fragment: Y.XmlFragment): YType | null {
  let current = type;
  for (;;) {
    const item = current._item;
    if (item === null || item.deleted) return null;
    if (item.parent === fragment) return current;
    if (!(item.parent instanceof Y.AbstractType)) return null;
    current = item.parent;
  }
}
