import { describe, expect, it } from 'vitest';
import type { RosterMember, RosterState, RosterView } from '../../../../shared/positions/model';
import { rosterPermissions } from './roster-permissions';

const AT = '2025-03-01T09:00:00.000Z';

function member(key: string, role: RosterMember['role'], party: string | null, removedAt: string | null = null): RosterMember {
  return { key, name: `Name ${key}`, role, party, since: AT, removedAt, admittedBy: role === 'convener' ? null : 'CONV' };
}

// The sample's shape: the user convenes and heads party A; B has a head and a member; one observer.
const convener = member('CONV', 'convener', null);
const convenerAsHead = member('CONV', 'head', 'A');
const headB = member('HB', 'head', 'B');
const memberA = member('MA', 'member', 'A');
const memberB = member('MB', 'member', 'B');
const removedB = member('RB', 'member', 'B', '2025-03-02T09:00:00.000Z');
const observer = member('OBS', 'observer', null);

const roster: RosterView = {
  convener: 'CONV',
  parties: [
    { code: 'A', name: 'Alpha', colour: '#1f77b4' },
    { code: 'B', name: 'Beta', colour: '#ff7f0e' },
  ],
  members: [convener, convenerAsHead, headB, memberA, memberB, removedB, observer],
  events: [],
};

const as = (me: RosterMember | null): RosterState => ({ roster, me });

describe('rosterPermissions', () => {
  it('offers the convener parties, heads, observers and removing anyone but themselves', () => {
    const p = rosterPermissions(as(convener));
    expect([p.editParties, p.admitHead, p.admitObserver]).toEqual([true, true, true]);
    expect(p.canRemove(headB)).toBe(true);
    expect(p.canRemove(memberB)).toBe(true);
    expect(p.canRemove(observer)).toBe(true);
    expect(p.canRemove(convener)).toBe(false);
    expect(p.canRemove(convenerAsHead)).toBe(false);
  });

  it('lets a convener who also heads a party enrol members of that party', () => {
    expect(rosterPermissions(as(convener)).enrolInto).toBe('A');
    expect(rosterPermissions(as(convenerAsHead)).enrolInto).toBe('A');
  });

  it('lets a head enrol and remove the members of its own party only', () => {
    const p = rosterPermissions(as(headB));
    expect([p.editParties, p.admitHead, p.admitObserver]).toEqual([false, false, false]);
    expect(p.enrolInto).toBe('B');
    expect(p.canRemove(memberB)).toBe(true);
    expect(p.canRemove(memberA)).toBe(false);
    expect(p.canRemove(observer)).toBe(false);
    expect(p.canRemove(headB)).toBe(false);
    expect(p.canRemove(convenerAsHead)).toBe(false);
  });

  it('never offers removing someone already removed', () => {
    expect(rosterPermissions(as(convener)).canRemove(removedB)).toBe(false);
    expect(rosterPermissions(as(headB)).canRemove(removedB)).toBe(false);
  });

  it('offers members, observers and keys outside the roster nothing', () => {
    for (const me of [memberB, observer, null]) {
      const p = rosterPermissions(as(me));
      expect([p.editParties, p.admitHead, p.admitObserver, p.enrolInto]).toEqual([false, false, false, null]);
      expect(roster.members.some((m) => p.canRemove(m))).toBe(false);
    }
    expect(rosterPermissions(null).editParties).toBe(false);
  });

  it('offers a removed head nothing, though the key is still listed', () => {
    const removedHead = member('HB', 'head', 'B', '2025-03-05T09:00:00.000Z');
    const state: RosterState = { roster: { ...roster, members: [convener, removedHead, memberB] }, me: removedHead };
    const p = rosterPermissions(state);
    expect(p.enrolInto).toBeNull();
    expect(p.canRemove(memberB)).toBe(false);
  });

  it('leaves the convener of a fresh negotiation heading no party, so enrolling members is not offered', () => {
    const p = rosterPermissions({ roster: { ...roster, parties: [], members: [convener] }, me: convener });
    expect([p.editParties, p.admitHead, p.admitObserver, p.enrolInto]).toEqual([true, true, true, null]);
  });
});
