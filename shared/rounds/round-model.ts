import type { AgreementFigures, ClauseState } from '../positions/model';
import type { ShownStatus } from '../positions/labels';

/**
 * A named round ("Berlin round"): the whole workspace as it stood when the convener cut it —
 * every listed document's text and positions, the manifest with its roster — kept as full
 * document states in the workspace file, because the live documents are garbage-collected and a
 * Yjs snapshot of them could not be replayed later. Private delegation notes are never part of
 * a round. A round is read-only for ever: it can be listed, opened, exported and compared.
 */

/** A round as lists show it. */
export interface RoundInfo {
  /** Stable id (a UUID): the same in every copy of the workspace that holds the round. */
  id: string;
  /** The name the user gave it, e.g. "Berlin round"; unique within the workspace (case-insensitive). */
  name: string;
  /** When it was cut (ISO 8601 UTC). */
  cutAt: string;
  /** Display name of the member who cut it, as their identity had it. */
  cutBy: string;
  /** How many documents it holds. */
  documents: number;
  /** How many clauses, all documents together. */
  clauses: number;
  /** The package's agreement percent when it was cut. */
  percent: number;
  /**
   * Present when the stored round does not read back (a flipped bit, a cut-short copy): what is
   * wrong and what to do. The round is still listed, so one damaged round hides no other, but it
   * cannot be opened, exported or compared; its figures are then 0.
   */
  damaged?: string;
}

/** Longest round name, in characters; a name is a label, not a description. */
export const ROUND_NAME_MAX = 120;

/** One clause or block of a round, as its read-only view shows it (plain text per paragraph). */
export type RoundItemView =
  | {
      kind: 'clause';
      id: string;
      label: string;
      state: ClauseState;
      paragraphs: string[];
      positions: { party: string; status: ShownStatus; stale: boolean }[];
    }
  | { kind: 'block'; level: number; paragraphs: string[] };

/** One document of a round, read-only. */
export interface RoundDocumentView {
  id: string;
  title: string;
  agreement: AgreementFigures;
  items: RoundItemView[];
}

/**
 * A round opened read-only in the app: its text, clause states and positions as they stood.
 * Plain JSON (main builds it from the stored states and sends it to the window), so a round can
 * be read without ever becoming an editable replica that could be typed into.
 */
export interface RoundView {
  info: RoundInfo;
  title: string;
  parties: { code: string; name: string }[];
  agreement: AgreementFigures;
  documents: RoundDocumentView[];
}
