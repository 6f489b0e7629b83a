import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { ORIGIN_HUB } from '../../../shared/sync/origins';
import type { PeerContext } from '../workspace/workspace-session';
import { partiesPresent, partyOfClients } from './presence';

/**
 * One document between the hub and the relay. The provider syncs a relay-side Y.Doc, seeded from
 * the hub's doc; the hub stays the single writer of the file:
 * - what the provider applies (the relay's and other members' edits) enters the hub only through
 *   `applyPeerUpdate`, the same gate, storage and loss-keeping as a merged file. A refused update
 *   is logged and counted; it stays in the relay-side doc (so it is never asked for again, never
 *   retried in a loop), and later independent edits still come through;
 * - every change of the hub's doc is applied to the relay-side doc, which sends it. What the
 *   relay-side doc already holds (an edit that just came from the relay) produces no update.
 */


/** What a bridge needs from the sync client that owns it. */
export interface BridgeHost {
  /** The hub's path for another copy's update (session.applyPeerUpdate). */
  applyPeerUpdate(docId: string, update: Uint8Array, context: PeerContext): void;
  /** The hub's doc, or null when it has nothing yet (a document whose text has not arrived). */
  hubDoc(docId: string): Y.Doc | null;
  /** Whether this member may change the document on the relay (observers may not, but for their join claim in the manifest). */
  writable(docId: string): boolean;
  /** A fresh per-document token. */
  token(): string;
  /** Something the provider did that the status may depend on. */
  changed(): void;
  authenticationFailed(docId: string, reason: string): void;
  refusedUpdate(docId: string, err: unknown): void;
}

/** The y-protocols message types the relay sends (Hocuspocus' Sync message carries them). */
const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP_1 = 0;

/** Who another delegation is when nothing tells: the words the lost-text notice uses. */
export const UNKNOWN_DELETER = 'another delegation';

export class DocBridge {
  readonly relayDoc = new Y.Doc({ gc: true });
  readonly provider: HocuspocusProvider;
  /** What the relay had seen of ours: its state vector at connection, then ours whenever it confirmed everything. */
  #seen: Map<number, number> | undefined;
  #applyingRemote = false;
  readonly #pending: Uint8Array[] = [];
  /** Hub changes held back while the relay's state is not known (see {@link fromHub}). */
  #heldBack = 0;
  #destroyed = false;

  constructor(
    readonly docId: string,
    relayName: string,
    socket: HocuspocusProviderWebsocket,
    private readonly host: BridgeHost,
  ) {
    const hub = host.hubDoc(docId);
    if (hub) Y.applyUpdate(this.relayDoc, Y.encodeStateAsUpdate(hub), ORIGIN_HUB);
    this.provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: relayName,
      document: this.relayDoc,
      token: () => host.token(),
      onAuthenticationFailed: ({ reason }) => host.authenticationFailed(docId, reason),
      onSynced: () => {
        this.#catchUp();
        host.changed();
      },
      onAuthenticated: () => host.changed(),
      onUnsyncedChanges: ({ number }) => {
        if (number === 0) this.#seen = Y.decodeStateVector(Y.encodeStateVector(this.relayDoc));
        host.changed();
      },
      onMessage: ({ event }) => this.#noteRelayState(event.data),
    });
    this.relayDoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) this.#fromRelay(update);
    });
  }

  /** Starts syncing on the shared socket. */
  attach(): void {
    this.provider.attach();
  }

  /** Whether the relay sent its state and confirmed every change sent to it. */
  get settled(): boolean {
    return this.provider.isAuthenticated && this.provider.synced && this.unconfirmed === 0;
  }

  /** Local changes the relay has not confirmed: sent and unacknowledged, or held back while offline (an observer sends none but its join claim). */
  get unconfirmed(): number {
    if (!this.host.writable(this.docId) || this.provider.authorizedScope === 'readonly') return 0;
    return this.provider.unsyncedChanges + this.#heldBack;
  }

  /**
   * A change of the hub's doc (after it is durable): the relay gets it. Until the relay has sent
   * its state on this connection, it is held back (counted, not sent): sent then, it could depend
   * on edits the relay lacks and that only the sync exchange brings, and the relay refuses such an
   * edit. Once synced, what was held back goes as one diff of the hub's doc.
   */
  fromHub(update: Uint8Array): void {
    if (this.#destroyed || !this.host.writable(this.docId)) return;
    if (!this.provider.synced) {
      this.#heldBack += 1;
      return;
    }
    if (this.#applyingRemote) {
      // A repair the hub made while taking in a relay edit: sent once that edit is done.
      this.#pending.push(update);
      return;
    }
    Y.applyUpdate(this.relayDoc, update, ORIGIN_HUB);
  }

  /** Sends what was held back while the relay's state was not known: whatever the hub has that the relay-side doc lacks. */
  #catchUp(): void {
    if (this.#heldBack === 0 || this.#destroyed) return;
    this.#heldBack = 0;
    const hub = this.host.hubDoc(this.docId);
    if (hub) Y.applyUpdate(this.relayDoc, Y.encodeStateAsUpdate(hub, Y.encodeStateVector(this.relayDoc)), ORIGIN_HUB);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.provider.destroy();
    this.relayDoc.destroy();
  }

  #fromRelay(update: Uint8Array): void {
    this.#applyingRemote = true;
    try {
      this.host.applyPeerUpdate(this.docId, update, { by: this.#deleter(update), ...(this.#seen ? { seen: this.#seen } : {}) });
    } catch (err) {
      // Never thrown into the provider (it would drop the socket and fetch the same again): the
      // edit stays refused, and what does not depend on it keeps arriving.
      this.host.refusedUpdate(this.docId, err);
    } finally {
      this.#applyingRemote = false;
    }
    for (const queued of this.#pending.splice(0)) this.fromHub(queued);
  }

  /** The party that made a relay edit, when presence says; else {@link UNKNOWN_DELETER}. */
  #deleter(update: Uint8Array): string {
    const awareness = this.provider.awareness;
    if (!awareness) return UNKNOWN_DELETER;
    let clients: number[] = [];
    try {
      clients = [...new Set(Y.decodeUpdate(update).structs.map((s) => s.id.client))];
    } catch {
      return UNKNOWN_DELETER; // the hub's gate will say what is wrong with it
    }
    const byClient = clients.length > 0 ? partyOfClients(clients, awareness) : null;
    if (byClient) return byClient;
    // A live edit while one other delegation is in the document can only be theirs.
    const present = [...partiesPresent(awareness)];
    if (this.provider.synced && present.length === 1 && present[0]) return present[0];
    return UNKNOWN_DELETER;
  }

  /**
   * The relay's state vector at (re)connection — what it, and so the others, had of ours. The
   * relay sends it (its sync step 1) before the edits we lack (its step 2), so it is known when
   * those edits reach the hub.
   */
  #noteRelayState(data: unknown): void {
    if (!(data instanceof ArrayBuffer) && !(data instanceof Uint8Array)) return;
    try {
      const decoder = decoding.createDecoder(data instanceof Uint8Array ? data : new Uint8Array(data));
      decoding.readVarString(decoder);
      const type = decoding.readVarUint(decoder);
      if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return;
      if (decoding.readVarUint(decoder) !== SYNC_STEP_1) return;
      this.#seen = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    } catch {
      // Not a message this bridge reads; the provider itself handles (or refuses) it.
    }
  }
}
