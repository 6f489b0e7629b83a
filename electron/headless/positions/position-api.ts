import type { Signer } from '../../../shared/positions/signing';
import type {
  ClausePositions,
  ClauseView,
  DocPositions,
  MemberCard,
  PackageAgreement,
  PositionStatus,
  RosterParty,
  RosterRole,
  RosterView,
  AgreementSummary,
} from '../../../shared/positions/model';

/** What changed, so main forwards only that to the windows (and the meter is updated, not recounted). */
export type PositionChange =
  | { kind: 'roster'; roster: RosterView }
  | { kind: 'doc'; docId: string; clauses: ClauseView[]; summary: AgreementSummary }
  | { kind: 'package'; agreement: PackageAgreement };

/** What a member asks for when setting their party's position. */
export interface PositionInput {
  status: PositionStatus;
  comment?: string;
  proposal?: string;
}

/**
 * The positions and roster of one open workspace, as main and the CLI use them: resolved with the
 * shared pure code (signatures checked with node:crypto, once per record), kept up to date
 * incrementally as updates arrive, and changed only through signed commands. `signer` is the
 * installation's key in the app, or a generated key in the CLI's sample; it never leaves main.
 */
export interface PositionsApi {
  roster(): RosterView;
  docPositions(docId: string): DocPositions;
  packageAgreement(): PackageAgreement;
  /**
   * The same, for main's IPC: signatures are checked in slices between other calls, so opening a
   * workspace of thousands of signed positions never holds up a window's `openDoc` or keystrokes.
   */
  checkedDocPositions(docId: string): Promise<DocPositions>;
  /** See {@link checkedDocPositions}; `first` are checked first (the documents the window shows). */
  checkedPackageAgreement(first?: readonly string[]): Promise<PackageAgreement>;
  history(docId: string, clauseId: string): ClausePositions['history'];
  /** Signs and stores `party`'s position; NOT_AUTHORISED unless `signer` is enrolled in `party` now. */
  setPosition(signer: Signer, docId: string, clauseId: string, party: string, input: PositionInput): void;
  /** Convener only: defines a party or changes its name or colour. */
  setParty(signer: Signer, party: RosterParty): void;
  /** Convener only. */
  retireParty(signer: Signer, code: string): void;
  /** Convener admits heads and observers; a party's head enrols its members. */
  admit(signer: Signer, card: MemberCard, role: RosterRole, party: string | null): void;
  /** Convener removes anyone; a head removes its party's members. */
  remove(signer: Signer, key: string): void;
  /** Called after every change to positions, clause states or the roster; returns the unsubscriber. */
  onChange(listener: (change: PositionChange) => void): () => void;
}
