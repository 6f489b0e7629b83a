import type { RosterEvent, RosterMember, RosterRole, RosterView } from '../../../../shared/positions/model';

/**
 * How the roster dialog words and orders the resolved roster: members grouped by party (heads
 * first), observers apart, and each signed event as a sentence with its verdict.
 */

const ROLE_LABELS: Record<RosterRole | 'convener', string> = {
  convener: 'Convener',
  head: 'Head of delegation',
  member: 'Member',
  observer: 'Observer',
};

/** "Head of delegation", "Member", "Observer", "Convener". */
export function roleLabel(role: RosterRole | 'convener'): string {
  return ROLE_LABELS[role];
}

const byRoleThenSince = (a: RosterMember, b: RosterMember) =>
  Number(a.role !== 'head') - Number(b.role !== 'head') || a.since.localeCompare(b.since) || a.key.localeCompare(b.key);

/** A party's heads and members, removed ones included (shown as removed), heads first, then by admission. */
export function membersOf(roster: RosterView, party: string): RosterMember[] {
  return roster.members.filter((m) => m.party === party && (m.role === 'head' || m.role === 'member')).sort(byRoleThenSince);
}

/** Every observer ever admitted, removed ones included, in admission order. */
export function observersOf(roster: RosterView): RosterMember[] {
  return roster.members.filter((m) => m.role === 'observer').sort(byRoleThenSince);
}

/** A moment as the user's clock reads it, to the minute (roster times are ISO 8601 UTC). */
export function formatMoment(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "removed 4 Mar 2025, 14:05", or null while the key is active. */
export function removedText(member: RosterMember): string | null {
  return member.removedAt === null ? null : `removed ${formatMoment(member.removedAt)}`;
}

/** The name the roster gives a key (its latest admission), or a short stand-in for a key it never admitted. */
export function nameOfKey(roster: RosterView, key: string): string {
  let found: RosterMember | undefined;
  for (const m of roster.members) if (m.key === key && (!found || m.since >= found.since)) found = m;
  return found?.name ?? `an unknown key (${key.slice(0, 8)}…)`;
}

/** One signed roster event in words: who did what. Invalid events are described the same way, their verdict beside. */
export function describeEvent(roster: RosterView, event: RosterEvent): string {
  const { entry } = event;
  const signer = nameOfKey(roster, entry.signer);
  switch (entry.action) {
    case 'convene':
      return `${entry.name} convened the negotiation`;
    case 'party':
      return entry.retired
        ? `${signer} retired party ${entry.party}`
        : `${signer} set party ${entry.party}: ${entry.name}`;
    case 'admit': {
      const as =
        entry.role === 'observer'
          ? 'as observer'
          : `as ${entry.role === 'head' ? 'head of delegation' : 'member'} of ${entry.party ?? '(no party)'}`;
      return `${signer} admitted ${entry.name} ${as}`;
    }
    case 'remove':
      return `${signer} removed ${nameOfKey(roster, entry.key)}`;
    case 'claim': {
      const { role, party } = entry.invitation;
      const as = role === 'observer' ? 'as observer' : `as ${role === 'head' ? 'head of delegation' : 'member'} of ${party ?? '(no party)'}`;
      return `${entry.name} joined ${as} with an invitation from ${nameOfKey(roster, entry.invitation.issuer)}`;
    }
  }
}

/** "valid", or the reason the entry does not count, as main worded it. */
export function verdictText(event: RosterEvent): string {
  return event.verdict.valid ? 'valid' : event.verdict.message;
}
