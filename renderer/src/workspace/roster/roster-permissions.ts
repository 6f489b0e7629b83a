import type { RosterMember, RosterState, RosterView } from '../../../../shared/positions/model';

/**
 * What the roster dialog offers this installation. Main re-checks every request against the
 * signed roster (and refuses with NOT_AUTHORISED); this only decides which buttons to show, so
 * nobody is offered an action whose signed entry every copy would reject as invalid.
 */
export interface RosterPermissions {
  /** The convener: add, edit and retire parties. */
  editParties: boolean;
  /** The convener admits each party's head of delegation (once there is a party to head). */
  admitHead: boolean;
  /** The convener admits observers. */
  admitObserver: boolean;
  /** The party this installation heads, whose members it may enrol; null when it heads none. */
  enrolInto: string | null;
  /** Whether "Remove <name>" is offered for this roster row. */
  canRemove(member: RosterMember): boolean;
}

const NOTHING: RosterPermissions = {
  editParties: false,
  admitHead: false,
  admitObserver: false,
  enrolInto: null,
  canRemove: () => false,
};

/** The active (not removed) roster rows for a key: a convener may also head a party, so there can be two. */
function activeRows(roster: RosterView, key: string): RosterMember[] {
  return roster.members.filter((m) => m.key === key && m.removedAt === null);
}

/**
 * Decides the roster actions for whoever holds `state.me`'s key, following the chain of trust:
 * the convener edits parties, admits heads and observers and may remove anyone; a head of
 * delegation enrols members of its own party and removes them; members and observers (and keys
 * not in the roster) may do none of it. Nobody is offered to remove themselves or the convener.
 */
export function rosterPermissions(state: RosterState | null): RosterPermissions {
  const myKey = state?.me?.key ?? null;
  if (!state || myKey === null) return NOTHING;
  const { roster } = state;
  const mine = activeRows(roster, myKey);
  const isConvener = roster.convener !== null && roster.convener === myKey;
  const partyCodes = new Set(roster.parties.map((p) => p.code));
  const headOf = mine.find((m) => m.role === 'head' && m.party !== null && partyCodes.has(m.party))?.party ?? null;

  return {
    editParties: isConvener,
    admitHead: isConvener,
    admitObserver: isConvener,
    enrolInto: headOf,
    canRemove(member) {
      if (member.removedAt !== null || member.role === 'convener') return false;
      if (member.key === myKey || member.key === roster.convener) return false;
      if (isConvener) return true;
      return headOf !== null && member.role === 'member' && member.party === headOf;
    },
  };
}
