import { NEUTRAL_COLOUR } from '../live/presence';
import type { SignedInUser } from './observer-frames';
import * as Y from 'yjs';
import { checkPrivateNotes } from '../../../shared/notes/notes-check';
import { currentAccess, type RelayAccess } from '../../../shared/live/relay-access';
import type { RelayDoc } from '../../../shared/live/relay-names';
import { parseRelayDocName, relayDocName } from '../../../shared/live/relay-names';
import { ResolvedRoster } from '../../../shared/positions/roster';
import { readRosterEntries } from '../../../shared/positions/roster-doc';
import type { SignatureCache } from '../../../shared/positions/signing';
import { checkTransaction } from '../../../shared/schema/content-check';
import { ORIGIN_LOAD } from '../../../shared/sync/origins';
import { MANIFEST_DOC_ID, readManifest } from '../../../shared/workspace/manifest';
import { checkManifest } from '../../../shared/workspace/manifest-check';
import { UpdateGate, type ScratchCheck } from '../workspace/update-gate';
import { claimOnly } from './observer-frames';
import type { RelaySocket } from './relay-socket';
import { RelayStore } from './relay-store';

/**
 * Everything the relay holds for one workspace: its file (created only at the convener's first
 * contact, so a refused client never leaves anything behind), the pinned convener, the roster
 * resolved from the stored manifest (cached, re-resolved when the manifest changes), the gates
 * that check every incoming edit, and the sockets signed in to it.
 *
 * When the manifest changes, every open socket whose key the roster no longer admits (a removal
 * arrived) is closed with 4401 "removed from this workspace"; its next connection is refused by
 * `decideAccess`.
 */
export class RelayWorkspace {
  readonly sockets = new Set<RelaySocket>();
  readonly #gates = new Map<string, UpdateGate>();
  #store: RelayStore | null;
  #pin: string | null;
  /** undefined: stale, resolve again on next use. */
  #roster: ResolvedRoster | null | undefined = undefined;
  #sweepScheduled = false;

  constructor(
    readonly workspaceId: string,
    private readonly dataDir: string,
    private readonly signatures: SignatureCache,
    /** The Hocuspocus document of that name, when loaded. */
    private readonly loaded: (name: string) => Y.Doc | undefined,
    private readonly onRemoved: (socket: RelaySocket) => void,
  ) {
    this.#store = RelayStore.exists(dataDir, workspaceId) ? RelayStore.open(dataDir, workspaceId, false) : null;
    this.#pin = this.#store?.pinnedConvener() ?? null;
  }

  /** The convener pinned at first contact, null before. */
  get pinned(): string | null {
    return this.#pin;
  }

  get hasStore(): boolean {
    return this.#store !== null;
  }

  /** The workspace's file; every authenticated socket's workspace has one. */
  get store(): RelayStore {
    if (this.#store === null) this.#store = RelayStore.open(this.dataDir, this.workspaceId, true);
    return this.#store;
  }

  /** First contact: creates the file and pins the convener. */
  pin(key: string): void {
    this.store.pin(key);
    this.#pin = key;
    this.#roster = undefined;
  }

  /** The roster as the stored manifest resolves it, or null while the relay has no manifest. */
  roster(): ResolvedRoster | null {
    if (this.#roster !== undefined) return this.#roster;
    const pin = this.pinned;
    const manifest = this.#manifestDoc();
    this.#roster =
      pin === null || manifest === null
        ? null
        : ResolvedRoster.resolve({
            workspaceId: this.workspaceId,
            convener: pin,
            entries: readRosterEntries(manifest),
            legacyParties: readManifest(manifest).parties,
            signatures: this.signatures,
          });
    return this.#roster;
  }

  /** What `granted` (a socket's access at its upgrade) may do now, by the current roster; RelayRefusal 'removed'. */
  currentAccess(granted: RelayAccess): RelayAccess {
    return currentAccess(granted, this.roster(), this.pinned);
  }

  /**
   * Who `granted`'s key is now, as presence must show it: the roster's name for it, its party if it
   * heads or sits in one, and that party's colour (neutral otherwise). A removed key keeps what it
   * was granted until its sockets are closed, a moment later.
   */
  presenceUser(granted: RelayAccess): SignedInUser {
    let access = granted;
    try {
      access = this.currentAccess(granted);
    } catch {
      // removed: the removal sweep closes the socket; until then it shows as it signed in
    }
    const roster = this.roster();
    const party = access.role === 'head' || access.role === 'member' ? access.party : null;
    const colour = roster?.view.parties.find((p) => p.code === party)?.colour ?? NEUTRAL_COLOUR;
    return { name: roster?.member(access.key)?.name ?? access.name, party, colour };
  }

  /**
   * Whether `update` to the loaded manifest `name`, from a read-only connection of `key`, only adds
   * that key's own join claims (checked on the gate's scratch copy, which then holds it, as for any
   * admitted edit; a refusal rebuilds the copy). False for anything else, or no loaded manifest.
   */
  admitClaim(name: string, update: Uint8Array, key: string): boolean {
    const doc = this.loaded(name);
    if (doc === undefined) return false;
    const relayDoc = parseRelayDocName(name);
    if (relayDoc.kind !== 'manifest') return false;
    try {
      this.gate(name, doc).admit(update, claimOnly(key, this.signatures));
      return true;
    } catch {
      return false;
    }
  }

  /** The manifest changed (after it was applied): re-resolve the roster and close removed members' sockets. */
  manifestChanged(): void {
    this.#roster = undefined;
    if (this.#sweepScheduled) return;
    this.#sweepScheduled = true;
    setImmediate(() => {
      this.#sweepScheduled = false;
      this.#sweep();
    });
  }

  /** The gate that checks edits to `name` against a scratch copy of the loaded `doc` (the name is parsed only once). */
  gate(name: string, doc: Y.Doc): UpdateGate {
    let gate = this.#gates.get(name);
    if (!gate) {
      gate = new UpdateGate(doc, this.#checkFor(parseRelayDocName(name)), `relay document ${name}`);
      this.#gates.set(name, gate);
    }
    return gate;
  }

  /** Keeps the gate's scratch copy in step with an update the document received (idempotent). */
  mirror(name: string, update: Uint8Array): void {
    this.#gates.get(name)?.mirror(update);
  }

  dropGate(name: string): void {
    this.#gates.get(name)?.destroy();
    this.#gates.delete(name);
  }

  close(): void {
    for (const gate of this.#gates.values()) gate.destroy();
    this.#gates.clear();
    this.#store?.close();
    this.#store = null;
  }

  #checkFor(doc: RelayDoc): ScratchCheck {
    switch (doc.kind) {
      case 'manifest':
        // The pin is the relay's root of trust: the manifest's convener must stay that key.
        return (scratch) => checkManifest(scratch, this.pinned);
      case 'document':
        return checkTransaction;
      case 'private':
        return checkPrivateNotes;
    }
  }

  #manifestDoc(): Y.Doc | null {
    const live = this.loaded(relayDocName(this.workspaceId, MANIFEST_DOC_ID));
    if (live) return live;
    if (this.#store === null) return null;
    const rows = this.#store.updates(MANIFEST_DOC_ID);
    if (rows.length === 0) return null;
    const doc = new Y.Doc();
    doc.transact(() => rows.forEach((row) => Y.applyUpdate(doc, row)), ORIGIN_LOAD);
    return doc;
  }

  #sweep(): void {
    const roster = this.roster();
    if (roster === null) return;
    const pin = this.pinned;
    for (const socket of this.sockets) {
      const key = socket.access.key;
      if (key === pin || roster.member(key) !== null) continue;
      // Never on the roster: let in by an invitation whose claim has not arrived yet.
      if (!roster.view.members.some((m) => m.key === key)) continue;
      this.onRemoved(socket);
    }
  }
}
