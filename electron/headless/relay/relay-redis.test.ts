import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C } from '../positions/positions-test-support';
import type { RunningRelay } from './relay';
import { client, removeDir, seedRelay, settled, tempDir, testRelay, testWorkspace, textOf, typeInto, until, type TestClient, type TestWorkspace } from './relay-test-support';

/**
 * Two relay instances sharing documents through a real Redis (Debian's redis-server, started here
 * on a free loopback port, nothing saved to disk): a client on each, edits converge both ways.
 */

const HAVE_REDIS = spawnSync('redis-server', ['--version']).status === 0;
// In CI the binary must be there (.ci/run installs it): a missing server fails the run instead of
// skipping the scale-out test. On a developer machine without it, the skip says why.
if (!HAVE_REDIS && process.env.CI) throw new Error('redis-server is not installed; .ci/run installs Debian\'s redis-server for this test.');
if (!HAVE_REDIS) console.warn('redis-server is not installed: the multi-relay test is skipped (.ci/run installs it).');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

let redis: ChildProcess | null = null;
let redisUrl = '';
const relays: RunningRelay[] = [];
const dirs: string[] = [];
const clients: TestClient[] = [];
let w: TestWorkspace;

beforeAll(async () => {
  if (!HAVE_REDIS) return;
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  redis.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  await until(() => out.includes('Ready to accept connections') || redis!.exitCode !== null, 'redis-server is ready', 20_000);
  if (redis.exitCode !== null) throw new Error(`redis-server did not start:\n${out}`);
  redisUrl = `redis://127.0.0.1:${port}`;
  w = testWorkspace();
});

afterAll(async () => {
  clients.forEach((c) => c.destroy());
  for (const r of relays) await r.close();
  dirs.forEach(removeDir);
  if (w) {
    w.session.close();
    removeDir(w.dir);
  }
  if (redis && redis.exitCode === null) {
    const gone = new Promise((r) => redis!.once('close', r));
    redis.kill('SIGTERM');
    await gone;
  }
});

describe('several relays through Redis', () => {
  it.skipIf(!HAVE_REDIS)('converge: an edit on either relay reaches the client on the other', { timeout: 60_000 }, async () => {
    const seeds: TestClient[][] = [];
    for (let i = 0; i < 2; i++) {
      const dir = tempDir(`redis-${i}`);
      dirs.push(dir);
      const relay = await testRelay(dir, [], { redis: redisUrl });
      relays.push(relay);
      seeds.push(await seedRelay(relay, w));
      clients.push(...seeds[i]!);
    }
    const [one, two] = relays as [RunningRelay, RunningRelay];
    const ald = client(one, { signer: w.ald, name: 'Anja Korvel', workspaceId: w.workspaceId }, 'alpha');
    const vel = client(two, { signer: w.vel, name: 'Tomas Brenner', workspaceId: w.workspaceId }, 'alpha');
    clients.push(ald, vel);
    await Promise.all([settled(ald), settled(vel)]);

    typeInto(ald.doc, C.a1, ' Through relay one.');
    await until(() => textOf(vel.doc).includes('Through relay one.'), 'the edit on relay one reaches the client on relay two');
    typeInto(vel.doc, C.a2, ' Through relay two.');
    await until(() => textOf(ald.doc).includes('Through relay two.'), 'the edit on relay two reaches the client on relay one');
    expect(textOf(ald.doc)).toBe(textOf(vel.doc));

    // Each instance stored what it received through Redis too: relay two's folder alone, served
    // again after both instances stopped, still has relay one's edit.
    clients.splice(0).forEach((c) => c.destroy());
    for (const r of relays.splice(0)) await r.close();
    const again = await testRelay(dirs[1]!);
    relays.push(again);
    const late = client(again, { signer: w.ald, name: 'Anja Korvel', workspaceId: w.workspaceId }, 'alpha');
    clients.push(late);
    await settled(late);
    expect(textOf(late.doc)).toContain('Through relay one.');
    expect(textOf(late.doc)).toContain('Through relay two.');
  });
});
