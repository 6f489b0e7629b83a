import * as Y from 'yjs';
import { ChanceryError } from '../errors';
import { recordId } from './canonical';
import type { PositionRecord, RosterEntry } from './model';
import { parsePositionRecord, parseRosterEntry } from './record-schema';

/**
 * The gate's rule for the two append-only record maps (a document's positions, the manifest's
 * roster), whoever sent the update: a key holds exactly the record it is the id of, as plain JSON,
 * and a key once written is never removed. Content addressing makes a rewrite impossible without
 * failing the id check, so "never rewritten" needs no history. A record whose *signature* fails
 * is still stored: it is shown as invalid, which is the point of keeping the history.
 */

/** Any Yjs shared type, whatever its event type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type YType = Y.AbstractType<any>;

/** Which of the two record maps is being checked, for the parser and for messages. */
export type RecordKind = 'position' | 'roster';

const WHAT: Record<RecordKind, { map: string; record: string; plural: string }> = {
  position: { map: 'The positions', record: 'position', plural: 'positions' },
  roster: { map: 'The roster', record: 'roster entry', plural: 'roster entries' },
};

function refuse(message: string): never {
  throw new ChanceryError('INVALID_UPDATE', message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Refuses a root that is not a map: the type Yjs creates for a root nobody has asked for yet is a
 * bare shared type, which is fine as long as it holds keyed entries only (no list content).
 */
export function checkRecordRoot(type: YType, kind: RecordKind): void {
  if (!(type instanceof Y.Map) && type.constructor !== Y.AbstractType) refuse(`${WHAT[kind].map} part is not a map of records.`);
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted) refuse(`${WHAT[kind].map} part holds a list instead of records keyed by their id.`);
  }
}

/** The current value under `key` of a map-like type, or `deleted` when the key was removed. */
function liveValue(type: YType, key: string): { deleted: true } | { deleted: false; value: unknown } {
  const item = type._map.get(key);
  if (item === undefined || item.deleted) return { deleted: true };
  const content = item.content.getContent();
  return { deleted: false, value: content[content.length - 1] };
}

/**
 * Checks the entries `keys` of a record map (the keys a transaction touched, or all of them for
 * a whole document). Throws INVALID_UPDATE naming the key and what is wrong.
 */
export function checkRecordKeys(type: YType, keys: Iterable<string>, kind: RecordKind): void {
  const what = WHAT[kind];
  for (const key of keys) {
    const shown = JSON.stringify(String(key).slice(0, 60));
    const live = liveValue(type, key);
    if (live.deleted) refuse(`${what.map} would lose the ${what.record} ${shown}: ${what.plural} are never removed or rewritten.`);
    if (!isPlainObject(live.value)) refuse(`${what.map} would get ${shown} holding something other than a ${what.record}.`);
    let record: PositionRecord | RosterEntry;
    try {
      record = kind === 'position' ? parsePositionRecord(live.value) : parseRosterEntry(live.value);
    } catch (err) {
      refuse(`${what.map} would get ${shown}, which ${(err as Error).message.replace(/^An? [a-z ]+ is /u, 'is ')}`);
    }
    if (recordId(record) !== key) {
      refuse(`${what.map} would get a ${what.record} under ${shown}, which is not its id: ${what.plural} are never removed or rewritten.`);
    }
  }
}

/** Every key ever written to a map-like type (removed ones included, so a removal is caught). */
export function allRecordKeys(type: YType): string[] {
  return [...type._map.keys()];
}
