import { ChanceryError } from '../../../shared/errors';
import type { LiveStatus, PresencePeer } from '../../../shared/live/live-model';
import type { Signer } from '../../../shared/positions/signing';
import { isChanceryOrigin } from '../../../shared/sync/origins';
import { RELAY_SETTING, savedRelay } from '../../headless/live/live-settings';
import type { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import type { WorkspaceSession } from '../../headless/workspace/workspace-session';
import type { SendEvent } from '../positions/workspace-positions';
import { LiveHosting, type StartRelay } from './live-hosting';
import { makeRelaySync, type LiveSync, type MakeSync } from './live-sync';

/** Who this installation is on the network: its member key and display name. */
export interface LiveIdentity {
  signer: Signer;
  name: string;
}

/** What {@link WorkspaceLive} needs from the rest of main. */
export interface WorkspaceLiveDeps {
  registry: Pick<WorkspaceRegistry, 'windowsOf'>;
  /** This installation's identity; throws IDENTITY_FAILED when it cannot be used. */
  identity: () => LiveIdentity;
  send: SendEvent;
  /** Where a relay hosted in this app keeps its files (userData/relay). */
  relayDataDir: () => string;
  /** Replaceable in tests; the real sync client otherwise. */
  makeSync?: MakeSync;
  startRelay?: StartRelay;
  /** Interface a hosted relay listens on: default every one (tests: loopback). */
  relayHost?: string;
  /** One line per event worth telling (refused updates, refusals). */
  log?: (line: string) => void;
}

/** How often presence held for documents no window shows any more is let go. */
const PRESENCE_SWEEP_MS = 2000;

/** Setting key: the port this copy's own hosted relay last ran on, so reopening never chases a relay that is gone. */
const HOSTED_PORT_SETTING = 'live.hostedPort';

/**
 * Setting key: the port this copy is hosted on ("Host on this network"), kept while hosting so that
 * reopening the workspace hosts it again on the same port (the address in the invitations stays
 * right); empty once the convener chose "Stop hosting".
 */
export const HOSTING_SETTING = 'live.hosting';

/** One workspace's live state in main. */
interface LiveEntry {
  session: WorkspaceSession;
  sync: LiveSync | null;
  /** Local edits made while no sync ran (offline on purpose), not yet confirmed by the relay. */
  pending: number;
  /** The status last sent to windows (JSON), so nothing is sent twice. */
  shownStatus: string;
  shownPeers: string;
  /** Documents whose presence this machine holds: windows showing it get remote presence. */
  presenceDocs: Set<string>;
  /** Window → documents it got the full remote presence for. */
  greeted: Map<number, Set<string>>;
  /** Hosting again on reopening, while under way (the status says "connecting" meanwhile). */
  resuming: Promise<void> | null;
  /** Hosting again on reopening failed: why, until the convener hosts or stops hosting. */
  hostingFailed: { port: number; message: string } | null;
  unsubscribe: () => void;
}

/**
 * Live co-editing in main: one relay connection ({@link LiveSync}) per open workspace that has a
 * relay, started when a window is given the workspace and stopped before its file closes. It
 * tells every window of the workspace the connection status, forwards remote presence to the
 * windows that have the document open, and runs the relay inside the app when the convener
 * hosts ("Host on this network").
 */
export class WorkspaceLive {
  private readonly entries = new Map<WorkspaceSession, LiveEntry>();
  private readonly hosting: LiveHosting;
  private readonly makeSync: MakeSync;
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly deps: WorkspaceLiveDeps) {
    this.makeSync = deps.makeSync ?? makeRelaySync;
    this.hosting = new LiveHosting({
      dataDir: deps.relayDataDir,
      log: (line) => this.log(`relay: ${line}`),
      ...(deps.startRelay ? { startRelay: deps.startRelay } : {}),
      ...(deps.relayHost ? { listenHost: deps.relayHost } : {}),
    });
    this.sweep = setInterval(() => this.sweepPresence(), PRESENCE_SWEEP_MS);
    this.sweep.unref();
  }

  /**
   * Call whenever a window is given `session` (idempotent): connects to the workspace's relay if
   * it has one. Never throws — a workspace opens offline whatever the network does, and the status
   * says why it is not connected.
   */
  prepare(session: WorkspaceSession): void {
    if (this.entries.has(session) || session.isClosed) return;
    const entry: LiveEntry = {
      session,
      sync: null,
      pending: 0,
      shownStatus: '',
      shownPeers: '[]',
      presenceDocs: new Set(),
      greeted: new Map(),
      resuming: null,
      hostingFailed: null,
      unsubscribe: () => {},
    };
    entry.unsubscribe = session.subscribe((_docId, _update, origin) => {
      // Edits made here while offline: shown as unconfirmed until a connection has sent them.
      if (entry.sync === null && savedRelay(session) !== null && isChanceryOrigin(origin) && origin.kind !== 'peer' && origin.kind !== 'load') {
        entry.pending += 1;
        this.announce(entry);
      }
    });
    this.entries.set(session, entry);
    const resumePort = this.portToHostAgain(session);
    if (resumePort !== null) {
      this.hostAgain(entry, resumePort);
      return;
    }
    const relay = savedRelay(session);
    // A loopback relay this app hosted last time is not running now: offline until hosted again.
    if (relay !== null && !this.wasOwnRelay(session, relay)) this.startSync(entry, relay);
  }

  /** Call before `session`'s file closes: disconnects (the file keeps everything) and stops hosting for it. */
  sessionClosing(session: WorkspaceSession): void {
    const entry = this.entries.get(session);
    if (!entry) return;
    this.entries.delete(session);
    entry.unsubscribe();
    const sync = entry.sync;
    entry.sync = null;
    void sync?.stop();
    void this.hosting.release(session).catch((err: unknown) => this.log(`stopping the hosted relay failed: ${String(err)}`));
  }

  status(session: WorkspaceSession): LiveStatus {
    const entry = this.entry(session);
    const hosting = this.hosting.of(session);
    if (entry.sync) {
      const s = entry.sync.status();
      return { state: s.state, relay: s.relay, unconfirmed: s.unconfirmed + entry.pending, refusal: s.refusal, hosting };
    }
    const relay = savedRelay(session);
    const state = entry.resuming ? 'connecting' : relay === null ? 'local' : 'offline';
    return { state, relay, unconfirmed: entry.pending, refusal: null, hosting, ...(entry.hostingFailed ? { hostingFailed: entry.hostingFailed } : {}) };
  }

  /** Goes online with the remembered relay, or with `relay` (remembered from now on). */
  connect(session: WorkspaceSession, relay: string | null): LiveStatus {
    const entry = this.entry(session);
    const target = relay ?? savedRelay(session);
    if (target === null) {
      throw new ChanceryError(
        'INVALID_ARGUMENT',
        'This negotiation has no relay yet. Host it on this network, or join with an invitation, to co-edit live.',
      );
    }
    if (relay !== null && relay !== savedRelay(session)) session.store.setSetting(RELAY_SETTING, relay);
    if (entry.sync && entry.sync.relay === target && entry.sync.status().state !== 'refused') return this.status(session);
    this.stopSync(entry);
    this.startSync(entry, target);
    return this.status(session);
  }

  /** Goes offline on purpose: edits keep being saved here and merge when the workspace is online again. */
  disconnect(session: WorkspaceSession): LiveStatus {
    const entry = this.entry(session);
    this.stopSync(entry);
    this.announce(entry);
    return this.status(session);
  }

  /** Convener only: runs the relay in this app on `port` (0: any free port) and connects this workspace to it. */
  async host(session: WorkspaceSession, port: number): Promise<LiveStatus> {
    const entry = this.entry(session);
    const me = this.deps.identity();
    const convener = session.positions.roster().convener;
    if (convener !== me.signer.publicKey) {
      throw new ChanceryError('NOT_AUTHORISED', 'Only the convener may host this negotiation on the network. Ask the convener to host it, or to give you an invitation.');
    }
    const running = await this.hosting.host(session, port);
    if (session.isClosed || this.entries.get(session) !== entry) {
      throw new ChanceryError('WORKSPACE_NOT_OPEN', `${session.store.path} was closed while the relay started.`);
    }
    entry.hostingFailed = null;
    session.store.setSetting(HOSTED_PORT_SETTING, String(running.port));
    session.store.setSetting(HOSTING_SETTING, String(running.port));
    session.store.setSetting(RELAY_SETTING, running.url);
    this.stopSync(entry);
    this.startSync(entry, running.url);
    return this.status(session);
  }

  /**
   * Stops hosting: the relay closes once no open workspace is hosted on it; this workspace goes
   * offline and is not hosted again when it reopens.
   */
  async stopHosting(session: WorkspaceSession): Promise<LiveStatus> {
    const entry = this.entry(session);
    // Hosting again on reopening may still be starting the relay: stop what it started.
    await entry.resuming;
    if (session.store.getSetting(HOSTING_SETTING)) session.store.setSetting(HOSTING_SETTING, '');
    entry.hostingFailed = null;
    if (this.hosting.of(session) !== null) {
      this.stopSync(entry);
      await this.hosting.release(session);
    }
    this.announce(entry);
    return this.status(session);
  }

  /**
   * The port to host `session` on again as it opens: the one it was hosted on when it was last
   * open, if this installation is still its convener (a copy of the file carried elsewhere does
   * not try to host), else null.
   */
  private portToHostAgain(session: WorkspaceSession): number | null {
    const saved = session.store.getSetting(HOSTING_SETTING);
    if (!saved || !/^\d{1,5}$/u.test(saved) || Number(saved) < 1 || Number(saved) > 65_535) return null;
    try {
      if (session.positions.roster().convener !== this.deps.identity().signer.publicKey) return null;
    } catch (err) {
      this.log(`not hosting ${session.store.path} again: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
    return Number(saved);
  }

  /** Hosts `entry` again on `port`; if that fails (the port is taken), it stays offline and the status says why. */
  private hostAgain(entry: LiveEntry, port: number): void {
    entry.resuming = this.host(entry.session, port).then(
      () => {
        entry.resuming = null;
      },
      (err: unknown) => {
        entry.resuming = null;
        if (this.entries.get(entry.session) !== entry) return;
        const message = err instanceof Error ? err.message : String(err);
        entry.hostingFailed = { port, message };
        this.log(`could not host ${entry.session.store.path} again on port ${port}: ${message}`);
        this.announce(entry);
      },
    );
  }

  /** Whether `relay` is the loopback address of a relay this workspace hosted (and is not hosting now). */
  private wasOwnRelay(session: WorkspaceSession, relay: string): boolean {
    const port = session.store.getSetting(HOSTED_PORT_SETTING);
    return port !== undefined && this.hosting.of(session) === null && relay === `ws://127.0.0.1:${port}`;
  }

  /**
   * A window's presence in a document it shows (cursor null: no selection). The first call for a
   * window and document also sends that window everyone already in it.
   */
  setPresence(windowId: number, session: WorkspaceSession, docId: string, cursor: { anchor: unknown; head: unknown } | null): void {
    const entry = this.entry(session);
    entry.presenceDocs.add(docId);
    entry.sync?.setLocalPresence(docId, { cursor });
    const greeted = entry.greeted.get(windowId) ?? new Set<string>();
    entry.greeted.set(windowId, greeted);
    if (!greeted.has(docId) && entry.sync) {
      greeted.add(docId);
      this.deps.send(windowId, 'live.presence', docId, entry.sync.remotePresence(docId));
    }
  }

  /** Everyone else online in the workspace now. */
  peers(session: WorkspaceSession): PresencePeer[] {
    return this.entry(session).sync?.peers() ?? [];
  }

  /** Stops every connection and the hosted relay (quitting). */
  async shutdown(): Promise<void> {
    clearInterval(this.sweep);
    const syncs: Promise<void>[] = [];
    for (const entry of this.entries.values()) {
      entry.unsubscribe();
      if (entry.sync) syncs.push(entry.sync.stop());
      entry.sync = null;
    }
    this.entries.clear();
    await Promise.allSettled(syncs);
    await this.hosting.closeAll();
  }

  /** Whether anything is running that {@link shutdown} should stop before the process ends. */
  get busy(): boolean {
    return this.entries.size > 0 || this.hosting.running;
  }

  private entry(session: WorkspaceSession): LiveEntry {
    this.prepare(session);
    const entry = this.entries.get(session);
    if (!entry) throw new ChanceryError('WORKSPACE_NOT_OPEN', `${session.store.path} has been closed; open it again.`);
    return entry;
  }

  private startSync(entry: LiveEntry, relay: string): void {
    let me: LiveIdentity;
    try {
      me = this.deps.identity();
    } catch (err) {
      // No key, no proof of who this is: the workspace stays offline, the identity's error is shown elsewhere.
      this.log(`not connecting to ${relay}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const sync = this.makeSync(entry.session, {
      relay,
      signer: me.signer,
      name: me.name,
      onStatus: () => {
        if (entry.sync === sync) this.announce(entry);
      },
      onAwareness: (docId, update) => {
        if (entry.sync !== sync) return;
        for (const id of this.deps.registry.windowsOf(entry.session, docId)) this.deps.send(id, 'live.presence', docId, update);
      },
      onPeers: () => {
        if (entry.sync === sync) this.announcePeers(entry);
      },
      log: (line) => this.log(line),
    });
    entry.sync = sync;
    // A window that opens a document from now on is greeted with this connection's presence.
    entry.greeted.clear();
    sync.start();
    for (const docId of entry.presenceDocs) sync.setLocalPresence(docId, { cursor: null });
    if (entry.pending > 0) this.settlePending(entry, sync, entry.pending);
    this.announce(entry);
  }

  /**
   * What was typed offline is in the relay-side copies once a connection starts; it counts as
   * confirmed when the relay has confirmed everything. Waits as long as that connection lives.
   */
  private settlePending(entry: LiveEntry, sync: LiveSync, count: number): void {
    sync.whenSynced().then(
      () => {
        if (entry.sync !== sync) return;
        entry.pending = Math.max(0, entry.pending - count);
        this.announce(entry);
      },
      () => {
        // Not yet (the relay is slow or unreachable): keep waiting while this connection is the one;
        // refused or stopped, the edits stay counted and the status says why.
        if (entry.sync === sync && sync.status().state !== 'refused') this.settlePending(entry, sync, count);
      },
    );
  }

  private stopSync(entry: LiveEntry): void {
    const sync = entry.sync;
    if (!sync) return;
    entry.sync = null;
    // What the relay had not confirmed stays unconfirmed; the next connection sends it.
    entry.pending += sync.status().unconfirmed;
    void sync.stop();
    // Windows drop remote cursors when the status leaves "connected"; the next connection greets them again.
    entry.greeted.clear();
    this.announcePeers(entry);
  }

  private announce(entry: LiveEntry): void {
    if (!this.entries.has(entry.session)) return;
    const status = this.status(entry.session);
    const key = JSON.stringify(status);
    if (key === entry.shownStatus) return;
    entry.shownStatus = key;
    for (const id of this.deps.registry.windowsOf(entry.session)) this.deps.send(id, 'live.statusChanged', status);
  }

  private announcePeers(entry: LiveEntry): void {
    const peers = entry.sync?.peers() ?? [];
    const key = JSON.stringify(peers);
    if (key === entry.shownPeers) return;
    entry.shownPeers = key;
    for (const id of this.deps.registry.windowsOf(entry.session)) this.deps.send(id, 'live.peersChanged', peers);
  }

  /** Presence for documents no window of the workspace shows any more is withdrawn. */
  private sweepPresence(): void {
    for (const entry of this.entries.values()) {
      for (const docId of [...entry.presenceDocs]) {
        if (this.deps.registry.windowsOf(entry.session, docId).length > 0) continue;
        entry.presenceDocs.delete(docId);
        entry.sync?.setLocalPresence(docId, null);
        for (const greeted of entry.greeted.values()) greeted.delete(docId);
      }
    }
  }

  private log(line: string): void {
    (this.deps.log ?? ((l: string) => console.log(`[live] ${l}`)))(line);
  }
}
