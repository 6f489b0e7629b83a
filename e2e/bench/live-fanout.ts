/**
 * Rows 6c/6d: relay fan-out and resident memory under a steady load — `workspaces` workspaces ×
 * 3 clients, each workspace one typed character every `intervalMs` (its three members in turn;
 * the workspaces' timers spread evenly over the interval) for `durationMs`.
 *
 * The server runs in a child process (live-relay-child.ts): the Chancery relay, then, as the
 * baseline, a plain Hocuspocus `Server` with no extensions, under the same load. Its memory is the
 * child's process RSS (process.memoryUsage().rss, sampled every second: the peak is the figure).
 *
 * Clients are Node HocuspocusProviders in this process, one socket each: on the relay with valid
 * tokens (the convener's first contact pins each workspace and uploads its manifest, then the two
 * heads connect), on the plain server with none. Every client's copy starts from the same state
 * (the members' own files), the convener also keeps the manifest open. Fan-out of one update: from
 * just before the sender's transaction to when the last of the two other clients has applied it
 * (matched by the sender's Yjs clock in the received update's state vector).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { relayDocName } from '../../shared/live/relay-names';
import { makeRelayToken, RELAY_TOKEN_HEADER } from '../../shared/live/relay-token';
import { CONTENT_FRAGMENT } from '../../shared/schema/schema';
import { MANIFEST_DOC_ID } from '../../shared/workspace/manifest';
import type { ChildReply, ChildRequest } from './live-relay-child';
import type { LoadMember, LoadWorkspace, LoadWorkspaces } from './live-load-workspaces';

export type ServerKind = 'chancery' | 'plain';

/** How long after the load the clients wait for what is still on its way (a server that fell behind). */
export const DRAIN_MS = 60_000;

export interface FanOutOptions {
  intervalMs: number;
  durationMs: number;
}

export interface ServerMemory {
  rss: number;
  heapUsed: number;
}

export interface FanOutRun {
  kind: ServerKind;
  /** Per update: sent → both other clients have it, ms. */
  fanOut: number[];
  updates: number;
  /** Updates that had not reached both others {@link DRAIN_MS} after the load stopped. */
  lost: number;
  /** From the end of the load until the last update had reached both others (or the wait gave up), ms. */
  drainMs: number;
  memory: { started: ServerMemory; connected: ServerMemory; peakRss: number; end: ServerMemory };
  /** Connecting and syncing every client, ms. */
  connectMs: number;
}

/** The server child: started, asked for its memory, closed. */
class ServerChild {
  private readonly replies: ((reply: ChildReply) => void)[] = [];
  private readonly stderr: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (reply: ChildReply) => this.replies.shift()?.(reply));
  }

  static async start(kind: ServerKind, dataDir: string): Promise<ServerChild> {
    const child = fork(join(__dirname, 'live-relay-child.ts'), [kind, dataDir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const reply = await new Promise<ChildReply>((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`the ${kind} server exited (code ${String(code)}) before listening: ${stderr.join('').slice(-600)}`)));
    });
    if (reply.t !== 'ready') throw new Error(`the ${kind} server did not start: ${reply.t === 'failed' ? reply.message : reply.t}`);
    const server = new ServerChild(child, reply.port);
    server.stderr.push(...stderr);
    return server;
  }

  private ask(request: ChildRequest): Promise<ChildReply> {
    return new Promise((resolve) => {
      this.replies.push(resolve);
      this.child.send(request);
    });
  }

  async memory(): Promise<ServerMemory> {
    const reply = await this.ask({ t: 'memory' });
    if (reply.t !== 'memory') throw new Error(`the server answered ${reply.t} to a memory request`);
    return { rss: reply.rss, heapUsed: reply.heapUsed };
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.ask({ t: 'close' });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

interface LoadClient {
  doc: Y.Doc;
  providers: HocuspocusProvider[];
  socket: HocuspocusProviderWebsocket;
}

function headerSocket(token: () => string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL) {
      super(url, { headers: { [RELAY_TOKEN_HEADER]: token() } });
    }
  } as typeof WebSocket;
}

function connectClient(url: string, kind: ServerKind, ws: LoadWorkspace, member: LoadMember, isConvener: boolean): LoadClient {
  const token = () =>
    makeRelayToken(member.signer, { workspaceId: ws.workspaceId, name: member.name, ...(isConvener ? { convene: ws.convene } : {}) });
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: kind === 'chancery' ? headerSocket(token) : WebSocket });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, ws.docState);
  const providers: HocuspocusProvider[] = [];
  const open = (docId: string, document: Y.Doc) => {
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: relayDocName(ws.workspaceId, docId), document, ...(kind === 'chancery' ? { token } : {}) });
    provider.attach();
    providers.push(provider);
  };
  if (isConvener) {
    const manifest = new Y.Doc();
    Y.applyUpdate(manifest, ws.manifestState);
    open(MANIFEST_DOC_ID, manifest);
  }
  open(ws.docId, doc);
  return { doc, providers, socket };
}

async function until(done: () => boolean, what: string, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !done(); ) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const synced = (c: LoadClient) => c.providers.every((p) => p.isSynced && p.unsyncedChanges === 0);

/** The text of the first clause's first paragraph: where every member types. */
function typingText(doc: Y.Doc): Y.XmlText {
  const clause = doc
    .getXmlFragment(CONTENT_FRAGMENT)
    .toArray()
    .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'clause');
  const text = (clause?.get(0) as Y.XmlElement | undefined)?.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error('the load document has no clause text to type into');
  return text;
}

interface Sent {
  clock: number;
  at: number;
  got: Set<LoadClient>;
  done: number | null;
}

export async function measureFanOut(kind: ServerKind, load: LoadWorkspaces, dataDir: string, opts: FanOutOptions): Promise<FanOutRun> {
  const server = await ServerChild.start(kind, dataDir);
  const url = `ws://127.0.0.1:${server.port}`;
  const groups: LoadClient[][] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    const started = await server.memory();
    const connectStart = performance.now();
    for (let i = 0; i < load.workspaces.length; i += 10) {
      await Promise.all(
        load.workspaces.slice(i, i + 10).map(async (ws) => {
          const [convener, ald, vel] = load.members;
          const first = connectClient(url, kind, ws, convener, true);
          const group = [first];
          groups.push(group);
          await until(() => synced(first), `the convener of ${ws.workspaceId} is synced`, 30_000);
          group.push(connectClient(url, kind, ws, ald, false), connectClient(url, kind, ws, vel, false));
          await until(() => group.every(synced), `all members of ${ws.workspaceId} are synced`, 30_000);
        }),
      );
    }
    const connectMs = performance.now() - connectStart;
    const connected = await server.memory();

    const sent = new Map<number, Sent[]>();
    const all: Sent[] = [];
    for (const group of groups) {
      for (const client of group) {
        const docProvider = client.providers[client.providers.length - 1]!;
        client.doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin !== docProvider) return;
          const now = performance.now();
          for (const [sender, clock] of Y.parseUpdateMeta(update).to) {
            for (const s of sent.get(sender) ?? []) {
              if (s.clock > clock || s.got.has(client)) continue;
              s.got.add(client);
              if (s.got.size === group.length - 1) s.done = now - s.at;
            }
          }
        });
      }
    }
    let peakRss = connected.rss;
    const sampler = setInterval(() => void server.memory().then((m) => (peakRss = Math.max(peakRss, m.rss))), 1000);
    timers.push(sampler);
    const loadEnd = performance.now() + opts.durationMs;
    groups.forEach((group, w) => {
      let turn = 0;
      const texts = group.map((c) => typingText(c.doc));
      const tick = () => {
        if (performance.now() >= loadEnd) return;
        const k = turn++ % group.length;
        const client = group[k]!;
        const at = performance.now();
        texts[k]!.insert(texts[k]!.length, 'abcdefghij'[turn % 10]!);
        const s: Sent = { clock: Y.getState(client.doc.store, client.doc.clientID), at, got: new Set(), done: null };
        const list = sent.get(client.doc.clientID) ?? [];
        list.push(s);
        sent.set(client.doc.clientID, list);
        all.push(s);
      };
      timers.push(setTimeout(() => timers.push(setInterval(tick, opts.intervalMs)), (w * opts.intervalMs) / groups.length));
    });
    await new Promise((r) => setTimeout(r, opts.durationMs + opts.intervalMs));
    const drainStart = performance.now();
    await until(() => all.every((s) => s.done !== null), 'every update reached both other clients', DRAIN_MS).catch(() => undefined);
    const drainMs = performance.now() - drainStart;
    clearInterval(sampler);
    const end = await server.memory();
    peakRss = Math.max(peakRss, end.rss);
    return {
      kind,
      fanOut: all.flatMap((s) => (s.done === null ? [] : [s.done])),
      updates: all.length,
      lost: all.filter((s) => s.done === null).length,
      memory: { started, connected, peakRss, end },
      connectMs,
      drainMs,
    };
  } finally {
    for (const t of timers) clearInterval(t);
    for (const client of groups.flat()) {
      for (const p of client.providers) p.destroy();
      client.socket.destroy();
    }
    await server.close();
  }
}
