import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type WebSocket from 'ws';
import type * as Y from 'yjs';
import { isChanceryError } from '../../../shared/errors';
import type { Invitation } from '../../../shared/live/invitation';
import type { PresencePeer, PresenceState } from '../../../shared/live/live-model';
import { isPrivateDocId, privateDocId, relayDocName } from '../../../shared/live/relay-names';
import { MANIFEST_DOC_ID } from '../../../shared/workspace/manifest';
import type { WorkspaceSession } from '../workspace/workspace-session';
import type { PeerContext } from '../workspace/workspace-session';
import { DocBridge, type BridgeHost } from './doc-bridge';
import { savedInvitation } from './live-settings';
import { PrivateDocGate } from './private-doc-gate';
import type { RelaySyncOptions, RelaySyncStatus } from './relay-sync-options';
import { relaySocketClass } from './relay-socket';
import { SyncPresence } from './sync-presence';
import { syncToken } from './sync-token';
import { syncTimeout, SyncWaiters } from './sync-waiters';
import { readRefusal, refusalOfClose, StatusTracker, type Refusal } from './status';

export type { RelaySyncOptions, RelaySyncStatus, RetryPacing } from './relay-sync-options';

const DEFAULT_SYNC_TIMEOUT_MS = 30_000;

/**
 * The workspace's connection to its relay: one socket, every document multiplexed on it — the
 * manifest, each document the manifest lists (followed as documents are added and deleted), and
 * this member's own delegation's private document (asked for once the manifest is in step with
 * the relay; see private-doc-gate.ts). Each document goes through a {@link DocBridge}, so the hub
 * stays the single writer and the file stays authoritative; stopping changes nothing in it.
 */
export class RelaySync {
  readonly #bridges = new Map<string, DocBridge>();
  /** When to ask for the private document, and whether the relay refused it. */
  readonly #privateDocs = new PrivateDocGate();
  readonly #waiters: SyncWaiters;
  readonly #openSockets = new Set<WebSocket>();
  readonly #presence: SyncPresence;
  readonly #status: StatusTracker;
  readonly #host: BridgeHost;
  #socket: HocuspocusProviderWebsocket | null = null;
  #unsubscribe: (() => void) | null = null;
  #refusedUpdates = 0;
  #reconciling = false;

  constructor(
    private readonly session: WorkspaceSession,
    private readonly options: RelaySyncOptions,
  ) {
    this.#presence = new SyncPresence(this.#bridges, {
      session,
      key: options.signer.publicKey,
      name: options.name,
      onAwareness: (docId, update, origin) => options.onAwareness?.(docId, update, origin),
      onPeers: (peers) => options.onPeers?.(peers),
    });
    this.#status = new StatusTracker(options.relay, () => this.#unconfirmed(), (s) => options.onStatus?.({ ...s }));
    this.#waiters = new SyncWaiters({
      relay: options.relay,
      refusal: () => this.#status.refusal,
      stopped: () => this.#status.stopped,
      settled: () => this.#settled(),
      timedOut: (ms) => syncTimeout(options.relay, this.#status.everConnected, this.#unconfirmed(), ms),
    });
    this.#host = {
      applyPeerUpdate: (docId: string, update: Uint8Array, context: PeerContext) => void session.applyPeerUpdate(docId, update, context),
      hubDoc: (docId) => this.#hubDoc(docId),
      writable: (docId) => this.#writable(docId),
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
            this.#privateDocs.socketOpened();
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
    return this.#waiters.wait(timeoutMs);
  }

  /** The window's presence in a document (null: it left it); main adds who this member is. */
  setLocalPresence(docId: string, state: PresenceState | null): void {
    this.#presence.setLocal(docId, state);
  }

  /** An awareness update of every remote state in a document (for a window that just opened it). */
  remotePresence(docId: string): Uint8Array {
    return this.#presence.remote(docId);
  }

  /** Everyone else online in this workspace now, one entry per person and document. */
  peers(): PresencePeer[] {
    return this.#presence.peers();
  }

  #settled(): boolean {
    if (!this.#status.connected) return false;
    for (const bridge of this.#bridges.values()) if (!bridge.settled) return false;
    // Our private document, not asked for yet (it will be once the manifest settled), unless refused.
    const own = this.#ownPrivateDoc();
    if (own !== null && !this.#bridges.has(own) && !this.#privateDocs.isRefused(own)) return false;
    return this.#bridges.size > 0;
  }

  #unconfirmed(): number {
    let n = 0;
    for (const bridge of this.#bridges.values()) n += bridge.unconfirmed;
    return n;
  }

  #changed(): void {
    const own = this.#ownPrivateDoc();
    if (own !== null && !this.#bridges.has(own) && this.#privateDocs.mayOpen(own, this.#manifestSettled())) this.#reconcile();
    this.#status.changed();
    this.#wake();
  }

  #manifestSettled(): boolean {
    return this.#bridges.get(MANIFEST_DOC_ID)?.settled ?? false;
  }

  #wake(): void {
    this.#waiters.wake();
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
    // Only the private document was refused (the relay's roster does not have this key in the
    // party yet, say): everything else syncs on; it is asked for again later (see PrivateDocGate).
    this.#log(`the relay refused ${docId}: ${refusal.message}`);
    this.#privateDocs.refused(docId);
    this.#drop(docId);
    this.#changed();
  }

  #onHubChange(docId: string, update: Uint8Array): void {
    this.#bridges.get(docId)?.fromHub(update);
    if (docId === MANIFEST_DOC_ID) {
      this.#privateDocs.manifestChanged();
      this.#reconcile();
      this.#presence.publishAll(); // the roster may say another party or colour now
    }
    this.#changed();
  }

  /** Bridges for exactly the documents this member syncs now. */
  #reconcile(): void {
    if (!this.#socket || this.#reconciling) return;
    this.#reconciling = true;
    try {
      this.#reconcileNow(this.#socket);
    } finally {
      this.#reconciling = false;
    }
  }

  #reconcileNow(socket: HocuspocusProviderWebsocket): void {
    const wanted = new Set<string>([MANIFEST_DOC_ID, ...this.session.manifest().documents.map((d) => d.id)]);
    const own = this.#ownPrivateDoc();
    if (own !== null && (this.#bridges.has(own) || this.#privateDocs.mayOpen(own, this.#manifestSettled()))) wanted.add(own);
    for (const docId of [...this.#bridges.keys()]) if (!wanted.has(docId)) this.#drop(docId);
    const workspaceId = this.session.store.meta.workspaceId;
    for (const docId of wanted) {
      if (this.#bridges.has(docId)) continue;
      const bridge = new DocBridge(docId, relayDocName(workspaceId, docId), socket, this.#host);
      this.#bridges.set(docId, bridge);
      this.#presence.follow(docId, bridge);
      bridge.attach();
    }
  }

  #drop(docId: string): void {
    this.#presence.forget(docId);
    this.#bridges.get(docId)?.destroy();
    this.#bridges.delete(docId);
  }

  /** The private document this member syncs: its own party's, as head or member (by our roster). */
  #ownPrivateDoc(): string | null {
    const me = this.session.positions.resolvedRoster().member(this.options.signer.publicKey);
    return me && (me.role === 'head' || me.role === 'member') && me.party !== null ? privateDocId(me.party) : null;
  }

  /** Observers change nothing on the relay but the manifest, where their join claim goes (the relay takes nothing else of theirs). */
  #writable(docId: string): boolean {
    const me = this.session.positions.resolvedRoster().member(this.options.signer.publicKey);
    const observer = me ? me.role === 'observer' : this.#invitation()?.role === 'observer';
    return !observer || docId === MANIFEST_DOC_ID;
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

  /** A fresh token (see sync-token.ts). */
  #token(): string {
    return syncToken(this.session, this.options.signer, this.options.name, this.#invitation());
  }
}
