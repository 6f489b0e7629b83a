import { describe, expect, it } from 'vitest';
import type { RosterEntry, RosterEvent, RosterMember, RosterView } from '../../../../shared/positions/model';
import { describeEvent, membersOf, nameOfKey, observersOf, removedText, roleLabel, verdictText } from './roster-view';

const base = { v: 1 as const, workspaceId: 'W', signature: 'sig' };

function m(key: string, name: string, role: RosterMember['role'], party: string | null, since: string, removedAt: string | null = null): RosterMember {
  return { key, name, role, party, since, removedAt, admittedBy: null };
}

const roster: RosterView = {
  convener: 'CONV',
  parties: [{ code: 'A', name: 'Alpha', colour: '#123456' }],
  members: [
    m('CONV', 'Clara Convener', 'convener', null, '2025-01-01T00:00:00.000Z'),
    m('M2', 'Mia Member', 'member', 'A', '2025-01-03T00:00:00.000Z', '2025-02-01T12:00:00.000Z'),
    m('H1', 'Hugo Head', 'head', 'A', '2025-01-04T00:00:00.000Z'),
    m('M1', 'Max Member', 'member', 'A', '2025-01-02T00:00:00.000Z'),
    m('O1', 'Olga Observer', 'observer', null, '2025-01-05T00:00:00.000Z'),
  ],
  events: [],
};

const event = (entry: RosterEntry, verdict: RosterEvent['verdict'] = { valid: true }): RosterEvent => ({ id: 'id', entry, verdict });

describe('roster view', () => {
  it('lists a party heads first, then members by admission, removed ones included', () => {
    expect(membersOf(roster, 'A').map((x) => x.name)).toEqual(['Hugo Head', 'Max Member', 'Mia Member']);
    expect(observersOf(roster).map((x) => x.name)).toEqual(['Olga Observer']);
  });

  it('names roles in words and marks removed members', () => {
    expect(roleLabel('head')).toBe('Head of delegation');
    expect(roleLabel('observer')).toBe('Observer');
    expect(removedText(roster.members[1]!)).toMatch(/^removed .*2025/);
    expect(removedText(roster.members[2]!)).toBeNull();
  });

  it('describes each signed event with who did it', () => {
    const at = '2025-01-02T00:00:00.000Z';
    expect(describeEvent(roster, event({ ...base, at, signer: 'CONV', action: 'convene', name: 'Clara Convener' }))).toBe(
      'Clara Convener convened the negotiation',
    );
    expect(describeEvent(roster, event({ ...base, at, signer: 'CONV', action: 'party', party: 'A', name: 'Alpha', colour: '#123456' }))).toBe(
      'Clara Convener set party A: Alpha',
    );
    expect(
      describeEvent(roster, event({ ...base, at, signer: 'CONV', action: 'party', party: 'A', name: 'Alpha', colour: '#123456', retired: true })),
    ).toBe('Clara Convener retired party A');
    expect(describeEvent(roster, event({ ...base, at, signer: 'CONV', action: 'admit', key: 'H1', name: 'Hugo Head', role: 'head', party: 'A' }))).toBe(
      'Clara Convener admitted Hugo Head as head of delegation of A',
    );
    expect(describeEvent(roster, event({ ...base, at, signer: 'H1', action: 'admit', key: 'M1', name: 'Max Member', role: 'member', party: 'A' }))).toBe(
      'Hugo Head admitted Max Member as member of A',
    );
    expect(describeEvent(roster, event({ ...base, at, signer: 'CONV', action: 'admit', key: 'O1', name: 'Olga Observer', role: 'observer' }))).toBe(
      'Clara Convener admitted Olga Observer as observer',
    );
    expect(describeEvent(roster, event({ ...base, at, signer: 'H1', action: 'remove', key: 'M2' }))).toBe('Hugo Head removed Mia Member');
  });

  it('names a key the roster never admitted by its first characters', () => {
    expect(nameOfKey(roster, 'XYZ1234567890')).toBe('an unknown key (XYZ12345…)');
  });

  it('shows "valid" or the reason main gave', () => {
    const entry: RosterEntry = { ...base, at: '2025-01-02T00:00:00.000Z', signer: 'M1', action: 'remove', key: 'H1' };
    expect(verdictText(event(entry))).toBe('valid');
    expect(verdictText(event(entry, { valid: false, reason: 'not-authorised', message: 'Max Member may not remove Hugo Head.' }))).toBe(
      'Max Member may not remove Hugo Head.',
    );
  });
});
