import { describe, expect, it } from 'vitest';
import { gutterModel, ownParty } from './gutter-model';
import { roster, view } from './test-positions';

describe('gutter model', () => {
  it('speaks for a party only as its active head or member: not removed, not an observer, not the convener as such', () => {
    expect(ownParty(roster('eu'))).toBe('EU');
    expect(ownParty(roster('observer'))).toBeNull();
    expect(ownParty(roster(null))).toBeNull();
    const removed = roster('eu');
    expect(ownParty({ ...removed, me: { ...removed.me!, removedAt: '2025-02-01T00:00:00.000Z' } })).toBeNull();
    const convener = roster('eu');
    expect(ownParty({ ...convener, me: convener.roster.members[0]! })).toBeNull();
  });

  it('shows roster parties in roster order, then any party main reports that the roster does not know', () => {
    const model = gutterModel('c-1', '4', view('c-1', 'open', { XX: 'reserved', RU: 'accepted', EU: 'disputed' }), roster());
    expect(model.markers.map((m) => m.label)).toEqual(['EU: Disputed', 'US: Open', 'RU: Accepted', 'XX: Reserved']);
    expect(model.markers.map((m) => m.own)).toEqual([true, false, false, false]);
    expect(model.markers[3]!.colour).toBeNull();
  });

  it('lists proposals only while the clause is disputed, in roster order', () => {
    const parties = { RU: { status: 'disputed' as const, proposal: 'May consult.' }, EU: { status: 'disputed' as const, proposal: 'Shall consult.' } };
    expect(gutterModel('c-1', '1', view('c-1', 'disputed', parties), roster()).proposals).toEqual([
      { party: 'EU', wording: 'Shall consult.' },
      { party: 'RU', wording: 'May consult.' },
    ]);
    expect(gutterModel('c-1', '1', view('c-1', 'reserved', parties), roster()).proposals).toEqual([]);
  });

  it('flags invalid records in the name and counts them in the tooltip', () => {
    const model = gutterModel('c-1', '1', view('c-1', 'open', { US: { status: 'open', invalid: 2 } }), roster());
    expect(model.markers[1]!.label).toBe('US: Open, invalid record');
    expect(model.markers[1]!.title).toContain('2 records do not verify');
  });
});
