import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { relayDocName } from '../../../shared/live/relay-names';
import { seededRandom } from '../../../shared/testing/seeded-random';
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
  type TestClient,
  type TestWorkspace,
} from './relay-test-support';

/**
 * Hostile frames: random bytes and mutations of every kind of real frame (authentication, sync
 * steps, updates, awareness, names of other documents), before and after authentication, from
 * several sockets at once. The relay must stay up, keep serving honest clients without a hiccup,
 * and not grow without bound. CHANCERY_SEED replays a run; CHANCERY_FUZZ_FRAMES sets the count.
 */

const SEED = Number(process.env.CHANCERY_SEED ?? randomInt(1, 2 ** 31 - 1));
const FRAMES = Number(process.env.CHANCERY_FUZZ_FRAMES ?? 10_000);
const SOCKETS = 4;

let relay: RunningRelay;
let w: TestWorkspace;
let seeded: TestClient[];

useSeededRelay('fuzz', { maxFrameBytes: 64 * 1024 }, (f) => {
  ({ relay, w, seeded } = f);
});

describe(`the relay under 10,000 hostile frames (seed ${SEED}; replay: CHANCERY_SEED=${SEED})`, () => {
  it('stays up, keeps honest clients syncing, and its memory stays bounded', { timeout: 300_000 }, async () => {
    const rand = seededRandom(SEED);
    const int = (n: number) => Math.floor(rand() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
    const ald = memberOf(w, w.ald, 'Anja Korvel');
    const alpha = relayDocName(w.workspaceId, 'alpha');
    const names = [alpha, relayDocName(w.workspaceId, 'manifest'), relayDocName(w.workspaceId, 'beta'), `${w.workspaceId}/private/VEL`, `${w.workspaceId}/private/ALD`, 'x', 'elsewhere/alpha'];

    // Real updates to mutate: typing into a copy of the document.
    const scratch = copyOf(w.session, 'alpha');
    const updates: Uint8Array[] = [];
    scratch.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 20; i++) typeInto(scratch, pick([C.a1, C.a2, C.a3]), ` t${i}`);
    const templates = (): Uint8Array[] => [
      frames.auth(pick(names), tokenOf(ald)),
      frames.auth(pick(names), 'garbage'),
      frames.sync(pick(names), 0, Y.encodeStateVector(scratch)),
      frames.sync(pick(names), pick([1, 2] as const), pick(updates)),
      frames.awareness(pick(names), int(1e6), int(100), { user: { name: 'x'.repeat(int(50)) } }),
    ];
    const benign = (): Uint8Array[] => [
      frames.sync(alpha, 0, Y.encodeStateVector(scratch)),
      frames.awareness(alpha, 1 + int(1e6), int(100), { user: { name: 'Fuzzy' }, cursor: null }),
      frames.sync(alpha, 1, new Uint8Array([0, 0])),
    ];
    const mutate = (frame: Uint8Array): Uint8Array => {
      const bytes = [...frame];
      const n = 1 + int(4);
      for (let i = 0; i < n && bytes.length > 0; i++) {
        const at = int(bytes.length);
        const op = int(4);
        if (op === 0) bytes[at] = int(256);
        else if (op === 1) bytes.splice(at, 0, int(256));
        else if (op === 2) bytes.splice(at, 1);
        else bytes.length = at;
      }
      return new Uint8Array(bytes);
    };
    const hostile = (): Uint8Array => {
      const kind = int(10);
      if (kind === 0) return new Uint8Array(Array.from({ length: int(80) }, () => int(256)));
      if (kind <= 2) return pick(templates()); // well-formed, but often of the wrong document or with a bad token
      if (kind <= 4) return pick(benign()); // what an honest client sends: passes the filter, reaches Hocuspocus
      return mutate(pick(templates()));
    };

    // Honest clients, connected throughout.
    const honestA = client(relay, ald, 'alpha');
    const honestB = client(relay, { signer: w.vel, name: 'Tomas Brenner', workspaceId: w.workspaceId }, 'alpha');
    await Promise.all([settled(honestA), settled(honestB)]);

    let sent = 0;
    let connections = 0;
    const closeCodes = new Map<number, number>();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();

    const fuzzer = async (): Promise<void> => {
      while (sent < FRAMES) {
        let raw: RawSocket = rawSocket(relay.url, tokenOf(ald));
        connections++;
        try {
          await raw.open;
        } catch {
          continue;
        }
        if (rand() < 0.5) {
          raw.ws.send(frames.auth(alpha, tokenOf(ald)));
          await until(() => raw.received.length > 0 || raw.ws.readyState !== raw.ws.OPEN, 'an answer');
        }
        const burst = 1 + int(12);
        for (let i = 0; i < burst && sent < FRAMES && raw.ws.readyState === raw.ws.OPEN; i++) {
          raw.ws.send(hostile());
          sent++;
        }
        await Promise.race([raw.closed, new Promise((r) => setTimeout(r, 5))]);
        if (raw.ws.readyState === raw.ws.OPEN) raw.ws.close();
        const { code } = await raw.closed;
        closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
        raw = undefined as unknown as RawSocket;
      }
    };
    await Promise.all(Array.from({ length: SOCKETS }, fuzzer));
    const seconds = (Date.now() - started) / 1000;
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    console.log(
      `fuzz seed ${SEED}: ${sent} frames over ${connections} connections in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)} frames/s); ` +
        `close codes ${JSON.stringify(Object.fromEntries(closeCodes))}; heap growth ${(heapGrowth / 1e6).toFixed(1)} MB; relay ${JSON.stringify(relay.stats())}`,
    );

    expect(sent).toBe(FRAMES);
    expect(honestA.closes).toEqual([]);
    expect(honestB.closes).toEqual([]);
    typeInto(honestA.doc, C.a1, ' After the storm.');
    await until(() => textOf(honestB.doc).includes('After the storm.'), 'the honest edit reaches the other client');
    typeInto(honestB.doc, C.a2, ' And back.');
    await until(() => textOf(honestA.doc).includes('And back.'), 'and back');
    const late = client(relay, ald, 'alpha');
    await settled(late);
    expect(textOf(late.doc)).toBe(textOf(honestA.doc));
    [honestA, honestB, late].forEach((c) => c.destroy());
    await until(() => relay.stats().connections <= seeded.length, 'the fuzzers’ sockets are gone');
    expect(heapGrowth).toBeLessThan(200e6);
  });
});
