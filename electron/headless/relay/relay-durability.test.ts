import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/testing/seeded-random';
import { C } from '../positions/positions-test-support';
import { runCli } from '../cli/cli';
import type { RunningRelay } from './relay';
import { client, copyOf, removeDir, seedRelay, settled, tempDir, testWorkspace, textOf, typeInto, until, type TestWorkspace, type Who } from './relay-test-support';

/**
 * "Acknowledged means stored": the relay runs as its own process (the `chancery relay` command),
 * a client types and the relay acknowledges; the relay is killed with SIGKILL at a random moment
 * of a second burst of typing and restarted on the same folder; a fresh client then receives every
 * acknowledged edit. And the command itself: SIGTERM stops it cleanly (exit 0), and a relay that
 * cannot start says why in one line (exit 1). CHANCERY_SEED replays the kill moment.
 */

const SEED = Number(process.env.CHANCERY_SEED ?? randomInt(1, 2 ** 31 - 1));
const ROOT = resolve(__dirname, '../../..');

interface RelayProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function spawnRelay(dataDir: string): Promise<RelayProcess> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'relay-cli.fixture.ts'), 'relay', '--port', '0', '--host', '127.0.0.1', '--data', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('close', (code, signal) => done({ code, signal })));
  await until(() => /Relay listening on ws:\/\/\S+ /u.test(out) || child.exitCode !== null, 'the relay is listening', 30_000);
  const url = /Relay listening on (ws:\/\/\S+) /u.exec(out)?.[1];
  if (!url) throw new Error(`the relay did not start:\n${out}`);
  return { child, url, output: () => out, exited };
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

/** What the test helpers need of a relay: its URL. */
const at = (url: string) => ({ url }) as RunningRelay;

let w: TestWorkspace;
beforeAll(() => {
  w = testWorkspace();
});
afterAll(() => {
  w.session.close();
  removeDir(w.dir);
});

describe(`the relay process (seed ${SEED}; replay: CHANCERY_SEED=${SEED})`, () => {
  it('loses no acknowledged edit when it is killed with SIGKILL, three times over', { timeout: 180_000 }, async () => {
    const rand = seededRandom(SEED);
    const dataDir = tempDir('kill');
    const ald: Who = { signer: w.ald, name: 'Anja Korvel', workspaceId: w.workspaceId };
    const typed = copyOf(w.session, 'alpha'); // the typist's document, kept across the relay's lives
    const acknowledged: string[] = [];
    const rounds: string[] = [];
    for (let round = 0; round < 3; round++) {
      const relay = await spawnRelay(dataDir);
      const seeded = round === 0 ? await seedRelay(at(relay.url), w) : [];
      const typist = client(at(relay.url), ald, 'alpha', typed);
      await settled(typist); // also brings what the last life never acknowledged
      const edits = 20 + Math.floor(rand() * 40);
      const killAfter = 1 + Math.floor(rand() * edits);
      let acked = 0;
      for (let i = 0; i < killAfter; i++) {
        typeInto(typed, pick(rand, [C.a1, C.a2, C.a3]), ` r${round}e${i}`);
        if (rand() < 0.5) await new Promise((r) => setTimeout(r, Math.floor(rand() * 4)));
      }
      await new Promise((r) => setTimeout(r, Math.floor(rand() * 60)));
      // The provider counts one per edit sent and takes one off per acknowledgement, in order.
      acked = killAfter - typist.provider.unsyncedChanges;
      relay.child.kill('SIGKILL');
      [typist, ...seeded].forEach((c) => c.destroy()); // no reconnecting to the dead relay
      expect((await relay.exited).signal).toBe('SIGKILL');
      for (let i = 0; i < acked; i++) acknowledged.push(`r${round}e${i}`);
      rounds.push(`round ${round}: killed after ${killAfter} edits, ${acked} acknowledged`);
    }
    console.log(`kill -9 (seed ${SEED}): ${rounds.join('; ')}`);

    const last = await spawnRelay(dataDir);
    const fresh = client(at(last.url), { signer: w.vel, name: 'Tomas Brenner', workspaceId: w.workspaceId }, 'alpha');
    await settled(fresh);
    const tokens = new Set(textOf(fresh.doc).match(/\br\de\d+\b/gu));
    expect(acknowledged.filter((t) => !tokens.has(t)), rounds.join('; ')).toEqual([]);
    fresh.destroy();

    last.child.kill('SIGTERM');
    expect((await last.exited).code).toBe(0);
    expect(last.output()).toContain('Relay stopped; everything stored.');
    removeDir(dataDir);
  });

  it('says in one line why it cannot start: port in use, folder not writable, Redis unreachable', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('cli');
    const running = await spawnRelay(dataDir);
    const port = new URL(running.url).port;
    const errors: string[] = [];
    const stderr = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (errors.push(s), true)) as typeof process.stderr.write;
    const notADir = join(dataDir, 'a-file');
    writeFileSync(notADir, 'x');
    let codes: number[];
    try {
      codes = [
        await runCli(['relay', '--port', port, '--host', '127.0.0.1', '--data', dataDir]),
        await runCli(['relay', '--port', '0', '--host', '127.0.0.1', '--data', join(notADir, 'sub')]),
        await runCli(['relay', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--redis', 'redis://127.0.0.1:1']),
      ];
    } finally {
      process.stderr.write = stderr;
    }
    expect(codes).toEqual([1, 1, 1]);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(new RegExp(`^chancery: The relay cannot listen on 127\\.0\\.0\\.1:${port}: port ${port} is already in use\\.\\n$`, 'u'));
    expect(errors[1]).toMatch(/^chancery: The relay cannot keep its files in .*: the folder cannot be created or is not writable \(ENOTDIR\)\.\n$/u);
    expect(errors[2]).toMatch(/^chancery: The relay cannot reach Redis at 127\.0\.0\.1:1 \(.*\); start Redis or check --redis\.\n$/u);
    running.child.kill('SIGINT');
    expect((await running.exited).code).toBe(0);
    removeDir(dataDir);
  });
});
