import type { Node as PMNode } from 'prosemirror-model';
import type { AgreementFigures, ClauseState } from '../positions/model';
import type { ShownStatus } from '../positions/labels';

/**
 * What an export prints, built once from a workspace (or a named round) and handed to every
 * renderer (DOCX, HTML, Markdown; PDF is printed from the HTML). Building it once is what keeps
 * the formats from disagreeing: which clauses are bracketed, which options are offered and by
 * whom, which footnote names which party, and the figures on the cover all come from here, and
 * the figures are the very ones `chancery info --json` prints (the same agreement arithmetic).
 *
 * Private delegation notes are not in this model at all: it is built from the manifest's
 * documents only, so no renderer can print a note by mistake.
 */

/** The formats a user can export to. */
export const EXPORT_FORMATS = ['docx', 'pdf', 'html', 'md'] as const;

/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File extension per format, for save dialogs and the CLI's default names. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = Object.freeze({
  docx: '.docx',
  pdf: '.pdf',
  html: '.html',
  md: '.md',
});

/**
 * Which version a user asks for. `marked-up` is what goes to a capital (brackets, options,
 * footnotes, cover, annex table); `clean` is the text alone, optionally only the agreed clauses
 * (a clause every party accepts without ad referendum, as the headline figure counts it).
 */
export interface ExportOptions {
  clean: boolean;
  /** Only with `clean`: leave out every clause that is not agreed by all. */
  agreedOnly: boolean;
}

/** A party at the table as exports name it. */
export interface ExportParty {
  code: string;
  name: string;
}

/** One party's current position on a clause as the export states it. */
export interface ExportPosition {
  party: string;
  partyName: string;
  /** `open` when the party has said nothing valid (or withdrew). */
  status: ShownStatus;
  /** Given on other words than the clause now has: printed as such, never as agreement. */
  stale: boolean;
  /** Records of this party on this clause that do not verify: printed as such, never counted. */
  invalid: number;
  comment?: string;
  /** The wording this party proposes instead (a `disputed` position's proposal). */
  proposal?: string;
  /** Display name of the member who signed the winning record, when the roster knows it. */
  memberName?: string;
  /** When the winning record was signed (ISO 8601). */
  at?: string;
}

/** An alternative wording, stacked as `[Option n: …]` after the clause's own text (Option 1). */
export interface ExportOption {
  /** 2, 3, … (Option 1 is the clause's current text). */
  n: number;
  text: string;
  /** Parties putting this wording forward (one proposal text proposed by two parties is one option). */
  parties: ExportParty[];
}

/** A footnote of a marked-up clause: one sentence naming parties and what they hold. */
export interface ExportFootnote {
  text: string;
}

/** A clause (operative paragraph) of a document, as the export prints it. */
export interface ExportClause {
  kind: 'clause';
  id: string;
  /** As shown in the editor's margin: the running number or the stored label ("5 bis"). */
  label: string;
  state: ClauseState;
  /** In square brackets in the marked-up version: disputed or reserved by at least one party. */
  bracketed: boolean;
  /** Every party at the table, in table order. */
  positions: ExportPosition[];
  options: ExportOption[];
  /** Who disputes, reserves, accepts ad referendum (with comments), stale and invalid records. */
  footnotes: ExportFootnote[];
  /** The clause node itself (its paragraphs, lists and marks). */
  node: PMNode;
}

/** A block outside any clause (a heading, a preambular paragraph, a list): printed as it is. */
export interface ExportBlock {
  kind: 'block';
  node: PMNode;
}

/** The counts observers otherwise tally by hand. */
export interface MarkupCounts {
  /** Clauses in square brackets (disputed or reserved). */
  bracketed: number;
  /** Alternative wordings on offer (Option 2 onwards). */
  options: number;
  /** Party reservations, one per party and clause. */
  reservations: number;
  /** Party objections (disputed), one per party and clause. */
  disputes: number;
  /** Acceptances ad referendum, one per party and clause. */
  adReferendum: number;
  /** Positions given on earlier text (not counted as agreement). */
  stale: number;
  /** Records that do not verify (never counted). */
  invalid: number;
}

/** One framework document. */
export interface ExportDocument {
  id: string;
  title: string;
  /** In document order. */
  content: (ExportClause | ExportBlock)[];
  agreement: AgreementFigures;
  counts: MarkupCounts;
}

/** A named round the export was taken from (absent for the current text). */
export interface ExportRound {
  name: string;
  /** When the round was cut (ISO 8601). */
  cutAt: string;
}

/** Everything an export prints. */
export interface ExportPackage {
  workspaceId: string;
  title: string;
  round: ExportRound | null;
  /** When the export was made (ISO 8601); printed on the cover. */
  exportedAt: string;
  parties: ExportParty[];
  documents: ExportDocument[];
  /** The package's figures ("nothing is agreed until everything is agreed"), as `chancery info --json` has them. */
  agreement: AgreementFigures;
  counts: MarkupCounts;
  /** True when the package is one document of the workspace, not all of it. */
  partial: boolean;
}

/**
 * How far a long export has got, for the dialog's progress bar (a 150k-word package takes
 * seconds, and PDF printing longer): the stage, and documents done of the total in it.
 */
export interface ExportProgress {
  stage: 'reading' | 'comparing' | 'rendering' | 'printing' | 'writing' | 'done';
  done: number;
  total: number;
}
