import { countedStatus } from '../positions/agreement';
import type { ClauseView, PartyPosition } from '../positions/model';
import type { ExportFootnote, ExportOption, ExportParty, ExportPosition, MarkupCounts } from './export-model';
import {
  adReferendumFootnote,
  disputedFootnote,
  invalidFootnote,
  reservedFootnote,
  staleFootnote,
  type FootnoteParty,
} from './export-text';

/**
 * The marked-up apparatus of one clause (positions per party, options, footnotes), derived from
 * its resolved positions only. Kept apart from the document walk so the rules a reader relies on
 * — a stale acceptance is never printed as agreement, an invalid record is never counted — sit in
 * one short file that can be read against the design brief.
 */

/** Every party's position on the clause, in table order; a party that said nothing is `open`. */
export function clausePositions(
  view: ClauseView | undefined,
  parties: readonly ExportParty[],
  memberName: (key: string) => string | undefined,
): ExportPosition[] {
  const byParty = new Map<string, PartyPosition>((view?.parties ?? []).map((p) => [p.party, p]));
  return parties.map((party) => {
    const found = byParty.get(party.code);
    const out: ExportPosition = {
      party: party.code,
      partyName: party.name,
      status: found?.status ?? 'open',
      stale: found?.stale ?? false,
      invalid: found?.invalid ?? 0,
    };
    const record = found?.record;
    if (record && found.status !== 'open') {
      if (record.comment?.trim()) out.comment = record.comment;
      if (record.proposal?.trim()) out.proposal = record.proposal;
      const name = memberName(record.member);
      if (name) out.memberName = name;
      out.at = record.at;
    }
    return out;
  });
}

/** What a position counts as (a stale acceptance is open; a stale objection still stands). */
function counted(p: ExportPosition): ExportPosition['status'] {
  return countedStatus({ party: p.party, record: null, status: p.status === 'withdrawn' ? 'open' : p.status, stale: p.stale, invalid: p.invalid });
}

/**
 * Options 2, 3, …: one per distinct proposed wording (compared after trimming and collapsing
 * spaces), in party order, each attributed to every party proposing it.
 */
export function clauseOptions(positions: readonly ExportPosition[]): ExportOption[] {
  const options: ExportOption[] = [];
  const byText = new Map<string, ExportOption>();
  for (const p of positions) {
    if (!p.proposal) continue;
    const text = p.proposal.trim().replace(/\s+/gu, ' ');
    const party = { code: p.party, name: p.partyName };
    const existing = byText.get(text);
    if (existing) {
      existing.parties.push(party);
      continue;
    }
    const option: ExportOption = { n: options.length + 2, text, parties: [party] };
    byText.set(text, option);
    options.push(option);
  }
  return options;
}

function footParty(p: ExportPosition): FootnoteParty {
  return { party: { code: p.party, name: p.partyName }, ...(p.comment ? { comment: p.comment } : {}) };
}

/** The clause's footnotes, only those with something to say, in a fixed order. */
export function clauseFootnotes(positions: readonly ExportPosition[], unattributedInvalid: number): ExportFootnote[] {
  const notes: string[] = [];
  const disputed = positions.filter((p) => counted(p) === 'disputed');
  const reserved = positions.filter((p) => counted(p) === 'reserved');
  const adRef = positions.filter((p) => counted(p) === 'accepted-ad-ref');
  const stale = positions.filter((p) => p.stale && p.status !== 'open');
  const invalid = positions.filter((p) => p.invalid > 0);
  if (disputed.length) notes.push(disputedFootnote(disputed.map(footParty)));
  if (reserved.length) notes.push(reservedFootnote(reserved.map(footParty)));
  if (adRef.length) notes.push(adReferendumFootnote(adRef.map(footParty)));
  if (stale.length) notes.push(staleFootnote(stale.map((p) => ({ code: p.party, name: p.partyName }))));
  const invalidCount = invalid.reduce((n, p) => n + p.invalid, 0) + unattributedInvalid;
  if (invalidCount > 0) {
    notes.push(invalidFootnote(invalidCount, invalid.map((p) => ({ code: p.party, name: p.partyName })), unattributedInvalid));
  }
  return notes.map((text) => ({ text }));
}

/** All zero: the start of every tally. */
export function emptyMarkupCounts(): MarkupCounts {
  return { bracketed: 0, options: 0, reservations: 0, disputes: 0, adReferendum: 0, stale: 0, invalid: 0 };
}

/** Adds one clause's marks to `into` (counted statuses, so a stale acceptance adds nothing but `stale`). */
export function addClauseCounts(
  into: MarkupCounts,
  clause: { bracketed: boolean; options: readonly ExportOption[]; positions: readonly ExportPosition[] },
  unattributedInvalid: number,
): void {
  if (clause.bracketed) into.bracketed += 1;
  into.options += clause.options.length;
  for (const p of clause.positions) {
    const status = counted(p);
    if (status === 'reserved') into.reservations += 1;
    if (status === 'disputed') into.disputes += 1;
    if (status === 'accepted-ad-ref') into.adReferendum += 1;
    if (p.stale && p.status !== 'open') into.stale += 1;
    into.invalid += p.invalid;
  }
  into.invalid += unattributedInvalid;
}

/** `a + b`, field by field, for the package's counts. */
export function sumMarkupCounts(all: readonly MarkupCounts[]): MarkupCounts {
  const out = emptyMarkupCounts();
  for (const c of all) for (const k of Object.keys(out) as (keyof MarkupCounts)[]) out[k] += c[k];
  return out;
}
