import { accessSync, constants, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { WebSocketServer, type WebSocket } from 'ws';
import { ChanceryError } from '../../../shared/errors';
import { AuthExtension } from './auth-extension';
import { refusalClose } from './close-codes';
import { LoggingExtension } from './logging-extension';
import { PersistenceExtension } from './persistence-extension';
import { RelayContext } from './relay-context';
import { startRedis } from './relay-redis';
import { RelaySocket } from './relay-socket';
import { judgeUpgrade, type UpgradeVerdict } from './relay-upgrade';
import { ValidationExtension } from './validation-extension';

/**
 * The Chancery relay: a Hocuspocus 3 server behind Chancery's own HTTP server and WebSocket
 * upgrade, so that nothing reaches Hocuspocus before the relay has judged it. At the upgrade the
 * token decides who the socket is (see relay-upgrade.ts; a refusal is an accepted upgrade closed at
 * once with 4401 and the refusal's text, which every client can read — see close-codes.ts); every
 * frame then passes the filter (relay-socket.ts); the extensions authenticate each document,
 * check and store each edit before it is applied and acknowledged, and log. With `redis` several
 * relays share documents through Hocuspocus' Redis extension. The same module runs headless
 * (`chancery relay`) and embedded in the app ("Host on this network").
 */

/** How to run a relay. */
export interface RelayOptions {
  /** 0 picks a free port (read it from `RunningRelay.port`). */
  port: number;
  /** Interface to listen on; default '0.0.0.0' (every interface, as the CLI serves); tests use '127.0.0.1'. */
  host?: string;
  /** Folder of the relay's files, one `<workspaceId>.relay.sqlite` per workspace; created if missing. */
  dataDir: string;
  /** `redis://[user:password@]host:port[/db]` to share documents with other relay instances. */
  redis?: string;
  /** Where log lines go (one per connection, refusal, document opened or closed); default: nowhere. */
  log?: (line: string) => void;
  /** Largest frame accepted; a larger one closes the socket with 4413. Default 8 MiB. */
  maxFrameBytes?: number;
  /**
   * Whether delegations' private notes are written to the data folder (default true: a relay run
   * by a secretariat keeps them so a member can fetch them while the others are offline). A relay
   * hosted inside a delegate's app passes false: it then only passes another delegation's notes
   * between that delegation's members, in memory while one of them is connected, and nothing of
   * them lands on the host's disk; each member's own file keeps them.
   */
  storePrivateNotes?: boolean;
}

/** A relay that is listening. */
export interface RunningRelay {
  /** `ws://host:port` to connect to from this machine. */
  url: string;
  port: number;
  /** `ws://` URLs others can use (this machine's network addresses when listening on all interfaces). */
  addresses: string[];
  /** Stops accepting, closes every socket, compacts and closes every file; everything acknowledged is stored. */
  close(): Promise<void>;
  stats(): { connections: number; documents: number };
}

const DEFAULT_MAX_FRAME = 8 * 1024 * 1024;

function checkDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new ChanceryError('RELAY_FAILED', `The relay cannot keep its files in ${dir}: the folder cannot be created or is not writable (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
}

function addressesFor(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`ws://${host.includes(':') ? `[${host}]` : host}:${port}`];
  const external: string[] = [];
  for (const infos of Object.values(networkInterfaces())) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv4' && !info.internal) external.push(`ws://${info.address}:${port}`);
    }
  }
  return [...external, `ws://127.0.0.1:${port}`];
}

async function waitUntil(done: () => boolean, ms: number): Promise<void> {
  for (const until = Date.now() + ms; !done() && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
}

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const host = options.host ?? '0.0.0.0';
  const log = options.log ?? (() => {});
  checkDataDir(options.dataDir);
  const relay = new RelayContext(options.dataDir, log);
  const persistence = new PersistenceExtension(relay, { storePrivateNotes: options.storePrivateNotes ?? true });
  const extensions: Extension[] = [new AuthExtension(relay), new ValidationExtension(relay), persistence, new LoggingExtension(relay)];
  const redis = options.redis === undefined ? null : await startRedis(options.redis, log);
  if (redis) extensions.push(redis);
  const hocuspocus = new Hocuspocus({ name: 'chancery-relay', quiet: true, extensions });
  relay.loaded = (name) => hocuspocus.documents.get(name);

  const sockets = new Set<RelaySocket>();
  let closing = false;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes ?? DEFAULT_MAX_FRAME });
  const verdicts = new WeakMap<IncomingMessage, UpgradeVerdict>();
  // Clients that can read the upgrade response learn a refusal there too, before the close.
  wss.on('headers', (headers: string[], req: IncomingMessage) => {
    const verdict = verdicts.get(req);
    if (verdict && !verdict.ok) headers.push(`x-chancery-refusal: ${verdict.reason}`);
  });

  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('This is a Chancery relay: connect to it from Chancery.\n');
  });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const from = req.socket.remoteAddress ?? 'unknown address';
    if (closing) return void socket.destroy();
    let verdict: UpgradeVerdict;
    try {
      verdict = judgeUpgrade(req, relay);
    } catch (err) {
      log(`could not admit a connection from ${from}: ${err instanceof Error ? err.message : String(err)}`);
      return void socket.destroy();
    }
    verdicts.set(req, verdict);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      if (!verdict.ok) {
        log(`refused a connection from ${from}: ${verdict.reason} (${verdict.detail})`);
        const { code, reason } = refusalClose(verdict.reason);
        ws.on('error', () => {});
        ws.close(code, reason);
        return;
      }
      const { binding } = verdict;
      const workspace = relay.workspace(binding.workspaceId);
      const rs = new RelaySocket(ws, binding, {
        loaded: (name) => hocuspocus.documents.get(name),
        access: () => workspace.currentAccess(binding.access),
        admitClaim: (name, update) => workspace.admitClaim(name, update, binding.access.key),
        presenceUser: () => workspace.presenceUser(binding.access),
        closed: (s) => {
          sockets.delete(s);
          workspace.sockets.delete(s);
          log(`disconnected ${relay.who(s.access)} (${s.counts.passed} frames passed, ${s.counts.dropped} dropped)`);
        },
      });
      sockets.add(rs);
      workspace.sockets.add(rs);
      log(`connected ${relay.who(binding.access)} from ${from} to workspace ${binding.workspaceId}`);
      hocuspocus.handleConnection(rs as unknown as WebSocket, req, { socket: rs });
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await redis?.onDestroy();
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `port ${options.port} is already in use` : code === 'EACCES' ? `port ${options.port} needs more privileges` : String(code ?? err);
    throw new ChanceryError('RELAY_FAILED', `The relay cannot listen on ${host}:${options.port}: ${why}.`);
  }
  server.on('error', (err) => log(`relay network error: ${err.message}`));
  const port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    closing = true;
    server.close();
    for (const s of sockets) s.closeWith(1001, 'the relay is shutting down');
    await waitUntil(() => sockets.size === 0, 2000);
    for (const s of sockets) s.terminate();
    await waitUntil(() => hocuspocus.documents.size === 0 && hocuspocus.unloadingDocuments.size === 0, redis ? 3000 : 1000);
    persistence.flush();
    persistence.compactAll();
    await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
    for (const ws of relay.all()) ws.close();
    wss.close();
    server.closeAllConnections();
  };

  return {
    url: `ws://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`,
    port,
    addresses: addressesFor(host, port),
    close: () => (closed ??= close()),
    stats: () => ({ connections: sockets.size, documents: hocuspocus.getDocumentsCount() }),
  };
}
