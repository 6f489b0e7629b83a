import * as Y from 'yjs';
import { resolveClauseIds } from '../../../shared/schema/clause-id-resolution';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { ORIGIN_CLAUSE_IDS } from '../../../shared/sync/origins';

/**
 * Keeps clause ids unique in a hub doc after an update from outside. Editors repair the
 * duplicates they make themselves (a split, a paste); duplicates that only appear when two
 * delegations' concurrent work meets are the hub's to resolve, the same way on every machine
 * (`resolveClauseIds`). The repair is an ordinary edit by main (origin `clause-ids`): stored, then
 * sent to every window, including the one whose update caused it.
 */

/** Whether `tr` added or removed top-level blocks or changed a top-level clause's id. */
function touchesClauseIds(tr: Y.Transaction, fragment: Y.XmlFragment): boolean {
  for (const [type, keys] of tr.changed) {
    if ((type as unknown) === fragment) return true;
    if (type._item?.parent === fragment && keys.has('id')) return true;
  }
  return false;
}

/** Applies `update` to `doc` with `origin`, then resolves duplicate clause ids if it could have made any. */
export function applyAndResolveClauseIds(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
  let structural = false;
  const onTransaction = (tr: Y.Transaction) => {
    structural ||= touchesClauseIds(tr, fragment);
  };
  doc.on('afterTransaction', onTransaction);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransaction', onTransaction);
  }
  if (structural) resolveClauseIds(fragment, ORIGIN_CLAUSE_IDS);
}
