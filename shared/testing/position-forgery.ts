import { recordId } from '../positions/canonical';
import type { PositionRecord, PositionStatus, RosterEntry } from '../positions/model';
import type { Signer } from '../positions/signing';
import { signInvitation } from '../live/invitation';
import { testTime } from './test-keys';
import { positionEntry, REMOVED_AT_MINUTE, rosterEntry, type Draw, type PositionWorld } from './position-world';

/**
 * Forged, tampered and replayed positions and roster entries against a {@link PositionWorld}:
 * what an attacker holding a copy of the workspace, some old records or a key of their own could
 * store. `forgery.test.ts` adds each case to the world and checks that nothing in it counts.
 */

/** The attacks generated; stable names, printed in the figures. */
export const FORGERY_KINDS = [
  'position-field-changed',
  'position-id-kept',
  'position-signature-swapped',
  'key-of-other-party',
  'key-of-other-workspace',
  'record-of-other-workspace',
  'copied-to-other-clause',
  'copied-to-other-document',
  'removed-member-signing',
  'observer-signing',
  'convener-signing',
  'unknown-key-signing',
  'member-enrolled-by-non-head',
  'head-removed-then-enrolling',
  'key-in-two-parties',
  'replayed-older-record',
  'acceptance-on-changed-text',
  'roster-field-changed',
  'roster-signature-swapped',
  'roster-of-other-workspace',
  'roster-entry-by-non-convener',
  'second-convene',
  'claim-of-self-made-invitation',
  'claim-after-expiry',
  'invitation-claimed-twice',
] as const;

/** One of {@link FORGERY_KINDS}. */
export type ForgeryKind = (typeof FORGERY_KINDS)[number];

/** One generated attack. */
export interface ForgeryCase {
  kind: ForgeryKind;
  /** What was done, for a failure message. */
  what: string;
  /** Entries added to the document's positions map (none of them may count). */
  positions: [string, unknown][];
  /** Entries added to the roster (none of them may be valid). */
  roster: [string, unknown][];
  /** Legitimate roster entries the scenario needs first (valid, e.g. a head's removal). */
  setup: [string, RosterEntry][];
  /** Clauses whose text changed since: clause id → new hash. */
  changedText: Map<string, string>;
}

const STATUSES: readonly PositionStatus[] = ['accepted', 'accepted-ad-ref', 'reserved', 'disputed', 'withdrawn'];

function other<T>(d: Draw, items: readonly T[], not: T): T {
  const rest = items.filter((i) => i !== not);
  return d.pick(rest);
}

/** A record field changed to another value that still has the right shape (or, for `v`, not). */
function tamperPosition(d: Draw, w: PositionWorld, record: PositionRecord): { field: string; value: Record<string, unknown> } {
  const field = d.pick(['workspaceId', 'docId', 'clauseId', 'party', 'status', 'textHash', 'comment', 'proposal', 'at', 'member', 'v'] as const);
  const copy: Record<string, unknown> = { ...record };
  const keys = [...Object.values(w.heads), ...Object.values(w.members), w.convener, w.outsider].map((k) => k.publicKey);
  switch (field) {
    case 'workspaceId': copy.workspaceId = other(d, [w.workspaceId, w.foreign.workspaceId, 'ws-x'], record.workspaceId); break;
    case 'docId': copy.docId = other(d, [w.docId, w.otherDocId, 'annex-2'], record.docId); break;
    case 'clauseId': copy.clauseId = other(d, w.clauses.map((c) => c.id), record.clauseId); break;
    case 'party': copy.party = other(d, w.parties, record.party); break;
    case 'status': copy.status = other(d, STATUSES, record.status); break;
    case 'textHash': copy.textHash = other(d, [...w.clauses.map((c) => c.hash), d.hex(64)], record.textHash); break;
    case 'comment': copy.comment = record.comment === undefined ? 'Added after signing' : `${record.comment}!`; break;
    case 'proposal': copy.proposal = record.proposal === undefined ? 'Wording added after signing' : `${record.proposal}.`; break;
    case 'at': copy.at = testTime(d.random() < 0.5 ? 30 + d.random() * 100 : 6 + d.random() * 12); if (copy.at === record.at) copy.at = testTime(200); break;
    case 'member': copy.member = other(d, keys, record.member); break;
    case 'v': copy.v = 2; break;
  }
  return { field, value: copy };
}

function tamperRoster(d: Draw, w: PositionWorld, entry: RosterEntry): { field: string; value: Record<string, unknown> } {
  const copy: Record<string, unknown> = { ...entry };
  const keys = [...Object.values(w.heads), ...Object.values(w.members), w.observer, w.outsider].map((k) => k.publicKey);
  const fields = ['workspaceId', 'at', 'signer', 'v', ...Object.keys(entry).filter((k) => !['v', 'workspaceId', 'at', 'signer', 'signature', 'action'].includes(k))];
  if (entry.action === 'party' && entry.retired === undefined) fields.push('retired');
  const field = d.pick(fields);
  switch (field) {
    case 'workspaceId': copy.workspaceId = w.foreign.workspaceId; break;
    case 'at': copy.at = testTime(d.random() < 0.5 ? 0.5 : 30 + d.random() * 50); break;
    case 'signer': copy.signer = other(d, [w.convener.publicKey, ...keys], entry.signer); break;
    case 'v': copy.v = 2; break;
    case 'name': copy.name = `${String(copy.name)} (forged)`; break;
    case 'party': copy.party = other(d, w.parties, String(copy.party)); break;
    case 'colour': copy.colour = '#000000'; break;
    case 'retired': copy.retired = !(copy.retired === true); break;
    case 'key': copy.key = other(d, keys, String(copy.key)); break;
    case 'role': copy.role = other(d, ['head', 'member', 'observer'], String(copy.role)); if (copy.role === 'observer') delete copy.party; break;
  }
  return { field, value: copy };
}

const keyed = (value: Record<string, unknown>): [string, unknown] => [recordId(value as unknown as PositionRecord), value];

/** Generates one case of `kind` (or a random kind) from the seeded source. */
export function generateForgery(w: PositionWorld, d: Draw, kind: ForgeryKind = d.pick(FORGERY_KINDS)): ForgeryCase {
  const c: ForgeryCase = { kind, what: kind, positions: [], roster: [], setup: [], changedText: new Map() };
  const clause = d.pick(w.clauses);
  const party = d.pick(w.parties);
  const late = () => testTime(REMOVED_AT_MINUTE + 1 + d.random() * 100);
  const anyTime = () => testTime(6 + d.random() * 120);
  const sign = (signer: Signer, fields: Partial<PositionRecord> = {}) =>
    positionEntry(signer, {
      workspaceId: w.workspaceId, docId: w.docId, clauseId: clause.id, party, status: d.pick(STATUSES), textHash: clause.hash, at: anyTime(),
      ...fields,
    });
  const baseline = d.pick(w.positions);
  switch (kind) {
    case 'position-field-changed': {
      const t = tamperPosition(d, w, baseline[1]);
      c.what = `field ${t.field} of a valid position changed after signing`;
      c.positions.push(keyed(t.value));
      break;
    }
    case 'position-id-kept': {
      const t = tamperPosition(d, w, baseline[1]);
      c.what = `field ${t.field} changed, stored under the original id`;
      c.positions.push([baseline[0], t.value]);
      break;
    }
    case 'position-signature-swapped': {
      let donor = d.pick(w.positions)[1];
      if (donor.signature === baseline[1].signature) donor = w.positions.find((p) => p[1].signature !== baseline[1].signature)![1];
      c.positions.push(keyed({ ...baseline[1], signature: donor.signature }));
      break;
    }
    case 'key-of-other-party':
      c.positions.push(sign(d.pick([w.heads, w.members])[other(d, w.parties, party)]!, { at: late() }));
      break;
    case 'key-of-other-workspace':
      c.positions.push(sign(d.pick([w.foreign.head, w.foreign.convener]), { party: 'ARC' }));
      break;
    case 'record-of-other-workspace':
      c.positions.push(sign(w.foreign.head, { workspaceId: w.foreign.workspaceId, party: 'ARC', at: late() }));
      break;
    case 'copied-to-other-clause': {
      const target = other(d, w.clauses.map((x) => x.id), baseline[1].clauseId);
      c.positions.push(keyed({ ...baseline[1], clauseId: target, ...(d.random() < 0.5 ? { textHash: w.clauses.find((x) => x.id === target)!.hash } : {}) }));
      break;
    }
    case 'copied-to-other-document':
      // Validly signed by a member of the party, but for another document of the workspace.
      c.positions.push(sign(d.pick([w.heads, w.members])[party]!, { docId: w.otherDocId, at: late() }));
      break;
    case 'removed-member-signing':
      c.positions.push(sign(w.removed, { party: 'VEL', at: testTime(REMOVED_AT_MINUTE + d.random() * 100) }));
      break;
    case 'observer-signing':
      c.positions.push(sign(w.observer, { at: late() }));
      break;
    case 'convener-signing':
      c.positions.push(sign(w.convener, { at: late() }));
      break;
    case 'unknown-key-signing':
      c.positions.push(sign(w.outsider, { at: late() }));
      break;
    case 'member-enrolled-by-non-head': {
      const by = d.pick([w.members[party]!, w.observer, w.outsider, w.heads[other(d, w.parties, party)]!, w.removed, w.foreign.head]);
      const at = late();
      c.roster.push(rosterEntry(by, { action: 'admit', workspaceId: w.workspaceId, at, key: w.outsider.publicKey, name: 'Enrolled by a non-head', role: d.pick(['member', 'head'] as const), party }));
      c.positions.push(sign(w.outsider, { at: testTime(REMOVED_AT_MINUTE + 101 + d.random() * 10) }));
      break;
    }
    case 'head-removed-then-enrolling': {
      const removedAt = REMOVED_AT_MINUTE + 5 + d.random() * 10;
      c.setup.push(rosterEntry(w.convener, { action: 'remove', workspaceId: w.workspaceId, at: testTime(removedAt), key: w.heads[party]!.publicKey }));
      c.roster.push(rosterEntry(w.heads[party]!, { action: 'admit', workspaceId: w.workspaceId, at: testTime(removedAt + 1 + d.random() * 10), key: w.outsider.publicKey, name: 'Enrolled after removal', role: 'member', party }));
      c.positions.push(sign(w.outsider, { at: testTime(removedAt + 20) }));
      c.positions.push(sign(w.heads[party]!, { at: testTime(removedAt + d.random() * 10) }));
      break;
    }
    case 'key-in-two-parties': {
      const second = other(d, w.parties, party);
      c.roster.push(rosterEntry(w.heads[second]!, { action: 'admit', workspaceId: w.workspaceId, at: late(), key: w.members[party]!.publicKey, name: 'Also in another party', role: 'member', party: second }));
      c.positions.push(sign(w.members[party]!, { party: second, at: testTime(REMOVED_AT_MINUTE + 101) }));
      break;
    }
    case 'replayed-older-record': {
      // An older record than the current winner, replayed: re-added as is (same id) and carried
      // into another copy of the negotiation (a copy of the sample has the same ids).
      c.positions.push([baseline[0], { ...baseline[1] }]);
      c.positions.push(sign(w.foreign.head, { workspaceId: w.foreign.workspaceId, party: 'ARC', clauseId: baseline[1].clauseId, at: baseline[1].at }));
      break;
    }
    case 'acceptance-on-changed-text':
      c.changedText.set(w.clauses[0]!.id, d.hex(64));
      if (d.random() < 0.5) c.changedText.set(clause.id, d.hex(64));
      break;
    case 'roster-field-changed': {
      const [, entry] = d.pick(w.roster);
      const t = tamperRoster(d, w, entry);
      c.what = `field ${t.field} of a valid ${entry.action} entry changed after signing`;
      c.roster.push(keyed(t.value));
      break;
    }
    case 'roster-signature-swapped': {
      const [, entry] = d.pick(w.roster);
      const donor = w.roster.find(([, e]) => e.signature !== entry.signature && d.random() < 0.5) ?? w.roster.find(([, e]) => e.signature !== entry.signature)!;
      c.roster.push(keyed({ ...entry, signature: donor[1].signature }));
      break;
    }
    case 'roster-of-other-workspace':
      c.roster.push(d.pick(w.foreign.roster));
      break;
    case 'roster-entry-by-non-convener': {
      const by = d.pick([w.heads[party]!, w.members[party]!, w.observer, w.outsider, w.foreign.convener]);
      const at = late();
      const entry = d.pick([
        () => rosterEntry(by, { action: 'party', workspaceId: w.workspaceId, at, party, name: 'Renamed', colour: '#000000', retired: d.random() < 0.5 }),
        () => rosterEntry(by, { action: 'admit', workspaceId: w.workspaceId, at, key: w.outsider.publicKey, name: 'Self-made head', role: 'head', party }),
        () => rosterEntry(by, { action: 'admit', workspaceId: w.workspaceId, at, key: w.outsider.publicKey, name: 'Self-made observer', role: 'observer' }),
        () => rosterEntry(by, { action: 'remove', workspaceId: w.workspaceId, at, key: w.heads[other(d, w.parties, party)]!.publicKey }),
        () => rosterEntry(by, { action: 'convene', workspaceId: w.workspaceId, at: testTime(0.5), name: 'Usurper' }),
      ])();
      c.what = `${entry[1].action} signed by a key without that authority`;
      c.roster.push(entry);
      if (entry[1].action === 'admit' && entry[1].role === 'head') c.positions.push(sign(w.outsider, { at: testTime(REMOVED_AT_MINUTE + 101) }));
      break;
    }
    case 'second-convene':
      c.roster.push(rosterEntry(w.convener, { action: 'convene', workspaceId: w.workspaceId, at: testTime(1 + d.random() * 100), name: 'Convened again' }));
      break;
    case 'claim-of-self-made-invitation': {
      // An invitation signed by someone who may not invite that role, claimed by the attacker.
      const by = d.pick([w.outsider, w.members[party]!, w.observer, w.foreign.convener, w.heads[other(d, w.parties, party)]!]);
      const role = d.pick(['head', 'member'] as const);
      const at = late();
      const invitation = signInvitation({ workspaceId: w.workspaceId, workspaceTitle: 'Forged', relay: 'ws://127.0.0.1:1', party, role, at, expires: testTime(REMOVED_AT_MINUTE + 300) }, by);
      c.what = `claim of a ${role} invitation for ${party} issued by a key that may not invite`;
      c.roster.push(rosterEntry(w.outsider, { action: 'claim', workspaceId: w.workspaceId, at, name: 'Self-invited', invitation }));
      c.positions.push(sign(w.outsider, { at: testTime(REMOVED_AT_MINUTE + 301) }));
      break;
    }
    case 'claim-after-expiry': {
      const invitation = signInvitation({ workspaceId: w.workspaceId, workspaceTitle: 'Expired', relay: 'ws://127.0.0.1:1', party, role: 'head', at: testTime(6), expires: testTime(7 + d.random() * 10) }, w.convener);
      c.roster.push(rosterEntry(w.outsider, { action: 'claim', workspaceId: w.workspaceId, at: late(), name: 'Too late', invitation }));
      c.positions.push(sign(w.outsider, { at: testTime(REMOVED_AT_MINUTE + 101) }));
      break;
    }
    case 'invitation-claimed-twice': {
      // A valid claim first; a second key claiming the same invitation later gets nothing.
      const invitation = signInvitation({ workspaceId: w.workspaceId, workspaceTitle: 'Once', relay: 'ws://127.0.0.1:1', party: null, role: 'observer', at: testTime(6), expires: testTime(REMOVED_AT_MINUTE + 300) }, w.convener);
      c.setup.push(rosterEntry(w.outsider, { action: 'claim', workspaceId: w.workspaceId, at: testTime(7), name: 'First', invitation }));
      c.roster.push(rosterEntry(w.foreign.head, { action: 'claim', workspaceId: w.workspaceId, at: testTime(7 + d.random() * 100), name: 'Second', invitation }));
      c.positions.push(sign(w.foreign.head, { at: testTime(REMOVED_AT_MINUTE + 101) }));
      break;
    }
  }
  return c;
}
