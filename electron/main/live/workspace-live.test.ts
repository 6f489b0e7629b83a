import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { applyAwarenessUpdate, Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/ipc/derived';
import type { LiveStatus, PresencePeer } from '../../../shared/live/live-model';
import type { Signer } from '../../../shared/positions/signing';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { C, newSigner, smallSeed, typingUpdate } from '../../headless/positions/positions-test-support';
import { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import type { WorkspaceSession } from '../../headless/workspace/workspace-session';
import { HOSTING_SETTING, WorkspaceLive } from './workspace-live';

/**
 * Main's live co-editing against a real relay on loopback (the one "Host on this network" runs)
 * and real workspace files: two delegations' copies of one negotiation, each in its own registry
 * and live module, as on two machines.
 */

interface Sent {
  windowId: number;
  event: EventName;
  payload: unknown[];
}

interface Machine {
  registry: WorkspaceRegistry;
  live: WorkspaceLive;
  session: WorkspaceSession;
  sent: Sent[];
  windowId: number;
}

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chancery-live-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Polls until `cond` holds (generous deadline; nothing here asserts how fast). */
async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** One machine: its registry, its live module and one window showing `path`. */
function machine(path: string, who: { signer: Signer; name: string }, relayDir: string, windowId: number): Machine {
  const sent: Sent[] = [];
  let live: WorkspaceLive | null = null;
  const registry = new WorkspaceRegistry({ docUpdate: () => {}, sessionClosing: (s) => live?.sessionClosing(s) });
  live = new WorkspaceLive({
    registry,
    identity: () => who,
    send: (id, event, ...payload) => sent.push({ windowId: id, event, payload }),
    relayDataDir: () => relayDir,
    relayHost: '127.0.0.1',
    log: () => {},
  });
  const session = registry.open(path);
  registry.attachWindow(windowId, session);
  live.prepare(session);
  const m = { registry, live, session, sent, windowId };
  cleanups.push(async () => {
    await live.shutdown();
    registry.closeAll();
  });
  return m;
}

/** The text of a clause's first paragraph in a session's document. */
function clauseText(session: WorkspaceSession, docId: string, clauseId: string): string {
  const el = session
    .getDoc(docId)
    .getXmlFragment(CONTENT_FRAGMENT)
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === clauseId) as Y.XmlElement;
  return ((el.get(0) as Y.XmlElement).get(0) as Y.XmlText).toString();
}

/**
 * A negotiation convened by `convener` with `head` admitted as head of VEL, as two files: the
 * convener's and a copy the head carried away (same workspace, same history).
 */
function twoCopies(convener: Signer, head: Signer): { a: string; b: string } {
  const dir = tempDir();
  const a = join(dir, 'convener.chancery');
  const b = join(dir, 'velmark.chancery');
  const registry = new WorkspaceRegistry({ docUpdate: () => {} });
  const session = registry.create(a, smallSeed(convener));
  session.positions.admit(convener, { v: 1, key: head.publicKey, name: 'Tomas Brenner' }, 'head', 'VEL');
  registry.closeAll();
  copyFileSync(a, b);
  return { a, b };
}

const statuses = (m: Machine): LiveStatus[] =>
  m.sent.filter((s) => s.event === 'live.statusChanged' && s.windowId === m.windowId).map((s) => s.payload[0] as LiveStatus);

describe('live co-editing in main', { timeout: 60_000 }, () => {
  it('hosts on this network, shows the address, and counts what was typed offline until the relay has it', async () => {
    const convener = newSigner();
    const head = newSigner();
    const { a, b } = twoCopies(convener, head);
    const relayDir = tempDir();
    const host = machine(a, { signer: convener, name: 'Convener' }, relayDir, 1);
    const vel = machine(b, { signer: head, name: 'Tomas Brenner' }, tempDir(), 2);
    expect(host.live.status(host.session)).toMatchObject({ state: 'local', relay: null, hosting: null });

    const hosted = await host.live.host(host.session, 0);
    expect(hosted.hosting?.port).toBeGreaterThan(0);
    expect(hosted.hosting?.addresses.length).toBeGreaterThan(0);
    for (const address of hosted.hosting!.addresses) expect(address).toMatch(new RegExp(`^ws://[0-9.]+:${hosted.hosting!.port}$`, 'u'));
    expect(hosted.relay).toBe(`ws://127.0.0.1:${hosted.hosting!.port}`);
    await until(() => host.live.status(host.session).state === 'connected', 'the host is connected to its own relay');
    // Once the relay holds the roster, it knows the other delegation's head.
    await until(() => host.live.status(host.session).unconfirmed === 0, 'the relay has the copy of the host');
    expect(statuses(host).at(-1)).toMatchObject({ state: 'connected', hosting: hosted.hosting });

    vel.live.connect(vel.session, hosted.relay);
    await until(() => vel.live.status(vel.session).state === 'connected', 'the other delegation is connected');
    await until(() => vel.live.status(vel.session).unconfirmed === 0 && host.live.status(host.session).unconfirmed === 0, 'both are settled');

    // Offline on purpose: the edit is saved here, counted as not yet confirmed, and not sent.
    expect(host.live.disconnect(host.session).state).toBe('offline');
    host.session.applyRendererUpdate('alpha', typingUpdate(host.session, 'alpha', C.a1, ' Offline words.'), 1);
    host.session.applyRendererUpdate('alpha', typingUpdate(host.session, 'alpha', C.a2, ' More.'), 1);
    expect(host.live.status(host.session)).toMatchObject({ state: 'offline', unconfirmed: 2 });
    expect(statuses(host).at(-1)).toMatchObject({ state: 'offline', unconfirmed: 2 });
    expect(clauseText(vel.session, 'alpha', C.a1)).not.toContain('Offline words.');

    // Online again: sent, confirmed, and the other delegation has it.
    host.live.connect(host.session, null);
    await until(() => clauseText(vel.session, 'alpha', C.a1).endsWith('Offline words.'), 'the offline edit reached the other delegation');
    await until(() => host.live.status(host.session).state === 'connected' && host.live.status(host.session).unconfirmed === 0, 'nothing is unconfirmed');
    expect(statuses(host).at(-1)).toMatchObject({ state: 'connected', unconfirmed: 0 });
    expect(clauseText(vel.session, 'alpha', C.a2)).toMatch(/More\.$/u);

    // Stopping hosting takes the relay down: the other delegation loses its connection.
    const stopped = await host.live.stopHosting(host.session);
    expect(stopped).toMatchObject({ state: 'offline', hosting: null });
    await until(() => vel.live.status(vel.session).state === 'reconnecting', 'the other delegation notices the relay is gone');
  });

  it('carries presence from one delegation to the other: cursor, name, party colour, who is online where', async () => {
    const convener = newSigner();
    const head = newSigner();
    const { a, b } = twoCopies(convener, head);
    const host = machine(a, { signer: convener, name: 'Convener' }, tempDir(), 1);
    const vel = machine(b, { signer: head, name: 'Tomas Brenner' }, tempDir(), 2);
    const { relay } = await host.live.host(host.session, 0);
    await until(() => host.live.status(host.session).state === 'connected' && host.live.status(host.session).unconfirmed === 0, 'the relay has the roster');
    vel.live.connect(vel.session, relay);
    await until(() => vel.live.status(vel.session).state === 'connected' && host.live.status(host.session).state === 'connected', 'both connected');

    // Both windows show the Alpha document; the head's selection is at the start of its text.
    host.registry.markDocOpen(1, 'alpha');
    vel.registry.markDocOpen(2, 'alpha');
    host.live.setPresence(1, host.session, 'alpha', null);
    const fragment = vel.session.getDoc('alpha').getXmlFragment(CONTENT_FRAGMENT);
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(fragment, 1));
    vel.live.setPresence(2, vel.session, 'alpha', { anchor: at, head: at });

    const mirror = new Awareness(new Y.Doc());
    mirror.setLocalState(null);
    await until(() => {
      for (const s of host.sent.filter((x) => x.event === 'live.presence' && x.payload[0] === 'alpha')) {
        applyAwarenessUpdate(mirror, s.payload[1] as Uint8Array, 'test');
      }
      return [...mirror.getStates().values()].some((st) => (st as { cursor?: unknown }).cursor);
    }, "the convener's window receives the head's cursor");
    const state = [...mirror.getStates().values()].find((st) => (st as { cursor?: unknown }).cursor) as {
      user: { name: string; party: string; colour: string };
      cursor: { anchor: unknown };
    };
    expect(state.user).toMatchObject({ name: 'Tomas Brenner', party: 'VEL', colour: '#c27c0e' });
    expect(state.cursor.anchor).toEqual(at);

    await until(() => host.live.peers(host.session).some((p) => p.docId === 'alpha'), 'the head is listed in Alpha');
    const listed = host.live.peers(host.session).filter((p: PresencePeer) => p.name === 'Tomas Brenner');
    expect(listed.map((p) => p.docId)).toEqual(['alpha']);
    expect(host.sent.some((s) => s.event === 'live.peersChanged' && (s.payload[0] as PresencePeer[]).some((p) => p.docId === 'alpha'))).toBe(true);

    // Presence goes only to windows that have the document open.
    expect(host.sent.filter((s) => s.event === 'live.presence').every((s) => s.windowId === 1)).toBe(true);

    // Offline: nobody is listed any more.
    host.live.disconnect(host.session);
    expect(host.live.peers(host.session)).toEqual([]);
    expect(host.sent.filter((s) => s.event === 'live.peersChanged').at(-1)?.payload[0]).toEqual([]);
  });

  it('lets only the convener host, and refuses to go online without a relay', async () => {
    const convener = newSigner();
    const head = newSigner();
    const { b } = twoCopies(convener, head);
    const vel = machine(b, { signer: head, name: 'Tomas Brenner' }, tempDir(), 2);
    await expect(vel.live.host(vel.session, 0)).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(vel.live.status(vel.session)).toMatchObject({ state: 'local', hosting: null });
    expect(() => vel.live.connect(vel.session, null)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('remembers the relay in the file and connects again when the workspace reopens', async () => {
    const convener = newSigner();
    const head = newSigner();
    const { a, b } = twoCopies(convener, head);
    const host = machine(a, { signer: convener, name: 'Convener' }, tempDir(), 1);
    const { relay } = await host.live.host(host.session, 0);
    await until(() => host.live.status(host.session).state === 'connected' && host.live.status(host.session).unconfirmed === 0, 'the relay has the roster');
    let vel = machine(b, { signer: head, name: 'Tomas Brenner' }, tempDir(), 2);
    vel.live.connect(vel.session, relay);
    await until(() => vel.live.status(vel.session).state === 'connected', 'connected');

    // Closing the window closes the file; the connection stops first.
    vel.registry.detachWindow(2);
    expect(vel.session.isClosed).toBe(true);
    vel = machine(b, { signer: head, name: 'Tomas Brenner' }, tempDir(), 3);
    expect(vel.live.status(vel.session).relay).toBe(relay);
    await until(() => vel.live.status(vel.session).state === 'connected', 'connected again after reopening');
  });

  it('hosts again on the same port when the convener reopens the workspace, until "Stop hosting"', async () => {
    const convener = newSigner();
    const { a } = twoCopies(convener, newSigner());
    const me = { signer: convener, name: 'Convener' };
    let host = machine(a, me, tempDir(), 1);
    const { hosting } = await host.live.host(host.session, 0);
    const port = hosting!.port;
    await until(() => host.live.status(host.session).state === 'connected', 'connected to its own relay');

    // The app closes the window and quits; reopened, the workspace is hosted on the same port.
    host.registry.detachWindow(1);
    await host.live.shutdown();
    host = machine(a, me, tempDir(), 2);
    await until(() => host.live.status(host.session).state === 'connected', 'connected to the relay hosted again');
    expect(host.live.status(host.session)).toMatchObject({ relay: `ws://127.0.0.1:${port}`, hosting: { port } });
    expect(host.live.status(host.session).hostingFailed).toBeUndefined();

    // Stopped on purpose: the next time it opens offline, hosting nothing.
    expect(await host.live.stopHosting(host.session)).toMatchObject({ state: 'offline', hosting: null });
    host.registry.detachWindow(2);
    await host.live.shutdown();
    host = machine(a, me, tempDir(), 3);
    expect(host.live.status(host.session)).toMatchObject({ state: 'offline', hosting: null });
    expect(host.session.store.getSetting(HOSTING_SETTING)).toBe('');
  });

  it('stays offline and says so in one line when the port it hosted on is taken on reopening', async () => {
    const convener = newSigner();
    const { a } = twoCopies(convener, newSigner());
    const me = { signer: convener, name: 'Convener' };
    let host = machine(a, me, tempDir(), 1);
    const port = (await host.live.host(host.session, 0)).hosting!.port;
    host.registry.detachWindow(1);
    await host.live.shutdown();

    // Something else took the port meanwhile.
    const squatter: Server = createServer();
    await new Promise<void>((done, fail) => squatter.once('error', fail).listen(port, '127.0.0.1', () => done()));
    cleanups.push(() => new Promise<void>((done) => squatter.close(() => done())));

    host = machine(a, me, tempDir(), 2);
    await until(() => host.live.status(host.session).hostingFailed !== undefined, 'hosting again has failed');
    const status = host.live.status(host.session);
    expect(status).toMatchObject({ state: 'offline', hosting: null, hostingFailed: { port } });
    expect(status.hostingFailed!.message).toContain(String(port));
    expect(status.hostingFailed!.message).not.toContain('\n');
    expect(statuses(host).at(-1)).toMatchObject({ state: 'offline', hostingFailed: { port } });

    // Hosting on another port works and clears the notice.
    const moved = await host.live.host(host.session, 0);
    expect(moved.hosting!.port).not.toBe(port);
    expect(moved.hostingFailed).toBeUndefined();
  });
});
