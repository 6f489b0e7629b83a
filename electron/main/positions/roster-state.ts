import type { RosterMember, RosterState, RosterView } from '../../../shared/positions/model';

/**
 * The roster as one window sees it: the resolved roster plus where this installation's key stands
 * in it now. A convener who was also admitted to a party is shown by that admission (the party is
 * what they sign positions for); `roster.convener` still tells the UI they may convene.
 */
export function rosterState(roster: RosterView, myKey: string | null): RosterState {
  if (myKey === null) return { roster, me: null };
  const active = roster.members.filter((m: RosterMember) => m.key === myKey && m.removedAt === null);
  return { roster, me: active.find((m) => m.role !== 'convener') ?? active[0] ?? null };
}
