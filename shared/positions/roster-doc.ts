import type * as Y from 'yjs';
import { ChanceryError } from '../errors';
import { recordId } from './canonical';
import type { RosterEntry } from './model';

/** Root Y.Map of the manifest's Y.Doc holding the signed roster, keyed by {@link recordId}. */
export const ROSTER_ROOT = 'roster';
/** The manifest's meta map, where the convener key is pinned. */
export const META_ROOT = 'workspace';
/** Key of the pinned convener in {@link META_ROOT}. */
export const CONVENER_KEY = 'convener';

function rosterMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ROSTER_ROOT);
}

/**
 * Adds a signed roster entry under its id and returns the id; an entry already present writes
 * nothing. The roster is append-only: removals are `remove` entries, never deletions.
 */
export function addRosterEntry(doc: Y.Doc, entry: RosterEntry, origin: unknown): string {
  const id = recordId(entry);
  const map = rosterMap(doc);
  if (!map.has(id)) doc.transact(() => map.set(id, { ...entry }), origin);
  return id;
}

/** Every stored roster entry, raw (checked by `ResolvedRoster.resolve`). */
export function readRosterEntries(doc: Y.Doc): [string, unknown][] {
  return [...rosterMap(doc).entries()];
}

/** The convener key pinned at creation; null for a workspace nobody convened (older files, the CLI). */
export function pinnedConvener(doc: Y.Doc): string | null {
  const value = doc.getMap<unknown>(META_ROOT).get(CONVENER_KEY);
  return typeof value === 'string' ? value : null;
}

/**
 * Pins the convener, the root of trust for the roster. Once set it can never change: whoever could
 * re-pin it could admit anyone. Pinning the same key again is a no-op; another key throws.
 */
export function pinConvener(doc: Y.Doc, key: string, origin: unknown): void {
  const current = pinnedConvener(doc);
  if (current === key) return;
  if (current !== null) {
    throw new ChanceryError('NOT_AUTHORISED', `This workspace was convened by ${current}; its convener cannot be changed to ${key}.`);
  }
  doc.transact(() => doc.getMap<unknown>(META_ROOT).set(CONVENER_KEY, key), origin);
}
