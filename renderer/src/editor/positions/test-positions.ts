import type {
  ClauseState,
  ClauseView,
  PartyPosition,
  PositionRecord,
  PositionStatus,
  RosterMember,
  RosterState,
} from '../../../../shared/positions/model';

/**
 * Builders for the positions tests: clause views and rosters as main would send them. Not
 * imported by the app.
 */

export const KEYS = { eu: 'k'.repeat(43), us: 'u'.repeat(43), ru: 'r'.repeat(43), convener: 'c'.repeat(43) };

const member = (key: string, name: string, role: RosterMember['role'], party: string | null): RosterMember => ({
  key,
  name,
  role,
  party,
  since: '2025-01-01T00:00:00.000Z',
  removedAt: null,
  admittedBy: role === 'convener' ? null : KEYS.convener,
});

/** Three parties (EU, US, RU); `me` is the EU head unless told otherwise. */
export function roster(me: 'eu' | 'observer' | null = 'eu'): RosterState {
  const members = [
    member(KEYS.convener, 'Convener', 'convener', null),
    member(KEYS.eu, 'Anna Weber', 'head', 'EU'),
    member(KEYS.us, 'John Carter', 'head', 'US'),
    member(KEYS.ru, 'Irina Volkova', 'head', 'RU'),
  ];
  return {
    roster: {
      convener: KEYS.convener,
      parties: [
        { code: 'EU', name: 'European Union', colour: '#1f4e9c' },
        { code: 'US', name: 'United States', colour: '#b22234' },
        { code: 'RU', name: 'Russian Federation', colour: '#2f7d32' },
      ],
      members,
      events: [],
    },
    me: me === 'eu' ? members[1]! : me === 'observer' ? { ...member('o'.repeat(43), 'Olga', 'observer', null) } : null,
  };
}

let serial = 0;

export function record(clauseId: string, party: string, status: PositionStatus, extra: Partial<PositionRecord> = {}): PositionRecord {
  serial += 1;
  return {
    v: 1,
    workspaceId: 'w-test',
    docId: 'd-test',
    clauseId,
    party,
    status,
    textHash: 'h'.repeat(64),
    at: new Date(Date.UTC(2025, 0, 1, 12, 0, serial)).toISOString(),
    member: party === 'EU' ? KEYS.eu : party === 'US' ? KEYS.us : KEYS.ru,
    signature: `sig-${serial}`,
    ...extra,
  };
}

type Shown = PartyPosition['status'];

/** A clause view: per party code, its shown status (and flags). */
export function view(
  clauseId: string,
  state: ClauseState,
  parties: Record<string, Shown | { status: Shown; stale?: boolean; invalid?: number; comment?: string; proposal?: string }>,
): ClauseView {
  return {
    clauseId,
    state,
    parties: Object.entries(parties).map(([party, given]) => {
      const p = typeof given === 'string' ? { status: given } : given;
      const rec = p.status === 'open' ? null : record(clauseId, party, p.status, { comment: p.comment, proposal: p.proposal });
      return { party, record: rec, status: p.status, stale: p.stale ?? false, invalid: p.invalid ?? 0 };
    }),
  };
}
