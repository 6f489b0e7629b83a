/**
 * What main tells windows about live co-editing: the connection to the relay, who else is here,
 * and what an offline exchange (a merged file) changed. Plain JSON, so it crosses IPC unchanged
 * and the CLI can print it.
 */

/**
 * Where this workspace stands with its relay. `local`: no relay configured (a file only ever used
 * offline); `offline`: a relay is configured but the user went offline or it cannot be reached;
 * `refused`: the relay turned this member away (see `refusal`), and retrying will not help until
 * something changes (a new invitation, the roster).
 */
export type LiveState = 'local' | 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

/** The connection state shown in every window of the workspace, always visible. */
export interface LiveStatus {
  state: LiveState;
  /** The relay's address (`ws://host:port`), null when none is configured. */
  relay: string | null;
  /** Local changes the relay has not yet confirmed; 0 means everything typed here has reached it. */
  unconfirmed: number;
  /** Why the relay refused us, in words for the user ("invitation expired"), with its stable reason. */
  refusal: { reason: string; message: string } | null;
  /** When this app hosts the relay ("Host on this network"): its port and the addresses to give others. */
  hosting: { port: number; addresses: string[] } | null;
  /**
   * The convener hosted this workspace when it was last open, and hosting it again on that port
   * failed (the port is taken): the workspace stays offline and the status says so in one line,
   * rather than silently chasing a relay that is not there. Absent otherwise.
   */
  hostingFailed?: { port: number; message: string };
}

/** Someone else connected to the workspace, as presence shows them (one entry per connection). */
export interface PresencePeer {
  /** The Yjs client id of their connection's awareness on that document. */
  clientId: number;
  name: string;
  party: string | null;
  /** Party colour (`#rrggbb`), or a neutral grey for observers and the convener. */
  colour: string;
  /** The document they are in, null when they are only connected to the workspace. */
  docId: string | null;
}

/**
 * What a window sets as its presence in one document. Main adds the name, party and colour from
 * the roster (a window cannot claim to be someone else) and drops the cursor for observers.
 */
export interface PresenceState {
  /** y-prosemirror's relative positions (Y.RelativePosition as JSON) of the selection, or null. */
  cursor: { anchor: unknown; head: unknown } | null;
}

/** One document's changes from a merged file. */
export interface MergedDocument {
  docId: string;
  title: string;
  /** Whether this copy gained anything from the other file for this document. */
  changed: boolean;
  /** Clauses added by the merge and clauses whose text changed. */
  clausesAdded: number;
  clausesChanged: number;
  /** Positions that arrived with the merge. */
  positionsAdded: number;
}

/** What "Import changes from a file…" and `chancery merge` report. Merging the same file again reports nothing changed. */
export interface MergeReport {
  source: string;
  workspaceId: string;
  /** Whether anything at all changed. */
  changed: boolean;
  documents: MergedDocument[];
  /** Documents the other file has that this one did not (now added). */
  documentsAdded: number;
  rosterEntriesAdded: number;
  /** Text this copy typed that the merge deleted, kept for the user to restore (see lost text). */
  textKept: number;
  /**
   * Documents the other file lists but cannot read (damaged there): nothing of them was merged, and
   * the user must hear so rather than "nothing to merge". Optional so reports made before it stay valid.
   */
  unreadable?: { docId: string; title: string; message: string }[];
  /** Named rounds the other file had and this one did not (now copied); absent when none. */
  rounds?: number;
}
