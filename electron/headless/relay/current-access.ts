import { RelayRefusal, type RelayAccess } from '../../../shared/live/relay-access';
import type { ResolvedRoster } from '../../../shared/positions/roster';

/**
 * What a socket's key may do now, by the relay's CURRENT roster, rather than by what was decided
 * at its upgrade. The upgrade is judged against whatever manifest the relay held then: on the very
 * first contact it holds none, so a convener who is also a party's head is let in as "convener, no
 * party"; a member admitted a moment ago is still a stranger (let in by an invitation). Each
 * document a socket opens is judged again by this, so once the manifest with that admission has
 * arrived the party's private document is theirs on the next request — no reconnection needed.
 *
 * The rules are `decideAccess`'s (shared/live/relay-access.ts) without the proof, which the
 * upgrade checked: the pinned convener speaks for a party only when admitted to one; an active
 * member is what the roster says; a key the roster does not know (yet) keeps what its invitation
 * granted at the upgrade; a key the roster knew and no longer admits is refused as removed (the
 * workspace's sweep closes such sockets too).
 */
export function currentAccess(granted: RelayAccess, roster: ResolvedRoster | null, pin: string | null): RelayAccess {
  // A roster resolved against another convener than the pin cannot speak for this workspace.
  const trusted = roster !== null && pin !== null && roster.view.convener === pin ? roster : null;
  if (trusted === null) return granted;
  const { key } = granted;
  const member = trusted.member(key);
  if (key === pin) {
    if (member !== null && (member.role === 'head' || member.role === 'member')) {
      return { ...granted, name: member.name, role: member.role, party: member.party };
    }
    return { ...granted, name: member?.name ?? granted.name, role: 'convener', party: null };
  }
  if (member !== null && member.role !== 'convener') return { ...granted, name: member.name, role: member.role, party: member.party };
  if (trusted.view.members.some((m) => m.key === key)) throw new RelayRefusal('removed');
  return granted;
}
