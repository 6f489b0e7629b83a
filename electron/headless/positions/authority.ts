import { ChanceryError } from '../../../shared/errors';
import { fingerprint } from '../../../shared/positions/fingerprint';
import type { RosterMember, RosterRole } from '../../../shared/positions/model';
import type { ResolvedRoster } from '../../../shared/positions/roster';

/**
 * Who may sign what, checked against the resolved roster *before* anything is signed, so a refused
 * command never leaves a signed record behind and the member is told why in words. The roster's
 * own resolution (shared/positions/roster.ts) applies the same rules to whatever is stored; these
 * checks only spare the user a record that would be shown as invalid.
 */

const ROLE_WORDS: Record<RosterMember['role'], string> = {
  head: 'head of delegation',
  member: 'member',
  observer: 'observer',
  convener: 'convener',
};

/** "Maren Holt (head of delegation of VEL)". */
export function describeMember(member: RosterMember): string {
  return `${member.name} (${ROLE_WORDS[member.role]}${member.party ? ` of ${member.party}` : ''})`;
}

function refuse(message: string): never {
  throw new ChanceryError('NOT_AUTHORISED', message);
}

function notConvened(): never {
  refuse('Nobody has convened this workspace yet, so nobody can sign for it. Open it in Chancery to convene it first.');
}

function unknownKey(key: string): string {
  return `your key (fingerprint ${fingerprint(key)}) is not on this workspace's roster`;
}

/** The convener's name, for messages ("the convener (Helena Marsh)"). */
function convenerName(roster: ResolvedRoster): string {
  const convener = roster.view.convener;
  const member = convener === null ? null : roster.member(convener);
  return member ? `the convener (${member.name})` : 'the convener';
}

/** Throws NOT_AUTHORISED unless `key` is the pinned convener; `what` says what was asked ("admit a head of delegation"). */
export function requireConvener(roster: ResolvedRoster, key: string, what: string): void {
  if (roster.view.convener === null) notConvened();
  if (key === roster.view.convener) return;
  const me = roster.member(key);
  refuse(`Only ${convenerName(roster)} can ${what}; ${me ? `you are ${describeMember(me)}` : unknownKey(key)}.`);
}

/** Throws NOT_AUTHORISED unless `key` is an active head or member of `party` now; returns its roster entry. */
export function requirePartyMember(roster: ResolvedRoster, key: string, party: string): RosterMember {
  if (roster.view.convener === null) notConvened();
  if (!roster.partyCodes().includes(party)) {
    throw new ChanceryError('INVALID_ARGUMENT', `There is no party "${party}" at the table; parties are ${roster.partyCodes().join(', ') || 'not defined yet'}.`);
  }
  const me = roster.member(key);
  if (me === null) refuse(`Only ${party}'s delegation can give ${party}'s positions, and ${unknownKey(key)}; ask ${party}'s head of delegation to enrol your member card.`);
  if (me.role === 'observer') refuse(`${me.name} is an observer; observers read the text but give no positions.`);
  if (me.role === 'convener') refuse(`As ${convenerName(roster)} you speak for no party; to give ${party}'s positions, be admitted to ${party} like any delegate.`);
  if (me.party !== party) refuse(`You are ${describeMember(me)}; only ${party}'s delegation can give ${party}'s positions.`);
  return me;
}

/**
 * Throws NOT_AUTHORISED unless `key` may admit a `role` to `party`: heads and observers by the
 * convener, members by that party's active head.
 */
export function requireAdmitter(roster: ResolvedRoster, key: string, role: RosterRole, party: string | null): void {
  if (role === 'head') return requireConvener(roster, key, 'admit a head of delegation');
  if (role === 'observer') return requireConvener(roster, key, 'admit an observer');
  if (roster.view.convener === null) notConvened();
  const me = roster.member(key);
  if (me?.role === 'head' && me.party === party) return;
  refuse(`Only the head of delegation of ${party ?? 'the party'} can enrol its members; ${me ? `you are ${describeMember(me)}` : unknownKey(key)}.`);
}

/** Throws NOT_AUTHORISED unless `key` may remove `target`: the convener anyone, a head its own party's keys. */
export function requireRemover(roster: ResolvedRoster, key: string, target: RosterMember): void {
  if (roster.view.convener === null) notConvened();
  if (key === roster.view.convener) return;
  const me = roster.member(key);
  if (me?.role === 'head' && target.party !== null && me.party === target.party) return;
  refuse(
    `Only ${convenerName(roster)}${target.party ? ` or the head of delegation of ${target.party}` : ''} can remove ${target.name}; ${me ? `you are ${describeMember(me)}` : unknownKey(key)}.`,
  );
}
