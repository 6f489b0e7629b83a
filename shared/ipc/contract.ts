import type { SerializedError } from '../errors';
import type {
  AgreementSummary,
  ClausePositions,
  ClauseView,
  DocPositions,
  IdentityView,
  MemberCard,
  PackageAgreement,
  PositionStatus,
  RosterParty,
  RosterRole,
  RosterState,
} from '../positions/model';
import type { ManifestView } from '../workspace/manifest';
import type { LiveStatus, MergeReport, PresencePeer } from '../live/live-model';
import type { LostText } from '../live/lost-text';
import type { DelegationNote } from '../notes/note-model';
import type { ExportFormat, ExportProgress } from '../export/export-model';
import type { RoundInfo, RoundView } from '../rounds/round-model';
import type { WorkspaceComparison } from '../compare/compare-model';

/**
 * The typed IPC contract between renderer and main, written once and namespaced by feature. Per
 * namespace: a `Calls` interface (method → [arguments, result]) and an `Events` interface (event →
 * payload). {@link NAMESPACES} names every method and event as plain data, so the preload (which
 * runs sandboxed and must stay free of dependencies) can build `window.chancery` from it; channel
 * names are derived from it (`<namespace>:<method>`), never written by hand. Argument schemas live
 * in `ipc/validation.ts` and main's handlers in `electron/main/ipc/handlers/`, each checked against
 * the types here. The derived types (raw API, handler tables, event names) are in `ipc/derived.ts`.
 */

/** Which documents a window had open in tabs, so reopening the workspace restores them. */
export interface SavedTabs {
  open: string[];
  active: string | null;
}

/** A workspace as the window knows it. */
export interface WorkspaceInfo {
  path: string;
  workspaceId: string;
  title: string;
  /**
   * The documents to show at once: the tabs open when this workspace was last closed on this
   * machine, or else its first document; null for a workspace without documents.
   */
  tabs: SavedTabs | null;
}

/** A recently opened workspace file. */
export interface RecentEntry {
  path: string;
  title: string;
  openedAt: string;
}

/** What a window needs to draw its first screen. */
export interface StartupState {
  workspace: WorkspaceInfo | null;
  recent: RecentEntry[];
  /** Why the workspace requested at launch could not be opened, if it could not. */
  openError: SerializedError | null;
}

/** A dialog the user closed without choosing is not an error; it is this. */
export interface Canceled {
  canceled: true;
}

/** Every invoke returns this envelope: Electron drops error classes and codes when it rejects. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** Opening, creating and closing the window's workspace. */
export interface WorkspaceCalls {
  getStartupState: [[], StartupState];
  create: [[], WorkspaceInfo | Canceled];
  openDialog: [[], WorkspaceInfo | Canceled];
  open: [[path: string], WorkspaceInfo];
  close: [[], null];
  /** Remembers the window's open tabs in the workspace file's local settings (never synced). */
  saveTabs: [[tabs: SavedTabs], null];
}

/** See {@link WorkspaceCalls}. */
export interface WorkspaceEvents {
  /** The window's workspace changed (opened, closed, or replaced). */
  changed: [workspace: WorkspaceInfo | null];
}

/** The list of documents (manifest commands). */
export interface DocumentsCalls {
  add: [[title: string], { id: string }];
  rename: [[id: string, title: string], null];
  move: [[id: string, toIndex: number], null];
  delete: [[id: string], null];
}

/** Replicas of documents in the window, kept in step with main's hub. */
export interface SyncCalls {
  /** Opens a replica: returns the doc's full state as one Yjs update. `manifest` for the manifest. */
  openDoc: [[docId: string], Uint8Array];
  /** Pushes a replica's update. Resolves only after it is durable in the workspace file. */
  pushUpdate: [[docId: string, update: Uint8Array], null];
  closeDoc: [[docId: string], null];
}

/** See {@link SyncCalls}. */
export interface SyncEvents {
  /** An update to a doc this window has open, from another replica or from main itself. */
  docUpdate: [docId: string, update: Uint8Array];
}

/** This installation's member identity. The private key never crosses IPC. */
export interface IdentityCalls {
  get: [[], IdentityView];
  /** Changes the display name put on member cards and on roster entries signed from now on. */
  setName: [[name: string], IdentityView];
  /** The member card in its text form, to paste into a message to the head of delegation. */
  memberCard: [[], string];
  /** Save dialog, then writes the card text to a `.chancery-card` file; resolves to its path. */
  saveMemberCard: [[], string | Canceled];
  /** Open dialog, then reads and checks a `.chancery-card` file (INVALID_MEMBER_CARD if it is not one). */
  loadMemberCard: [[], MemberCard | Canceled];
}

/**
 * Who may give positions in the window's workspace. Commands resolve to the roster as it stands
 * afterwards (the same state `roster.changed` then brings every window of the workspace).
 */
export interface RosterCalls {
  get: [[], RosterState];
  /** Convener only: defines a party or changes its name or colour (`#rrggbb`). */
  setParty: [[party: RosterParty], RosterState];
  /** Convener only: takes a party off the table (its positions stay in the history). */
  retireParty: [[code: string], RosterState];
  /** Enrols a member card's key; `party` null for observers. */
  admit: [[cardText: string, role: RosterRole, party: string | null], RosterState];
  /** Removes a key from now on. */
  remove: [[key: string], RosterState];
}

/** See {@link RosterCalls}. */
export interface RosterEvents {
  /** The roster changed (a local command or an update from elsewhere); `me` is this window's key. */
  changed: [state: RosterState];
}

/** Clause positions and agreement figures of the window's workspace. */
export interface PositionsCalls {
  view: [[docId: string], DocPositions];
  agreement: [[], PackageAgreement];
  /** Every record for one clause, valid or not, oldest first. */
  history: [[docId: string, clauseId: string], ClausePositions['history']];
  /**
   * Signs and stores `party`'s position on a clause (status `withdrawn` takes it back). Resolves
   * once stored; the new state arrives as `positions.changed`.
   */
  set: [
    [docId: string, clauseId: string, party: string, status: PositionStatus, comment: string | null, proposal: string | null],
    null,
  ];
}

/** See {@link PositionsCalls}. */
export interface PositionsEvents {
  /** A document this window has open got new clause states (sent only to windows showing it). */
  changed: [docId: string, clauses: ClauseView[], summary: AgreementSummary];
  /** The package and per-document agreement figures changed. */
  agreementChanged: [agreement: PackageAgreement];
}

/**
 * Live co-editing: the relay connection, hosting, invitations, joining, presence and importing a
 * colleague's file. Only main talks to the network; windows see it through these calls.
 */
export interface LiveCalls {
  status: [[], LiveStatus];
  /** Goes online with the relay remembered for this workspace, or with `relay` (and remembers it). */
  connect: [[relay: string | null], LiveStatus];
  /** Goes offline on purpose (edits keep being saved and merge on reconnect). */
  disconnect: [[], LiveStatus];
  /** Convener: runs the relay inside the app on `port` (0 = any free port) and connects to it. */
  host: [[port: number], LiveStatus];
  stopHosting: [[], LiveStatus];
  /** Signs an invitation (convener: any party and role; a head: members of its own party). Resolves to its text. */
  createInvitation: [[party: string | null, role: 'head' | 'member' | 'observer', expires: string, relay: string], string];
  /** Save dialog, then writes the invitation text to a `.chancery-invitation` file; resolves to its path. */
  saveInvitation: [[text: string], string | Canceled];
  /** Open dialog for a `.chancery-invitation` file; resolves to its text (checked). */
  openInvitationFile: [[], string | Canceled];
  /** Joins with an invitation: asks where to save, creates the local file from the relay, opens it in this window. */
  join: [[invitationText: string], WorkspaceInfo | Canceled];
  /** Open dialog for a colleague's copy of this workspace, then merges it in (checked like any remote update). */
  importChanges: [[], MergeReport | Canceled];
  /** The window's presence in a document it has open (main adds who it is). */
  setPresence: [[docId: string, cursor: { anchor: unknown; head: unknown } | null], null];
  /** Everyone else online in this workspace now. */
  peers: [[], PresencePeer[]];
}

/** See {@link LiveCalls}. */
export interface LiveEvents {
  statusChanged: [status: LiveStatus];
  /** Remote awareness of a document this window has open: a y-protocols awareness update. */
  presence: [docId: string, awarenessUpdate: Uint8Array];
  peersChanged: [peers: PresencePeer[]];
}

/** Text this machine typed that a remote edit or a merged file deleted unseen, kept to be put back. */
export interface LossesCalls {
  list: [[], LostText[]];
  /** Puts the text back as a new paragraph where it was; resolves to the clause id it now has. */
  restore: [[id: string], { docId: string; clauseId: string }];
  /** Forgets it (the user read it and does not want it back). */
  dismiss: [[id: string], null];
}

/** See {@link LossesCalls}. */
export interface LossesEvents {
  changed: [losses: LostText[]];
}

/** The user's delegation's private notes on clauses (never shown to any other delegation). */
export interface NotesCalls {
  /** The notes of the user's party on one document; NOT_AUTHORISED when the user sits in no party. */
  list: [[docId: string], DelegationNote[]];
  add: [[docId: string, clauseId: string, text: string], DelegationNote];
  edit: [[noteId: string, text: string], DelegationNote];
  remove: [[noteId: string], null];
}

/** See {@link NotesCalls}. */
export interface NotesEvents {
  /** The notes of a document this window has open changed (here or from another member of the party). */
  changed: [docId: string, notes: DelegationNote[]];
}

/** What the user chose in the export dialog; main asks where to save it, then exports. */
export interface ExportChoice {
  format: ExportFormat;
  /** One document's id, or null for the whole workspace. */
  docId: string | null;
  /** The text without markup. */
  clean: boolean;
  /** With `clean`: only the clauses agreed by all. */
  agreedOnly: boolean;
  /** A named round's id, or null for the current text. */
  roundId: string | null;
  /** A round to compare with: the export is then a redline from that round to `roundId` (or the current text). */
  compareToRoundId: string | null;
}

/** A finished export: where it was written and how big it is. */
export interface ExportOutcome {
  path: string;
  bytes: number;
  format: ExportFormat;
}

/** Exporting the workspace, a document or a round (marked-up, clean, redline) to a file the user picks. */
export interface ExportsCalls {
  /** Asks where to save (canceled → nothing written), then exports; progress arrives as `progress` events. */
  run: [[choice: ExportChoice], ExportOutcome | Canceled];
}

/** See {@link ExportsCalls}. */
export interface ExportsEvents {
  progress: [progress: ExportProgress];
}

/** Named rounds: cut (the convener), list, read one, compare two (or one with the current text). */
export interface RoundsCalls {
  list: [[], RoundInfo[]];
  /** Cuts a round of the whole workspace now; only the convener holds the pen (NOT_AUTHORISED otherwise). */
  cut: [[name: string], RoundInfo];
  /** A round, read-only. */
  view: [[roundId: string], RoundView];
  /** Compares an older round with a newer one, or with the current text (`newerRoundId` null). */
  compare: [[olderRoundId: string, newerRoundId: string | null], WorkspaceComparison];
}

/** See {@link RoundsCalls}. */
export interface RoundsEvents {
  /** The rounds of the window's workspace changed (cut here, or arrived by a merge). */
  changed: [rounds: RoundInfo[]];
}

/** Every namespace: its calls and its events. The key is the namespace's name in channels and in `window.chancery`. */
export interface Contract {
  workspace: { calls: WorkspaceCalls; events: WorkspaceEvents };
  documents: { calls: DocumentsCalls; events: Record<never, never> };
  sync: { calls: SyncCalls; events: SyncEvents };
  identity: { calls: IdentityCalls; events: Record<never, never> };
  roster: { calls: RosterCalls; events: RosterEvents };
  positions: { calls: PositionsCalls; events: PositionsEvents };
  live: { calls: LiveCalls; events: LiveEvents };
  losses: { calls: LossesCalls; events: LossesEvents };
  notes: { calls: NotesCalls; events: NotesEvents };
  exports: { calls: ExportsCalls; events: ExportsEvents };
  rounds: { calls: RoundsCalls; events: RoundsEvents };
}

/** A namespace name. */
export type Namespace = keyof Contract;

/** The method → [args, result] interface of namespace `N`. */
export type CallsOf<N extends Namespace> = Contract[N]['calls'];

/** The event → payload interface of namespace `N`. */
export type EventsOf<N extends Namespace> = Contract[N]['events'];

/** Exactly the names of an interface, each once: an object literal checked against it rejects both gaps and extras. */
type NameSet<T> = { readonly [K in keyof T]: true };

/**
 * Every method and event by name, as data (the preload's and main's registration loops read it).
 * The `satisfies` check makes a method added to a `Calls` interface but not here (or the reverse)
 * a compile error.
 */
export const NAMESPACES = {
  workspace: {
    calls: { getStartupState: true, create: true, openDialog: true, open: true, close: true, saveTabs: true },
    events: { changed: true },
  },
  documents: { calls: { add: true, rename: true, move: true, delete: true }, events: {} },
  sync: { calls: { openDoc: true, pushUpdate: true, closeDoc: true }, events: { docUpdate: true } },
  identity: {
    calls: { get: true, setName: true, memberCard: true, saveMemberCard: true, loadMemberCard: true },
    events: {},
  },
  roster: {
    calls: { get: true, setParty: true, retireParty: true, admit: true, remove: true },
    events: { changed: true },
  },
  positions: {
    calls: { view: true, agreement: true, history: true, set: true },
    events: { changed: true, agreementChanged: true },
  },
  live: {
    calls: {
      status: true,
      connect: true,
      disconnect: true,
      host: true,
      stopHosting: true,
      createInvitation: true,
      saveInvitation: true,
      openInvitationFile: true,
      join: true,
      importChanges: true,
      setPresence: true,
      peers: true,
    },
    events: { statusChanged: true, presence: true, peersChanged: true },
  },
  losses: { calls: { list: true, restore: true, dismiss: true }, events: { changed: true } },
  notes: { calls: { list: true, add: true, edit: true, remove: true }, events: { changed: true } },
  exports: { calls: { run: true }, events: { progress: true } },
  rounds: { calls: { list: true, cut: true, view: true, compare: true }, events: { changed: true } },
} as const satisfies { readonly [N in Namespace]: { calls: NameSet<CallsOf<N>>; events: NameSet<EventsOf<N>> } };

/** The IPC channel of a call or an event: `<namespace>:<name>`. Derived, so channels cannot drift from the table. */
export function channelOf<N extends Namespace, M extends string>(namespace: N, name: M): `${N}:${M}` {
  return `${namespace}:${name}`;
}

/** Every namespace name, in table order. */
export const NAMESPACE_NAMES = Object.keys(NAMESPACES) as Namespace[];

/** The method names of a namespace, in table order. */
export function callNames<N extends Namespace>(namespace: N): (keyof CallsOf<N> & string)[] {
  return Object.keys(NAMESPACES[namespace].calls) as (keyof CallsOf<N> & string)[];
}

/** The event names of a namespace, in table order. */
export function eventNames<N extends Namespace>(namespace: N): (keyof EventsOf<N> & string)[] {
  return Object.keys(NAMESPACES[namespace].events) as (keyof EventsOf<N> & string)[];
}

/** The global name the preload exposes the API under. */
export const API_GLOBAL = 'chancery';

/** Re-exported for the renderer's sidebar, which renders the manifest replica. */
export type { ManifestView };
export type { LiveStatus, MergeReport, PresencePeer, LostText, DelegationNote };
