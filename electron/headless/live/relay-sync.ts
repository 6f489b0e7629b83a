import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import { ChanceryError, isChanceryError } from '../../../shared/errors';
import type { Invitation } from '../../../shared/live/invitation';
import type { LiveStatus, PresencePeer, PresenceState } from '../../../shared/live/live-model';
import { isPrivateDocId, privateDocId, relayDocName } from '../../../shared/live/relay-names';
import { makeRelayToken } from '../../../shared/live/relay-token';
import type { RosterEntry } from '../../../shared/positions/model';
import { parseRosterEntry } from '../../../shared/positions/record-schema';
import { pinnedConvener, readRosterEntries } from '../../../shared/positions/roster-doc';
import type { Signer } from '../../../shared/positions/signing';
import { MANIFEST_DOC_ID } from '../../../shared/workspace/manifest';
import type { WorkspaceSession } from '../workspace/workspace-session';
import type { PeerContext } from '../workspace/workspace-session';
import { DocBridge, type BridgeHost } from './doc-bridge';
import { savedInvitation } from './live-settings';
import { localUser, mergePeers, newPresenceSession, peersOf, presenceState, remoteUpdate, showsCursor, watchRemote } from './presence';
import { relaySocketClass } from './relay-socket';
import { readRefusal, refusalOfClose, StatusTracker, type Refusal } from './status';

/** How the sync client paces its reconnection attempts (tests make it quick). */
export interface RetryPacing {
  /** First delay after a failed attempt; it doubles up to `maxDelayMs`. */
  delayMs?: number;
  maxDelayMs?: number;
}

export interface RelaySyncOptions {
  /** `ws://host:port` of the relay. */
  relay: string;
  signer: Signer;
  /** This member's display name (the identity's). */
  name: string;
  /** The invitation this copy joined with, until its claim is on the relay's roster (default: the stored one). */
  invitation?: Invitation;
  onStatus?(status: LiveStatus): void;
  /** Remote presence changed in a document: a y-protocols awareness update of the remote states. */
  onAwareness?(docId: string, update: Uint8Array, origin: 'remote'): void;
  onPeers?(peers: PresencePeer[]): void;
  /** One line per event worth telling an operator (refused updates, refusals). */
  log?(line: string): void;
  retry?: RetryPacing;
  maxFrameBytes?: number;
}

/** The status, with how many edits from the relay the hub refused since the start. */
export type RelaySyncStatus = LiveStatus & { refusedUpdates: number };

const DEFAULT_SYNC_TIMEOUT_MS = 30_000;

/**
 * The workspace's connection to its relay: one socket, every document multiplexed on it — the
 * manifest, each document the manifest lists (followed as documents are added and deleted), and
 * this member's own delegation's private document. Each document goes through a {@link DocBridge},
 * so the hub stays the single writer and the file stays authoritative; stopping changes nothing
 * in it.
 */
export class RelaySync {
  readonly #bridges = new Map<string, DocBridge>();
  readonly #unwatch = new Map<string, () => void>();
  /** Documents the relay would not give this member (another party's, say): not asked again on this socket. */
  readonly #forbidden = new Set<string>();
  readonly #local = new Map<string, PresenceState | null>();
  readonly #waiters = new Set<() => void>();
  readonly #openSockets = new Set<WebSocket>();
  readonly #presenceSession = newPresenceSession();
  readonly #status: StatusTracker;
  readonly #host: BridgeHost;
  #socket: HocuspocusProviderWebsocket | null = null;
  #unsubscribe: (() => void) | null = null;
  #refusedUpdates = 0;

  constructor(
    private readonly session: WorkspaceSession,
    private readonly options: RelaySyncOptions,
  ) {
    this.#status = new StatusTracker(options.relay, () => this.#unconfirmed(), (s) => options.onStatus?.({ ...s }));
    this.#host = {
      applyPeerUpdate: (docId: string, update: Uint8Array, context: PeerContext) => void session.applyPeerUpdate(docId, update, context),
      hubDoc: (docId) => this.#hubDoc(docId),
      writable: () => this.#writable(),
      token: () => this.#token(),
      changed: () => this.#changed(),
      authenticationFailed: (docId, reason) => this.#authenticationFailed(docId, reason),
      refusedUpdate: (docId, err) => {
        this.#refusedUpdates += 1;
        this.#log(`an edit from the relay to ${docId} was refused: ${err instanceof Error ? err.message : String(err)}`);
        this.#changed();
      },
    };
  }

  get relay(): string {
    return this.options.relay;
  }

  /** Connects and keeps connecting (with growing pauses) until stopped or refused. */
  start(): void {
    if (this.#socket || this.#status.stopped) return;
    const pacing = this.options.retry ?? {};
    this.#socket = new HocuspocusProviderWebsocket({
      url: this.options.relay,
      autoConnect: false,
      WebSocketPolyfill: relaySocketClass(
        {
          token: () => this.#token(),
          opened: (ws) => {
            this.#openSockets.add(ws);
            ws.once('close', () => this.#openSockets.delete(ws));
          },
        },
        this.options.maxFrameBytes,
      ),
      delay: pacing.delayMs ?? 1000,
      minDelay: Math.min(pacing.delayMs ?? 1000, 1000),
      maxDelay: pacing.maxDelayMs ?? 15_000,
      onStatus: ({ status }) => this.#status.socket(status),
      onClose: ({ event }) => {
        const refusal = refusalOfClose(event.code, String(event.reason ?? ''));
        if (refusal) this.#refuse(refusal);
      },
    });
    this.#unsubscribe = this.session.subscribe((docId, update) => this.#onHubChange(docId, update));
    this.#reconcile();
    void this.#socket.connect();
    this.#status.changed();
  }

  /** Disconnects and forgets the relay-side copies; the workspace file keeps everything. */
  async stop(): Promise<void> {
    if (this.#status.stopped) return;
    this.#status.stop();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    for (const docId of [...this.#bridges.keys()]) this.#drop(docId);
    const closing = [...this.#openSockets].map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          ws.once('close', () => resolve());
          setTimeout(resolve, 2000).unref();
        }),
    );
    this.#socket?.destroy();
    this.#socket = null;
    this.#wake();
    await Promise.all(closing);
  }

  status(): RelaySyncStatus {
    return { ...this.#status.status(), refusedUpdates: this.#refusedUpdates };
  }

  /** How many edits from the relay the hub refused (each logged); syncing went on without them. */
  get refusedUpdates(): number {
    return this.#refusedUpdates;
  }

  /**
   * Resolves once every document is synced with the relay and it has confirmed every local change.
   * RELAY_REFUSED if the relay turns this member away; RELAY_UNREACHABLE if nothing is confirmed in time.
   */
  whenSynced(timeoutMs = DEFAULT_SYNC_TIMEOUT_MS): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const finish = (outcome: () => void) => {
        this.#waiters.delete(check);
        clearTimeout(timer);
        outcome();
      };
      const check = () => {
        const refusal = this.#status.refusal;
        if (refusal) finish(() => reject(new ChanceryError('RELAY_REFUSED', `The relay at ${this.options.relay} refused this workspace: ${refusal.message}.`)));
        else if (this.#status.stopped) finish(() => reject(new ChanceryError('RELAY_UNREACHABLE', `The connection to ${this.options.relay} was closed before everything was synced.`)));
        else if (this.#settled()) finish(resolve);
      };
      const timer = setTimeout(() => finish(() => reject(this.#timeoutError(timeoutMs))), timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  /** The window's presence in a document (null: it left it); main adds who this member is. */
  setLocalPresence(docId: string, state: PresenceState | null): void {
    this.#local.set(docId, state);
    this.#publishPresence(docId);
  }

  /** An awareness update of every remote state in a document (for a window that just opened it). */
  remotePresence(docId: string): Uint8Array {
    const awareness = this.#bridges.get(docId)?.provider.awareness;
    return awareness ? remoteUpdate(awareness) : emptyAwarenessUpdate();
  }

  /** Everyone else online in this workspace now, one entry per person and document. */
  peers(): PresencePeer[] {
    const perDoc: ReturnType<typeof peersOf>[] = [];
    let workspaceOnly: ReturnType<typeof peersOf> = [];
    for (const [docId, bridge] of this.#bridges) {
      const awareness = bridge.provider.awareness;
      if (!awareness) continue;
      if (docId === MANIFEST_DOC_ID) workspaceOnly = peersOf(awareness, null);
      else perDoc.push(peersOf(awareness, docId));
    }
    return mergePeers(perDoc, workspaceOnly);
  }

  #settled(): boolean {
    if (!this.#status.connected) return false;
    for (const bridge of this.#bridges.values()) if (!bridge.settled) return false;
    return this.#bridges.size > 0;
  }

  #unconfirmed(): number {
    let n = 0;
    for (const bridge of this.#bridges.values()) n += bridge.unconfirmed;
    return n;
  }

  #timeoutError(timeoutMs: number): ChanceryError {
    if (!this.#status.everConnected) {
      return new ChanceryError('RELAY_UNREACHABLE', `No relay answers at ${this.options.relay} — check the address and that the host is running it.`);
    }
    const seconds = Math.round(timeoutMs / 1000);
    return new ChanceryError(
      'RELAY_UNREACHABLE',
      `The relay at ${this.options.relay} did not confirm every change within ${seconds} s (${this.#unconfirmed()} unconfirmed); they are kept in the file and sent when it does.`,
    );
  }

  #changed(): void {
    this.#status.changed();
    this.#wake();
  }

  #wake(): void {
    for (const check of [...this.#waiters]) check();
  }

  #log(line: string): void {
    this.options.log?.(line);
  }

  #refuse(refusal: Refusal): void {
    if (this.#status.refusal) return;
    this.#log(`the relay at ${this.options.relay} refused this member: ${refusal.message} (${refusal.reason})`);
    this.#status.refuse(refusal);
    this.#socket?.disconnect(); // no more attempts: retrying would be refused the same way
    this.#wake();
  }

  #authenticationFailed(docId: string, reason: string): void {
    const refusal = readRefusal(reason);
    if (docId === MANIFEST_DOC_ID || isPrivateDocId(docId) === null) return this.#refuse(refusal);
    // Only the private document was refused (this key's party changed, say): everything else syncs on.
    this.#log(`the relay refused ${docId}: ${refusal.message}`);
    this.#forbidden.add(docId);
    this.#drop(docId);
    this.#changed();
  }

  #onHubChange(docId: string, update: Uint8Array): void {
    this.#bridges.get(docId)?.fromHub(update);
    if (docId === MANIFEST_DOC_ID) {
      this.#reconcile();
      for (const id of this.#bridges.keys()) this.#publishPresence(id); // the roster may say another party or colour now
    }
    this.#changed();
  }

  /** Bridges for exactly the documents this member syncs now. */
  #reconcile(): void {
    if (!this.#socket) return;
    const wanted = new Set<string>([MANIFEST_DOC_ID, ...this.session.manifest().documents.map((d) => d.id)]);
    const party = this.#ownParty();
    if (party !== null) wanted.add(privateDocId(party));
    for (const docId of [...this.#bridges.keys()]) if (!wanted.has(docId)) this.#drop(docId);
    const workspaceId = this.session.store.meta.workspaceId;
    for (const docId of wanted) {
      if (this.#bridges.has(docId) || this.#forbidden.has(docId)) continue;
      const bridge = new DocBridge(docId, relayDocName(workspaceId, docId), this.#socket, this.#host);
      this.#bridges.set(docId, bridge);
      const awareness = bridge.provider.awareness;
      if (awareness) {
        this.#unwatch.set(
          docId,
          watchRemote(awareness, (update) => {
            this.options.onAwareness?.(docId, update, 'remote');
            this.options.onPeers?.(this.peers());
          }),
        );
      }
      this.#publishPresence(docId);
      bridge.attach();
    }
  }

  #drop(docId: string): void {
    this.#unwatch.get(docId)?.();
    this.#unwatch.delete(docId);
    this.#bridges.get(docId)?.destroy();
    this.#bridges.delete(docId);
  }

  /** This member's awareness state in a document: always on the manifest (it keeps the socket alive and says who is online). */
  #publishPresence(docId: string): void {
    const awareness = this.#bridges.get(docId)?.provider.awareness;
    if (!awareness) return;
    const roster = this.session.positions.resolvedRoster();
    const key = this.options.signer.publicKey;
    const user = localUser(roster, key, this.options.name, this.#presenceSession);
    const state = this.#local.get(docId) ?? null;
    if (docId !== MANIFEST_DOC_ID && state === null) {
      if (awareness.getLocalState() !== null) awareness.setLocalState(null);
      return;
    }
    awareness.setLocalState(presenceState(user, state, showsCursor(roster, key)));
  }

  /** The party whose private document this member syncs: its own, as head or member. */
  #ownParty(): string | null {
    const me = this.session.positions.resolvedRoster().member(this.options.signer.publicKey);
    return me && (me.role === 'head' || me.role === 'member') ? me.party : null;
  }

  #writable(): boolean {
    const me = this.session.positions.resolvedRoster().member(this.options.signer.publicKey);
    if (me) return me.role !== 'observer';
    return this.#invitation()?.role !== 'observer';
  }

  #hubDoc(docId: string): Y.Doc | null {
    try {
      return this.session.getDoc(docId);
    } catch (err) {
      // A document whose text has not arrived yet (or cannot be read): the relay's copy fills it.
      if (isChanceryError(err, 'DOCUMENT_DAMAGED') || isChanceryError(err, 'DOCUMENT_NOT_FOUND')) return null;
      throw err;
    }
  }

  #invitation(): Invitation | undefined {
    return this.options.invitation ?? savedInvitation(this.session);
  }

  /**
   * A fresh token: the proof of this key, the invitation this copy joined with, and for
   * the convener the workspace's convene entry (how a relay that never saw the workspace pins it).
   */
  #token(): string {
    const key = this.options.signer.publicKey;
    const manifest = this.session.manifestDoc;
    // Until the relay's roster has the claim, only the invitation lets this key in; once it has
    // expired it could only get the token refused, and the claim (made before) speaks instead.
    const held = this.#invitation();
    const invitation = held && new Date().toISOString() <= held.expires ? held : undefined;
    const convene = pinnedConvener(manifest) === key ? conveneEntry(manifest, key) : undefined;
    return makeRelayToken(this.options.signer, {
      workspaceId: this.session.store.meta.workspaceId,
      name: this.options.name,
      ...(invitation ? { invitation } : {}),
      ...(convene ? { convene } : {}),
    });
  }
}

/** The convener's signed `convene` entry in the manifest, if it is there and well-formed. */
function conveneEntry(manifest: Y.Doc, key: string): RosterEntry | undefined {
  for (const [, value] of readRosterEntries(manifest)) {
    try {
      const entry = parseRosterEntry(value);
      if (entry.action === 'convene' && entry.signer === key) return entry;
    } catch {
      // not a well-formed entry: the roster shows it as malformed; it is no proof of anything
    }
  }
  return undefined;
}

/** An awareness update with no states (y-protocols' encoding: the count of entries, zero). */
function emptyAwarenessUpdate(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}
