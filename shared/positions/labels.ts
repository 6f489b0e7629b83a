import type { ClauseState, PartyPosition, PositionStatus } from './model';

/**
 * Words for statuses and clause states, one table for the gutter, tooltips, the history list, the
 * CLI and the exports, so the same state is never called two things.
 */

/** A party's current status as shown: a stored status, or `open` when it has said nothing valid. */
export type ShownStatus = PositionStatus | PartyPosition['status'];

/** Label per status (stored statuses and `open`). */
export const STATUS_LABELS: Readonly<Record<ShownStatus, string>> = Object.freeze({
  accepted: 'Accepted',
  'accepted-ad-ref': 'Accepted ad referendum',
  reserved: 'Reserved',
  disputed: 'Disputed',
  withdrawn: 'Withdrawn',
  open: 'Open',
});

/** Label per clause state, as the meter and the gutter say it. */
export const CLAUSE_STATE_LABELS: Readonly<Record<ClauseState, string>> = Object.freeze({
  agreed: 'Agreed by all',
  'agreed-ad-ref': 'Agreed ad referendum',
  open: 'Open',
  reserved: 'Reserved',
  disputed: 'Disputed',
});

/**
 * A symbol and a letter per status, so a status never rests on colour alone (colour-blind readers,
 * grey-scale print, the plain-text CLI). The symbol is the shape in the gutter; the letter is what
 * plain text and screen-reader-free exports print:
 *
 * | status | symbol | letter |
 * |---|---|---|
 * | accepted | ✓ | A |
 * | accepted ad referendum | ≈ | R (ad Ref) |
 * | reserved | ◐ | S (reServed) |
 * | disputed | ✕ | D |
 * | withdrawn | ↶ | W |
 * | open | ○ | O |
 */
export const STATUS_CODES: Readonly<Record<ShownStatus, { symbol: string; letter: string }>> = Object.freeze({
  accepted: { symbol: '✓', letter: 'A' },
  'accepted-ad-ref': { symbol: '≈', letter: 'R' },
  reserved: { symbol: '◐', letter: 'S' },
  disputed: { symbol: '✕', letter: 'D' },
  withdrawn: { symbol: '↶', letter: 'W' },
  open: { symbol: '○', letter: 'O' },
});

/** The same for clause states (the gutter's clause marker and the CLI's per-clause line). */
export const CLAUSE_STATE_CODES: Readonly<Record<ClauseState, { symbol: string; letter: string }>> = Object.freeze({
  agreed: { symbol: '✓', letter: 'A' },
  'agreed-ad-ref': { symbol: '≈', letter: 'R' },
  open: { symbol: '○', letter: 'O' },
  reserved: { symbol: '◐', letter: 'S' },
  disputed: { symbol: '✕', letter: 'D' },
});

/** Marker for a position given on other text than the clause now has. */
export const STALE_LABEL = 'Given on earlier text';
