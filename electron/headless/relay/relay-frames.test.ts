import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { relayDocName } from '../../../shared/live/relay-names';
import { C } from '../positions/positions-test-support';
import type { RunningRelay } from './relay';
import {
  client,
  copyOf,
  frames,
  rawSocket,
  settled,
  textOf,
  tokenOf,
  typeInto,
  memberOf,
  until,
  useSeededRelay,
  type RawSocket,
  type TestWorkspace,
  type Who,
} from './relay-test-support';

/**
 * The frame filter: what a client may send on an authenticated socket, and the close code it gets
 * for anything else. Nothing refused is applied or stored.
 */

let relay: RunningRelay;
let w: TestWorkspace;
let alpha: string;

useSeededRelay('frames', { maxFrameBytes: 256 * 1024 }, (f) => {
  ({ relay, w } = f);
  alpha = relayDocName(w.workspaceId, 'alpha');
});

const ald = (): Who => memberOf(w, w.ald, 'Anja Korvel');

async function signedIn(): Promise<RawSocket> {
  const raw = rawSocket(relay.url, tokenOf(ald()));
  await raw.open;
  return raw;
}

async function authenticated(doc = alpha): Promise<RawSocket> {
  const raw = await signedIn();
  raw.ws.send(frames.auth(doc, tokenOf(ald())));
  await until(() => raw.received.length > 0, 'the authentication is answered');
  return raw;
}

function rawFrame(doc: string, type: number, ...rest: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, type);
  rest.forEach((n) => encoding.writeVarUint(e, n));
  return encoding.toUint8Array(e);
}

describe('the frame filter closes the socket', () => {
  it('with 4400 for undecodable frames and types clients do not send', async () => {
    for (const frame of [new Uint8Array([0xff, 0xff, 0xff]), rawFrame(alpha, 6), rawFrame(alpha, 8, 1), rawFrame(alpha, 42), rawFrame(alpha, 0, 7)]) {
      const raw = await signedIn();
      raw.ws.send(frame);
      expect((await raw.closed).code).toBe(4400);
    }
  });

  it('with 4400 for a name that is not a Chancery document, or one of another workspace', async () => {
    for (const name of ['just-a-name', 'a/b/c/d', `${w.workspaceId}/private_ALD`, relayDocName('other-workspace', 'alpha')]) {
      const raw = await signedIn();
      raw.ws.send(frames.auth(name, tokenOf(ald())));
      expect((await raw.closed).code).toBe(4400);
      expect(raw.received).toHaveLength(0);
    }
  });

  it('with 4400 for a second authentication of the same document (instead of hanging)', async () => {
    const raw = await authenticated();
    raw.ws.send(frames.auth(alpha, tokenOf(ald())));
    expect((await raw.closed).code).toBe(4400);
  });

  it('with 4401 for a document token of another key than the socket’s', async () => {
    const raw = await signedIn();
    raw.ws.send(frames.auth(alpha, tokenOf({ signer: w.vel, name: 'Tomas Brenner', workspaceId: w.workspaceId })));
    expect((await raw.closed).code).toBe(4401);
  });

  it('with 4400 past 32 frames before authentication, or past 64 documents', async () => {
    const raw = await signedIn();
    for (let i = 0; i < 40; i++) raw.ws.send(frames.sync(alpha, 0, Y.encodeStateVector(new Y.Doc())));
    expect((await raw.closed).code).toBe(4400);
    const many = await signedIn();
    for (let i = 0; i < 70; i++) many.ws.send(frames.sync(relayDocName(w.workspaceId, `doc-${i}`), 0, Y.encodeStateVector(new Y.Doc())));
    expect((await many.closed).code).toBe(4400);
  });

  it('with 4413 for a frame larger than the relay’s limit', async () => {
    const raw = await authenticated();
    raw.ws.send(frames.sync(alpha, 2, new Uint8Array(300 * 1024)));
    expect((await raw.closed).code).toBe(4413);
  });

  it('with 4400 "refused: …" for an edit the workspace’s rules refuse, which nobody ever receives', async () => {
    const raw = await authenticated();
    const evil = new Y.Doc();
    evil.getMap('evil').set('x', 1);
    raw.ws.send(frames.sync(alpha, 2, Y.encodeStateAsUpdate(evil)));
    const closed = await raw.closed;
    expect(closed.code).toBe(4400);
    expect(closed.reason).toMatch(/^refused: /u);
    expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(123);
    const fresh = client(relay, ald(), 'alpha');
    await settled(fresh);
    expect(fresh.doc.share.has('evil')).toBe(false);
    fresh.destroy();
  });
});

describe('an edit that arrives before the sync it follows', () => {
  it('is held back, the client is asked to sync, and nothing is lost', async () => {
    const raw = await authenticated();
    const mine = copyOf(w.session, 'alpha');
    const updates: Uint8Array[] = [];
    mine.on('update', (u: Uint8Array) => updates.push(u));
    typeInto(mine, C.a3, ' First.');
    typeInto(mine, C.a3, ' Second.');
    const before = raw.received.length;
    raw.ws.send(frames.sync(alpha, 2, updates[1]!)); // the second edit, without the first
    await until(() => raw.received.length > before, 'the relay answers');
    const answer = decoding.createDecoder(raw.received[before]!);
    expect([decoding.readVarString(answer), decoding.readVarUint(answer), decoding.readVarUint(answer)]).toEqual([alpha, 0, 0]); // a sync step 1
    const relaySv = decoding.readVarUint8Array(answer);
    raw.ws.send(frames.sync(alpha, 1, Y.encodeStateAsUpdate(mine, relaySv)));
    const fresh = client(relay, ald(), 'alpha');
    await settled(fresh);
    expect(textOf(fresh.doc)).toContain('First. Second.');
    fresh.destroy();
    raw.ws.close();
    expect((await raw.closed).code).toBe(1005);
  });
});

