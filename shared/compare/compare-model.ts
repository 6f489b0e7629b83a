import type { ClauseState } from '../positions/model';
import type { ShownStatus } from '../positions/labels';

/**
 * The comparison of two versions of a workspace (two named rounds, or a round and the current
 * text), as the app shows it and the redline exports print it. Clauses are aligned by their
 * stable id, never by position, so an inserted clause does not make every later one look
 * rewritten, and "para 5 bis" in one round is "para 5 bis" in the other. Plain JSON: main
 * computes it and sends it to a window as it is.
 */

/** A run of words in a clause diff: kept, inserted (new side only) or deleted (old side only). */
export interface DiffRun {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** One paragraph (leaf text block) of a clause, word-diffed; paragraphs are aligned in order. */
export interface DiffParagraph {
  runs: DiffRun[];
}

/**
 * What happened to a clause between the two versions:
 * - `unchanged`: same words (it may still be renumbered or have new positions);
 * - `changed`: words inserted or deleted;
 * - `added` / `removed`: only on one side;
 * - a clause may be `moved` as well as changed: its place relative to the clauses both versions
 *   keep is different (outside the longest common order of those clauses).
 */
export type ClauseChangeKind = 'unchanged' | 'changed' | 'added' | 'removed';

/** A party whose position on a clause is different in the newer version. */
export interface PositionChange {
  party: string;
  partyName: string;
  from: ShownStatus;
  to: ShownStatus;
  /** The newer position is on earlier text (stale). */
  staleNow: boolean;
}

/** One clause, aligned across both versions. */
export interface ClauseComparison {
  id: string;
  kind: ClauseChangeKind;
  /** The clause's number in the older version (absent when added). */
  oldLabel?: string;
  /** The clause's number in the newer version (absent when removed). */
  newLabel?: string;
  /** Both sides have it but its number differs (an insertion above it, or a relabel). */
  renumbered: boolean;
  /** Both sides have it but it sits elsewhere among the clauses both keep. */
  moved: boolean;
  /**
   * For a moved clause: the newer label of the clause it followed in the older version
   * (null when it was first), so "moved from after para 3" can be said.
   */
  movedFromAfter?: string | null;
  oldState?: ClauseState;
  newState?: ClauseState;
  /** Word-level diff of the clause text; for added or removed clauses, one insert or delete run per paragraph. */
  paragraphs: DiffParagraph[];
  positionChanges: PositionChange[];
}

/** A non-clause block (heading, preamble) in the redline: compared by order, as text. */
export interface BlockComparison {
  kind: 'block';
  /** Paragraph level for headings (0 = body text). */
  level: number;
  paragraphs: DiffParagraph[];
}

/** One document, aligned across both versions. */
export interface DocumentComparison {
  id: string;
  title: string;
  /** Title in the older version, when it differs. */
  oldTitle?: string;
  /** Only in the newer or only in the older version. */
  presence: 'both' | 'added' | 'removed';
  /**
   * In reading order of the newer version; a removed clause sits where it stood in the older one
   * (after the clause it followed there); a moved clause sits at its new place.
   */
  items: ({ kind: 'clause'; clause: ClauseComparison } | BlockComparison)[];
  /** Tallies for the summary line. */
  counts: ComparisonCounts;
}

/** How many clauses changed in each way. */
export interface ComparisonCounts {
  changed: number;
  added: number;
  removed: number;
  moved: number;
  renumbered: number;
  positionChanges: number;
  /** Words inserted and deleted. */
  wordsInserted: number;
  wordsDeleted: number;
}

/** A side of the comparison: a named round, or the current text. */
export interface ComparedVersion {
  /** The round's name, or "Current text". */
  name: string;
  /** Round id; null for the current text. */
  roundId: string | null;
  /** When the round was cut, or when the comparison was made for the current text (ISO 8601). */
  at: string;
}

/** The whole comparison. */
export interface WorkspaceComparison {
  workspaceId: string;
  title: string;
  older: ComparedVersion;
  newer: ComparedVersion;
  documents: DocumentComparison[];
  counts: ComparisonCounts;
}
