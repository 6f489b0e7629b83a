/**
 * The data model of clause positions and of the roster that says who may give them. Everything
 * here is plain JSON: records are stored as values of Y.Maps (positions in each document's Y.Doc,
 * the roster in the manifest's), signed over their RFC 8785 canonical form, and read alike by the
 * renderer, main, the CLI and the exports. Keys and signatures are base64url without padding.
 */

/**
 * What a party says about a clause. `withdrawn` is how a member takes back their party's position
 * (the history is append-only, so a withdrawal is a signed record too); it counts as open.
 */
export const POSITION_STATUSES = ['accepted', 'accepted-ad-ref', 'reserved', 'disputed', 'withdrawn'] as const;

/** One of {@link POSITION_STATUSES}. */
export type PositionStatus = (typeof POSITION_STATUSES)[number];

/** Every field of a position the signature covers. */
export interface UnsignedPosition {
  /** Format version of the record, so a later format can be told apart. */
  v: 1;
  /**
   * Not in the brief's field list: one installation's key may be enrolled in several workspaces
   * (and every copy of the sample has the same document and clause ids), so without it a record
   * could be carried from one negotiation into another and still verify.
   */
  workspaceId: string;
  docId: string;
  clauseId: string;
  party: string;
  status: PositionStatus;
  /** {@link clauseTextHash} of the clause text the member saw when giving the position. */
  textHash: string;
  comment?: string;
  /** Alternative wording put forward with a `disputed` status. */
  proposal?: string;
  /** ISO 8601 UTC with milliseconds, as the signer's clock had it (made monotonic per clause). */
  at: string;
  /** The signer's Ed25519 public key. */
  member: string;
}

/** A signed position, as stored in a document's `positions` map under {@link recordId}. */
export interface PositionRecord extends UnsignedPosition {
  signature: string;
}

/** Roles in a workspace. The convener is the root key; observers read and sign nothing. */
export type RosterRole = 'head' | 'member' | 'observer';

interface EntryBase {
  v: 1;
  workspaceId: string;
  at: string;
  /** Public key of whoever signed the entry. */
  signer: string;
}

/** The root of trust, self-signed by the workspace creator; its key is pinned in the manifest. */
export interface ConveneEntry extends EntryBase {
  action: 'convene';
  name: string;
}

/** Defines a party or changes its name or colour (convener only); `retired` takes it off the table. */
export interface PartyEntry extends EntryBase {
  action: 'party';
  party: string;
  name: string;
  colour: string;
  retired?: boolean;
}

/** Admits a key: a head (by the convener), a member (by that party's head), an observer (convener). */
export interface AdmitEntry extends EntryBase {
  action: 'admit';
  key: string;
  name: string;
  role: RosterRole;
  /** Absent for observers. */
  party?: string;
}

/** Removes a key from the workspace from `at` on (convener, or the head of the key's party). */
export interface RemoveEntry extends EntryBase {
  action: 'remove';
  key: string;
}

/** The role an invitation offers: what the claim enrols its key as. */
export type InvitationRole = RosterRole;

/**
 * An invitation to join a workspace over a relay, signed by whoever may admit that role (the
 * convener for heads and observers, a party's head for its members). It travels as text (mail,
 * chat), so it carries everything the joiner needs to connect and nothing secret: the relay lets
 * its holder in only with a fresh proof of their own key, and the first key to claim it keeps it.
 */
export interface UnsignedInvitation {
  v: 1;
  kind: 'invitation';
  workspaceId: string;
  /** Shown to the joiner before they connect, so they know what they are joining. */
  workspaceTitle: string;
  /** The relay's address, `ws://host:port` or `wss://…`. */
  relay: string;
  /** The party the joiner will speak for; null for an observer. */
  party: string | null;
  role: InvitationRole;
  /** ISO 8601 UTC with milliseconds: no claim signed after it counts, and the relay refuses it. */
  expires: string;
  /** When it was issued; the issuer must have been entitled to admit that role then. */
  at: string;
  /** The issuer's public key. */
  issuer: string;
  /** 16 random bytes (base64url), so two invitations with the same fields are still two. */
  nonce: string;
}

/** A signed invitation (see {@link UnsignedInvitation}). */
export interface Invitation extends UnsignedInvitation {
  signature: string;
}

/**
 * A joiner's claim of an invitation, signed by the joiner's own key (`signer`): it enrols that key
 * as if the invitation's issuer had admitted it, so the convener need not be online when someone
 * joins. The first valid claim of an invitation wins; later ones do not count.
 */
export interface ClaimEntry extends EntryBase {
  action: 'claim';
  /** The joiner's name, as they gave it. */
  name: string;
  invitation: Invitation;
}

/** Every field of a roster entry the signature covers. */
export type UnsignedRosterEntry = ConveneEntry | PartyEntry | AdmitEntry | RemoveEntry | ClaimEntry;

/** A signed roster entry, as stored in the manifest's `roster` map under {@link recordId}. */
export type RosterEntry = UnsignedRosterEntry & { signature: string };

/** Why a record or roster entry does not count. Stable: the CLI's --json and the UI branch on it. */
export const INVALID_REASONS = [
  'malformed',
  'bad-signature',
  'wrong-workspace',
  'wrong-document',
  'no-convener',
  'not-authorised',
  'unknown-key',
  'not-enrolled-then',
  'removed',
  'wrong-party',
  'observer',
  'unknown-party',
  'key-in-use',
  /** Another key already claimed this invitation (one key per invitation). */
  'invitation-used',
  /** The claim was signed after the invitation's expiry time. */
  'invitation-expired',
] as const;

/** One of {@link INVALID_REASONS}. */
export type InvalidReason = (typeof INVALID_REASONS)[number];

/** The verdict on one record or entry: valid, or why not, in words for the user. */
export type Verdict = { valid: true } | { valid: false; reason: InvalidReason; message: string };

/** A party as the resolved roster has it (from its latest valid `party` entry). */
export interface RosterParty {
  code: string;
  name: string;
  colour: string;
}

/** A key as the resolved roster has it now. */
export interface RosterMember {
  key: string;
  name: string;
  role: RosterRole | 'convener';
  party: string | null;
  /** When the admission was signed. */
  since: string;
  /** When the key was removed, if it was. */
  removedAt: string | null;
  /** Who admitted it (public key); null for the convener. For a claimed invitation, its issuer. */
  admittedBy: string | null;
  /** Present when the key enrolled itself by claiming an invitation rather than by an `admit`. */
  via?: 'invitation';
}

/** One roster entry for the history list, with its verdict. */
export interface RosterEvent {
  id: string;
  entry: RosterEntry;
  verdict: Verdict;
}

/** The roster after every entry was checked, for display and for judging positions. */
export interface RosterView {
  /** The pinned convener key; null for a workspace nobody has convened yet. */
  convener: string | null;
  /** Active parties, in the order they were first defined. */
  parties: RosterParty[];
  /** Every key ever admitted (removed ones included, with `removedAt`). */
  members: RosterMember[];
  /** Every entry in resolution order (time, then id), valid or not. */
  events: RosterEvent[];
}

/** The state of a clause for the negotiators, from every party's current position. */
export const CLAUSE_STATES = ['agreed', 'agreed-ad-ref', 'open', 'reserved', 'disputed'] as const;

/** One of {@link CLAUSE_STATES}. */
export type ClauseState = (typeof CLAUSE_STATES)[number];

/** One party's current position on a clause, resolved from its records. */
export interface PartyPosition {
  party: string;
  /** The winning valid record, or null when the party has said nothing valid. */
  record: PositionRecord | null;
  /** `open` when there is no winning record or it is a withdrawal. */
  status: Exclude<PositionStatus, 'withdrawn'> | 'open';
  /** The winning record was given on other text than the clause now has. */
  stale: boolean;
  /** How many records for this clause and party do not verify (shown, never counted). */
  invalid: number;
}

/** Everything known about one clause's positions, for the gutter, the history and the counts. */
export interface ClausePositions {
  clauseId: string;
  state: ClauseState;
  parties: PartyPosition[];
  /**
   * Records on this clause that do not verify and name no party at the table (an unknown or
   * retired party code), so no {@link PartyPosition} counts them; still shown, never counted.
   * Optional so views built before it existed stay valid; absent means 0.
   */
  unattributedInvalid?: number;
  /** Every record for this clause, valid or not, oldest first (the append-only history). */
  history: { id: string; record: PositionRecord; verdict: Verdict; stale: boolean }[];
}

/** Per-party tallies, as `chancery info --json` prints them. */
export interface PartyCounts {
  accepted: number;
  acceptedAdRef: number;
  reserved: number;
  disputed: number;
  open: number;
}

/** The agreement figures for a document or the whole package, as `chancery info --json` prints them. */
export interface AgreementFigures {
  clauses: number;
  agreed: number;
  agreedAdRef: number;
  disputed: number;
  reserved: number;
  open: number;
  /** Clauses with at least one stale position. */
  stale: number;
  /** Clauses with at least one record that does not verify. */
  invalid: number;
  /** agreed / clauses × 100, one decimal; 0 when there are no clauses. */
  percent: number;
}

/** Figures plus per-party counts, for one document or for the package. */
export interface AgreementSummary {
  agreement: AgreementFigures;
  parties: Record<string, PartyCounts>;
}

/**
 * A member card: what a delegate hands their head of delegation (as text or a file) to be
 * enrolled, with no network. The text form is `chancery-member-card:` + base64url(JSON).
 */
export interface MemberCard {
  v: 1;
  name: string;
  key: string;
}

/** What the gutter and tooltips need for one clause: its state and each party's current position. */
export type ClauseView = Omit<ClausePositions, 'history'>;

/** One document's positions as main has resolved them (signatures, roster, current text). */
export interface DocPositions {
  docId: string;
  /** Every clause of the document in document order, with or without positions. */
  clauses: ClauseView[];
  summary: AgreementSummary;
}

/**
 * How far main has got checking signatures. Opening a large workspace means verifying thousands of
 * signatures; main does it in slices so typing is never held up, and says so meanwhile.
 */
export interface SignatureChecking {
  /** Documents whose every record has been checked (or that could not be read, so are left out). */
  checked: number;
  /** Documents listed in the workspace. */
  total: number;
}

/** The agreement meter's figures: the package ("nothing is agreed until everything is agreed") and each document. */
export interface PackageAgreement {
  package: AgreementSummary;
  documents: Record<string, AgreementSummary>;
  /**
   * Present while signatures are still being checked (just after opening). `documents` then holds
   * only the documents already checked, with their final figures, and `package` sums just those:
   * it is not the package's figure and is not shown as one. A record not yet checked is never in
   * any figure. Optional, so figures sent before checking was sliced stay valid; absent = done.
   */
  checking?: SignatureChecking;
}

/** This installation's member identity, as Settings shows it. The private key never leaves main. */
export interface IdentityView {
  name: string;
  publicKey: string;
  /** {@link fingerprint} of the public key, to compare by phone. */
  fingerprint: string;
  /** How the private key is kept: encrypted by the OS keychain (safeStorage), or a 0600 file where none exists. */
  protection: 'os-encryption' | 'file-permissions';
}

/** The open workspace's roster plus where this installation's key stands in it. */
export interface RosterState {
  roster: RosterView;
  /** This installation's key in the roster now; null when it is not admitted. */
  me: RosterMember | null;
}
