import type { AgreementFigures, AgreementSummary, PartyCounts, RosterParty, SignatureChecking } from '../../../../shared/positions/model';

/**
 * The words and rows of the agreement meter. The figures themselves are main's (the same as
 * `chancery info --json`); this only formats them, so the sidebar never recounts anything.
 */

/** "42.1% agreed": the headline figure negotiators quote, always with one decimal. */
export function percentText(percent: number): string {
  return `${percent.toFixed(1)}% agreed`;
}

/** "42.1%": the short form beside each document, so the package's sentence stays the only one of its kind. */
export function shortPercentText(percent: number): string {
  return `${percent.toFixed(1)}%`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * "Checking signatures… (2 of 5 documents)": shown in place of the package figure while main
 * is still verifying the signed positions of a workspace just opened, so no figure counts a
 * record nobody has checked.
 */
export function checkingText(checking: SignatureChecking): string {
  return `Checking signatures… (${checking.checked} of ${plural(checking.total, 'document', 'documents')})`;
}

/** "17 of 40 clauses agreed by every party"; "No clauses yet" for an empty document or package. */
export function clausesText(figures: AgreementFigures): string {
  if (figures.clauses === 0) return 'No clauses yet';
  return `${figures.agreed} of ${plural(figures.clauses, 'clause', 'clauses')} agreed by every party`;
}

/**
 * "+ 3 ad ref": clauses every party accepted, some only ad referendum (subject to a capital's
 * approval). Counted apart from the agreed share, never inside it; null when there are none.
 */
export function adRefText(figures: AgreementFigures): string | null {
  return figures.agreedAdRef > 0 ? `+ ${figures.agreedAdRef} ad ref` : null;
}

/** "2 disputed · 1 reserved · 20 open · 1 stale · 1 invalid", leaving out what is zero. */
export function breakdownText(figures: AgreementFigures): string {
  const parts: string[] = [];
  if (figures.disputed > 0) parts.push(`${figures.disputed} disputed`);
  if (figures.reserved > 0) parts.push(`${figures.reserved} reserved`);
  if (figures.open > 0) parts.push(`${figures.open} open`);
  if (figures.stale > 0) parts.push(`${figures.stale} stale`);
  if (figures.invalid > 0) parts.push(`${figures.invalid} invalid`);
  return parts.join(' · ');
}

/** One row of the "Positions by party" table. */
export interface PartyRow extends PartyCounts {
  code: string;
  name: string;
  colour: string | null;
}

const NO_COUNTS: PartyCounts = { accepted: 0, acceptedAdRef: 0, reserved: 0, disputed: 0, open: 0 };

/**
 * The table's rows: the roster's parties in roster order (zeros for a party main has no counts
 * for yet), then any party main counted that the roster no longer lists, by code.
 */
export function partyRows(summary: AgreementSummary, parties: readonly RosterParty[]): PartyRow[] {
  const rows: PartyRow[] = parties.map((p) => ({ code: p.code, name: p.name, colour: p.colour, ...(summary.parties[p.code] ?? NO_COUNTS) }));
  const listed = new Set(parties.map((p) => p.code));
  const extra = Object.keys(summary.parties)
    .filter((code) => !listed.has(code))
    .sort();
  for (const code of extra) rows.push({ code, name: code, colour: null, ...summary.parties[code]! });
  return rows;
}

/** Stacked-bar segments (share of clauses per state, in percent of the width), zero-width ones left out. */
export function stateSegments(figures: AgreementFigures): { state: 'agreed' | 'agreed-ad-ref' | 'reserved' | 'disputed' | 'open'; share: number }[] {
  if (figures.clauses === 0) return [];
  const segments = [
    { state: 'agreed' as const, count: figures.agreed },
    { state: 'agreed-ad-ref' as const, count: figures.agreedAdRef },
    { state: 'reserved' as const, count: figures.reserved },
    { state: 'disputed' as const, count: figures.disputed },
    { state: 'open' as const, count: figures.open },
  ];
  return segments.filter((s) => s.count > 0).map((s) => ({ state: s.state, share: (s.count / figures.clauses) * 100 }));
}
