import type * as Y from 'yjs';
import { recordId } from './canonical';
import type { PositionRecord } from './model';

/** Root Y.Map of a framework document's Y.Doc holding its positions, keyed by {@link recordId}. */
export const POSITIONS_ROOT = 'positions';

/**
 * Positions live beside the text in the document's own Y.Doc, so they sync, merge and are saved
 * with it (and a copied file carries them). Append-only: the only write is adding a new key.
 */
export function positionsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(POSITIONS_ROOT);
}

/**
 * Adds a signed record under its id and returns the id. Adding a record already present writes
 * nothing (its key holds exactly this record), so a retry never makes a second update.
 */
export function addPositionRecord(doc: Y.Doc, record: PositionRecord, origin: unknown): string {
  const id = recordId(record);
  const map = positionsMap(doc);
  if (!map.has(id)) doc.transact(() => map.set(id, { ...record }), origin);
  return id;
}

/** Every stored entry, raw (the values are unchecked: a merge may have brought anything the gate let pass). */
export function readPositionEntries(doc: Y.Doc): [string, unknown][] {
  return [...positionsMap(doc).entries()];
}
