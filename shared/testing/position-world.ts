import { recordId } from '../positions/canonical';
import type { PositionRecord, PositionStatus, RosterEntry, UnsignedPosition, UnsignedRosterEntry } from '../positions/model';
import { signPosition, signRosterEntry, type Signer } from '../positions/signing';
import { testTime, type TestKeys } from './test-keys';

/**
 * A small negotiation with every kind of key the position rules tell apart — convener, heads,
 * members, an observer, a member removed mid-round, a key nobody admitted, and a second workspace
 * with keys of its own — plus a baseline of valid positions. The forgery generator tampers with
 * it; the roster and resolution tests build on it. Everything is drawn from one seeded source.
 */

/** The parties of the test workspace. */
export const WORLD_PARTIES = ['ARC', 'BOR', 'VEL'] as const;

/** When the removed member (VEL) was removed, in test minutes. */
export const REMOVED_AT_MINUTE = 20;

/** Baseline positions are given between these test minutes (before the removal). */
export const BASELINE_MINUTES = [6, 19] as const;

/** What {@link buildPositionWorld} returns. */
export interface PositionWorld {
  workspaceId: string;
  docId: string;
  otherDocId: string;
  convener: Signer;
  parties: readonly string[];
  heads: Record<string, Signer>;
  members: Record<string, Signer>;
  observer: Signer;
  /** A VEL member admitted at minute 4 and removed at {@link REMOVED_AT_MINUTE}. */
  removed: Signer;
  /** A key nobody admitted. */
  outsider: Signer;
  /** Another negotiation: its convener and an ARC head admitted there, not here. */
  foreign: { workspaceId: string; convener: Signer; head: Signer; roster: [string, RosterEntry][] };
  roster: [string, RosterEntry][];
  /** Clause ids and the hash of their current text. */
  clauses: { id: string; hash: string }[];
  /** Valid positions stored in `docId`. */
  positions: [string, PositionRecord][];
}

/** A seeded source's helpers. */
export interface Draw {
  random: () => number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  hex(n: number): string;
}

/** Wraps a seeded random source with the helpers the generators use. */
export function draw(random: () => number): Draw {
  const int = (n: number) => Math.floor(random() * n);
  return {
    random,
    int,
    pick: <T>(items: readonly T[]) => items[int(items.length)]!,
    hex: (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join(''),
  };
}

/** The fields of a roster entry a caller gives (`v` and `signer` are filled in), per action. */
export type RosterFields = UnsignedRosterEntry extends infer E ? (E extends UnsignedRosterEntry ? Omit<E, 'v' | 'signer'> : never) : never;

/** Signs a roster entry with `signer` (its `signer` field filled in) and pairs it with its id. */
export function rosterEntry(signer: Signer, fields: RosterFields): [string, RosterEntry] {
  const entry = signRosterEntry({ v: 1, ...fields, signer: signer.publicKey } as UnsignedRosterEntry, signer);
  return [recordId(entry), entry];
}

/** Signs a position with `signer` (its `member` field filled in) and pairs it with its id. */
export function positionEntry(signer: Signer, fields: Omit<UnsignedPosition, 'v' | 'member'>): [string, PositionRecord] {
  const record = signPosition({ v: 1, ...fields, member: signer.publicKey }, signer);
  return [recordId(record), record];
}

const STATUSES: readonly PositionStatus[] = ['accepted', 'accepted-ad-ref', 'reserved', 'disputed', 'withdrawn'];

function chain(workspaceId: string, convener: Signer, parties: readonly string[], heads: Record<string, Signer>): [string, RosterEntry][] {
  return [
    rosterEntry(convener, { action: 'convene', workspaceId, at: testTime(1), name: 'The Convener' }),
    ...parties.map((code, i) => rosterEntry(convener, { action: 'party', workspaceId, at: testTime(2), party: code, name: `Party ${code}`, colour: ['#1f5fbf', '#c27c0e', '#0f8a7e'][i % 3]! })),
    ...parties.map((code) => rosterEntry(convener, { action: 'admit', workspaceId, at: testTime(3), key: heads[code]!.publicKey, name: `Head of ${code}`, role: 'head', party: code })),
  ];
}

/** Builds the world; `keys` and `d` must come from the same seed for a replayable run. */
export function buildPositionWorld(keys: TestKeys, d: Draw): PositionWorld {
  const workspaceId = `ws-${d.hex(8)}`;
  const convener = keys.next();
  const heads: Record<string, Signer> = {};
  const members: Record<string, Signer> = {};
  for (const code of WORLD_PARTIES) heads[code] = keys.next();
  for (const code of WORLD_PARTIES) members[code] = keys.next();
  const observer = keys.next();
  const removed = keys.next();
  const outsider = keys.next();
  const roster = [
    ...chain(workspaceId, convener, WORLD_PARTIES, heads),
    ...WORLD_PARTIES.map((code) => rosterEntry(heads[code]!, { action: 'admit', workspaceId, at: testTime(4), key: members[code]!.publicKey, name: `Member of ${code}`, role: 'member', party: code })),
    rosterEntry(convener, { action: 'admit', workspaceId, at: testTime(5), key: observer.publicKey, name: 'An Observer', role: 'observer' }),
    rosterEntry(heads.VEL!, { action: 'admit', workspaceId, at: testTime(4), key: removed.publicKey, name: 'Removed Member', role: 'member', party: 'VEL' }),
    rosterEntry(heads.VEL!, { action: 'remove', workspaceId, at: testTime(REMOVED_AT_MINUTE), key: removed.publicKey }),
  ];
  const foreignId = `ws-${d.hex(8)}`;
  const foreignConvener = keys.next();
  const foreignHead = keys.next();
  const foreign = { workspaceId: foreignId, convener: foreignConvener, head: foreignHead, roster: chain(foreignId, foreignConvener, ['ARC'], { ARC: foreignHead }) };

  const docId = 'framework';
  const clauses = Array.from({ length: 4 }, () => ({ id: `c-${d.hex(16)}`, hash: d.hex(64) }));
  const positions: [string, PositionRecord][] = [];
  const [from, to] = BASELINE_MINUTES;
  for (const clause of clauses) {
    for (const party of WORLD_PARTIES) {
      const signers = party === 'VEL' ? [heads[party]!, members[party]!, removed] : [heads[party]!, members[party]!];
      for (let n = d.int(3); n > 0; n--) {
        const status = d.pick(STATUSES);
        positions.push(
          positionEntry(d.pick(signers), {
            workspaceId, docId, clauseId: clause.id, party, status,
            textHash: d.random() < 0.2 ? d.hex(64) : clause.hash,
            ...(d.random() < 0.3 ? { comment: `Comment ${d.hex(6)}` } : {}),
            ...(status === 'disputed' && d.random() < 0.5 ? { proposal: `Alternative ${d.hex(6)}` } : {}),
            at: testTime(from + d.random() * (to - from - 1)),
          }),
        );
      }
    }
  }
  // The first clause is agreed by all on its current text, so a forgery has agreement to break.
  for (const party of WORLD_PARTIES) {
    positions.push(positionEntry(heads[party]!, { workspaceId, docId, clauseId: clauses[0]!.id, party, status: 'accepted', textHash: clauses[0]!.hash, at: testTime(to - 0.5) }));
  }
  return { workspaceId, docId, otherDocId: 'annex-1', convener, parties: WORLD_PARTIES, heads, members, observer, removed, outsider, foreign, roster, clauses, positions };
}
