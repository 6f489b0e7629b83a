import * as Y from 'yjs';
import { topLevelAncestor, type YType } from '../../../shared/schema/top-level-block';

/**
 * What a transaction on a framework document changed, as far as positions care: which top-level
 * blocks (clauses) had their text or attributes touched, whether blocks were added, removed or
 * re-identified at the top level (then the clause list is re-read), and which keys of the
 * positions map were written. Collected on every transaction whatever its origin (a window, a
 * command, a repair, later the relay), so the positions follow the document without a recount.
 */


/** Changes gathered since the positions of a document were last brought up to date. */
export interface PendingChanges {
  /** Top-level blocks whose content or attributes changed. */
  blocks: Set<YType>;
  /** Blocks were inserted or deleted at the top level, or a top-level clause's id changed. */
  structural: boolean;
  /** Keys of the positions map that were set or deleted. */
  positionKeys: Set<string>;
}

/** Nothing pending. */
export function noChanges(): PendingChanges {
  return { blocks: new Set(), structural: false, positionKeys: new Set() };
}

/** True when there is nothing to bring up to date. */
export function isEmpty(changes: PendingChanges): boolean {
  return !changes.structural && changes.blocks.size === 0 && changes.positionKeys.size === 0;
}

/**
 * Adds what `tr` changed to `into`. `fragment` and `positions` are the document's text and
 * positions roots (typed: the caller asked for them with getXmlFragment / getMap). Reads only what
 * the transaction lists: O(changed types).
 */
export function collectChanges(tr: Y.Transaction, fragment: Y.XmlFragment, positions: Y.Map<unknown>, into: PendingChanges): void {
  for (const [type, keys] of tr.changed) {
    if ((type as unknown) === positions) {
      for (const key of keys) if (key !== null) into.positionKeys.add(key);
      continue;
    }
    if ((type as unknown) === fragment || type._item === null) {
      // Blocks added or removed at the top level (or another root, which the gate vets).
      into.structural = true;
      continue;
    }
    const block = topLevelAncestor(type, fragment);
    if (block === null) continue;
    if (block === type && keys.has('id')) into.structural = true;
    into.blocks.add(block);
  }
}
