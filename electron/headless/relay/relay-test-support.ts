import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { relayDocName } from '../../../shared/live/relay-names';
import { makeRelayToken, RELAY_TOKEN_HEADER } from '../../../shared/live/relay-token';
import type { Invitation, RosterEntry } from '../../../shared/positions/model';
import { readRosterEntries } from '../../../shared/positions/roster-doc';
import type { Signer } from '../../../shared/positions/signing';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { MANIFEST_DOC_ID } from '../../../shared/workspace/manifest';
import { newSigner, smallSeed } from '../positions/positions-test-support';
import { WorkspaceSession } from '../workspace/workspace-session';
import { startRelay, type RunningRelay } from './relay';

/** Helpers for the relay tests: a convened workspace, tokens, real providers and raw sockets. Not used by the app. */

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `chancery-relay-${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function filesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}

export async function testRelay(dataDir: string, lines: string[] = [], extra: { redis?: string; maxFrameBytes?: number } = {}): Promise<RunningRelay> {
  return startRelay({ port: 0, host: '127.0.0.1', dataDir, log: (l) => lines.push(l), ...extra });
}

/** A convened workspace file with two parties, their heads, an observer, and a stranger key. */
export interface TestWorkspace {
  session: WorkspaceSession;
  workspaceId: string;
  convener: Signer;
  ald: Signer;
  vel: Signer;
  observer: Signer;
  stranger: Signer;
  convene: RosterEntry;
  dir: string;
}

export function testWorkspace(): TestWorkspace {
  const dir = tempDir('ws');
  const convener = newSigner();
  const session = WorkspaceSession.create(join(dir, 'w.chancery'), smallSeed(convener));
  const [ald, vel, observer, stranger] = [newSigner(), newSigner(), newSigner(), newSigner()];
  const card = (s: Signer, name: string) => ({ v: 1 as const, name, key: s.publicKey });
  session.positions.admit(convener, card(ald, 'Anja Korvel'), 'head', 'ALD');
  session.positions.admit(convener, card(vel, 'Tomas Brenner'), 'head', 'VEL');
  session.positions.admit(convener, card(observer, 'Olga Observer'), 'observer', null);
  const convene = readRosterEntries(session.manifestDoc)
    .map(([, v]) => v as RosterEntry)
    .find((e) => e.action === 'convene')!;
  return { session, workspaceId: session.store.meta.workspaceId, convener, ald, vel, observer, stranger, convene, dir };
}

/** A Y.Doc holding the session's current state of `docId`. */
export function copyOf(session: WorkspaceSession, docId: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(docId === MANIFEST_DOC_ID ? session.manifestDoc : session.getDoc(docId)));
  return doc;
}

export interface Who {
  signer: Signer;
  name: string;
  workspaceId: string;
  invitation?: Invitation;
  convene?: RosterEntry;
}

export function tokenOf(who: Who): string {
  return makeRelayToken(who.signer, {
    workspaceId: who.workspaceId,
    name: who.name,
    ...(who.invitation ? { invitation: who.invitation } : {}),
    ...(who.convene ? { convene: who.convene } : {}),
  });
}

/** A `ws` WebSocket that sends a fresh token in the upgrade header, as main's sync client does. */
export function headerSocket(who: Who): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL) {
      super(url, { headers: { [RELAY_TOKEN_HEADER]: tokenOf(who) } });
    }
  } as typeof WebSocket;
}

export interface TestClient {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  closes: { code: number; reason: string }[];
  authFailures: string[];
  destroy(): void;
}

/** A real HocuspocusProvider for one relay document, as `who`. */
export function client(relay: RunningRelay, who: Who, docId: string, doc: Y.Doc = new Y.Doc()): TestClient {
  const closes: TestClient['closes'] = [];
  const authFailures: string[] = [];
  const socket = new HocuspocusProviderWebsocket({
    url: relay.url,
    WebSocketPolyfill: headerSocket(who),
    // Tests look at one connection's fate; no reconnect storm after a refusal.
    maxAttempts: 1,
    onClose: ({ event }) => closes.push({ code: event.code, reason: event.reason }),
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: relayDocName(who.workspaceId, docId),
    document: doc,
    token: () => tokenOf(who),
    onAuthenticationFailed: ({ reason }) => authFailures.push(reason),
  });
  provider.attach();
  return {
    provider,
    doc,
    closes,
    authFailures,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Resolves once `cond` holds (checked every 10 ms); rejects with `what` after `ms`. */
export async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Synced and every local change acknowledged by the relay. */
export async function settled(c: TestClient, ms?: number): Promise<void> {
  await until(() => c.provider.isSynced && c.provider.unsyncedChanges === 0, `${c.provider.configuration.name} is synced`, ms);
}

/** A raw `ws` socket with an upgrade token; records every frame received and the close. */
export interface RawSocket {
  ws: WebSocket;
  received: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  open: Promise<void>;
}

export function rawSocket(url: string, token: string | null, via: 'header' | 'query' = 'header'): RawSocket {
  const target = token !== null && via === 'query' ? `${url}/?token=${encodeURIComponent(token)}` : url;
  const ws = new WebSocket(target, token !== null && via === 'header' ? { headers: { [RELAY_TOKEN_HEADER]: token } } : {});
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const open = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => reject(new Error('closed before open')));
  });
  open.catch(() => {});
  return { ws, received, closed, open };
}

/** Frames as a provider writes them (Hocuspocus' message layout). */
export const frames = {
  auth(doc: string, token: string): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, doc);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
    return encoding.toUint8Array(e);
  },
  sync(doc: string, sub: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, doc);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
    return encoding.toUint8Array(e);
  },
  awareness(doc: string, clientId: number, clock: number, state: unknown): Uint8Array {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
    const e = encoding.createEncoder();
    encoding.writeVarString(e, doc);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    return encoding.toUint8Array(e);
  },
};

/** Connects the convener (first contact pins the workspace) and uploads the manifest and the documents. */
export async function seedRelay(relay: RunningRelay, w: TestWorkspace, docIds: string[] = [MANIFEST_DOC_ID, 'alpha']): Promise<TestClient[]> {
  const who: Who = { signer: w.convener, name: 'Convener', workspaceId: w.workspaceId, convene: w.convene };
  const clients: TestClient[] = [];
  for (const docId of docIds) {
    const c = client(relay, who, docId, copyOf(w.session, docId));
    await settled(c);
    clients.push(c);
  }
  return clients;
}

/** The document's content as XML text, for assertions on what a client sees. */
export function textOf(doc: Y.Doc): string {
  return doc.getXmlFragment(CONTENT_FRAGMENT).toString();
}

/** Types `text` at the end of the first paragraph of `clauseId`, as an editor would. */
export function typeInto(doc: Y.Doc, clauseId: string, text: string): void {
  const el = doc
    .getXmlFragment(CONTENT_FRAGMENT)
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === clauseId) as Y.XmlElement;
  const textNode = (el.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  textNode.insert(textNode.length, text);
}

/** A relay on a fresh data folder, serving a convened test workspace that its convener and ALD's head have put on it. */
export interface SeededRelay {
  dataDir: string;
  relay: RunningRelay;
  w: TestWorkspace;
  /** The seeding clients, still connected (a test may add its own, to be closed with them). */
  seeded: TestClient[];
}

/**
 * Registers the suite's beforeAll/afterAll for a {@link SeededRelay} and hands it to `use` once
 * it is up (the suite keeps the parts it reads in its own variables); everything is closed and
 * removed after the suite.
 */
export function useSeededRelay(
  label: string,
  options: { lines?: string[]; maxFrameBytes?: number },
  use: (fixture: SeededRelay) => void,
): void {
  let fixture: SeededRelay | null = null;
  beforeAll(async () => {
    const dataDir = tempDir(label);
    const relay = await testRelay(dataDir, options.lines ?? [], options.maxFrameBytes === undefined ? {} : { maxFrameBytes: options.maxFrameBytes });
    const w = testWorkspace();
    fixture = { dataDir, relay, w, seeded: await seedRelay(relay, w) };
    use(fixture);
  });
  afterAll(async () => {
    if (!fixture) return;
    fixture.seeded.forEach((c) => c.destroy());
    await fixture.relay.close();
    fixture.w.session.close();
    removeDir(fixture.dataDir);
    removeDir(fixture.w.dir);
  });
}

/** A member of the test workspace, as a client signs in. */
export function memberOf(w: TestWorkspace, signer: Signer, name: string, extra: Partial<Who> = {}): Who {
  return { signer, name, workspaceId: w.workspaceId, ...extra };
}
