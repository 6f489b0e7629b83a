import type { ClauseState, ClauseView, PartyPosition, RosterState } from '../../../../shared/positions/model';
import { STALE_LABEL, STATUS_CODES, STATUS_LABELS } from '../../../../shared/positions/labels';

/**
 * What the clause gutter says about one clause, worked out without a DOM: one marker per party
 * (roster order), its accessible name and tooltip, whether it is this member's own party, and the
 * proposals a disputed clause lists as options. The DOM is drawn from this (`gutter-dom.ts`), so
 * the words can be tested on their own and the widget only rebuilt when they change.
 */

/** One party's marker. */
export interface MarkerModel {
  party: string;
  /** The party's colour from the roster, or null when the roster does not know the party. */
  colour: string | null;
  status: PartyPosition['status'];
  stale: boolean;
  invalid: boolean;
  /** "EU: Disputed, stale" — the accessible name (e2e/UI-CONTRACT.md). */
  label: string;
  /** Status, member, time, comment — the tooltip. */
  title: string;
  /** The status shape, so a status never rests on colour alone. */
  symbol: string;
  /** This installation's member speaks for this party: the marker opens the position dialog. */
  own: boolean;
}

/** One alternative wording put forward by a disputing party. */
export interface ProposalModel {
  party: string;
  wording: string;
}

/** Everything one clause's gutter shows. */
export interface GutterModel {
  clauseId: string;
  /** The shown number or label ("5 bis"). */
  number: string;
  state: ClauseState;
  markers: MarkerModel[];
  /** Whether "Set position on clause N" is offered (the member belongs to an active party). */
  canSet: boolean;
  proposals: ProposalModel[];
}

/**
 * The party this installation's key may give positions for now: a head or member not removed.
 * Observers and the convener as such sign no positions.
 */
export function ownParty(roster: RosterState | null): string | null {
  const me = roster?.me;
  if (!me || me.removedAt !== null || me.party === null) return null;
  return me.role === 'head' || me.role === 'member' ? me.party : null;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A record's `at` as the member reads it; an unreadable one is shown as stored. */
export function formatTime(at: string): string {
  const time = Date.parse(at);
  return Number.isNaN(time) ? at : timeFormat.format(time);
}

/** A key's display name from the roster, or a short form of the key when nobody was admitted with it. */
export function memberName(roster: RosterState | null, key: string): string {
  const member = roster?.roster.members.find((m) => m.key === key);
  return member ? member.name : `unknown key ${key.slice(0, 8)}…`;
}

function markerLabel(position: PartyPosition): string {
  let label = `${position.party}: ${STATUS_LABELS[position.status]}`;
  if (position.stale) label += ', stale';
  if (position.invalid > 0) label += ', invalid record';
  return label;
}

function markerTitle(position: PartyPosition, partyName: string | null, roster: RosterState | null): string {
  const lines = [`${partyName ? `${partyName} (${position.party})` : position.party}: ${STATUS_LABELS[position.status]}`];
  const record = position.record;
  if (record) {
    const what = record.status === 'withdrawn' ? 'Withdrawn by' : 'By';
    lines.push(`${what} ${memberName(roster, record.member)}, ${formatTime(record.at)}`);
    if (record.comment) lines.push(`“${record.comment}”`);
  }
  if (position.stale) lines.push(`${STALE_LABEL} (no longer counted as agreement until renewed)`);
  if (position.invalid > 0) {
    lines.push(position.invalid === 1 ? '1 record does not verify and is not counted' : `${position.invalid} records do not verify and are not counted`);
  }
  return lines.join('\n');
}

/** A party with nothing valid to say yet. */
function openPosition(party: string): PartyPosition {
  return { party, record: null, status: 'open', stale: false, invalid: 0 };
}

/**
 * The parties to show, in roster order; a party the clause view names but the roster does not
 * (a roster not loaded yet, a retired party) comes after them, so nothing main reports is hidden.
 */
function partiesInOrder(view: ClauseView | undefined, roster: RosterState | null): PartyPosition[] {
  const byParty = new Map((view?.parties ?? []).map((p) => [p.party, p]));
  const ordered: PartyPosition[] = [];
  for (const party of roster?.roster.parties ?? []) {
    ordered.push(byParty.get(party.code) ?? openPosition(party.code));
    byParty.delete(party.code);
  }
  for (const rest of byParty.values()) ordered.push(rest);
  return ordered;
}

/** The gutter of one clause. `view` is undefined for a clause main has not reported (new, or not loaded). */
export function gutterModel(clauseId: string, number: string, view: ClauseView | undefined, roster: RosterState | null): GutterModel {
  const own = ownParty(roster);
  const partyInfo = new Map((roster?.roster.parties ?? []).map((p) => [p.code, p]));
  const positions = partiesInOrder(view, roster);
  const markers = positions.map((position): MarkerModel => {
    const party = partyInfo.get(position.party);
    return {
      party: position.party,
      colour: party?.colour ?? null,
      status: position.status,
      stale: position.stale,
      invalid: position.invalid > 0,
      label: markerLabel(position),
      title: markerTitle(position, party?.name ?? null, roster),
      symbol: STATUS_CODES[position.status].symbol,
      own: own !== null && position.party === own,
    };
  });
  const state: ClauseState = view?.state ?? 'open';
  const proposals =
    state === 'disputed'
      ? positions.flatMap((p) => (p.status === 'disputed' && p.record?.proposal ? [{ party: p.party, wording: p.record.proposal }] : []))
      : [];
  return { clauseId, number, state, markers, canSet: own !== null && partyInfo.has(own), proposals };
}

/** "Positions on clause 5 bis", the gutter group's name. */
export const gutterName = (number: string): string => `Positions on clause ${number}`;

/** "Option 2 (EU): …", the way diplomatic drafting stacks alternative wordings. */
export const proposalText = (index: number, proposal: ProposalModel): string => `Option ${index + 1} (${proposal.party}): ${proposal.wording}`;

/**
 * Whether two clause views show the same thing (main may resend a clause whose view did not
 * change): same state and, per party, the same winning record (its signature identifies it),
 * status, staleness and invalid count.
 */
export function sameClauseView(a: ClauseView, b: ClauseView): boolean {
  if (a === b) return true;
  if (a.clauseId !== b.clauseId || a.state !== b.state || a.parties.length !== b.parties.length) return false;
  return a.parties.every((p, i) => {
    const q = b.parties[i]!;
    return (
      p.party === q.party &&
      p.status === q.status &&
      p.stale === q.stale &&
      p.invalid === q.invalid &&
      (p.record?.signature ?? null) === (q.record?.signature ?? null)
    );
  });
}
