import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isChanceryError } from '../../../shared/errors';
import { WorkspaceStore } from './workspace-store';
import {
  collectStderr,
  makeTempDir,
  onLines,
  removeDir,
  sideFiles,
  spawnFixture,
  whenClosed,
} from './store-test-support';
import { seededRandom } from '../../../shared/testing/seeded-random';

/**
 * "Durable when it returns", tested the hard way: a writer process appends Yjs updates and prints
 * `ack n` after each appendUpdate returns; we SIGKILL it at a random moment (after a random number
 * of acks, or after a random delay that can land mid-open, mid-append or mid-compaction), reopen
 * the file and check that every acked token is in the text, in order, with nothing half-written.
 * One file is reused across all rounds, so damage from any round would show in every later one.
 *
 * CHANCERY_KILL_ITERATIONS sets the number of kills (default 200); CHANCERY_SEED replays a run.
 */

const KILL_DOC_ID = 'kill-test'; // must match kill-writer.fixture.ts
const ITERATIONS = Number(process.env.CHANCERY_KILL_ITERATIONS ?? 200);
const SEED = Number(process.env.CHANCERY_SEED ?? randomInt(1, 2 ** 31 - 1));
/** Writers started ahead of time, waiting for "go": hides Node + tsx start-up (~0.2 s of CPU each). */
const PRESPAWN = 2;
const COMPACT_CHOICES = [0, 0, 3, 5, 8];

type KillPlan = { kind: 'after-acks'; acks: number } | { kind: 'after-delay'; ms: number };

interface Writer {
  round: number;
  /** Sends "go", kills per plan, resolves with the highest acked n (-1: none) once it is dead. */
  run(plan: KillPlan): Promise<{ lastAck: number; compactions: number }>;
  kill(): void;
}

function startWriter(path: string, round: number, compactEvery: number): Writer {
  const child = spawnFixture('kill-writer.fixture.ts', [path, String(round), String(compactEvery)]);
  const stderr = collectStderr(child);
  const closed = whenClosed(child);
  let lastAck = -1;
  let acks = 0;
  let compactions = 0;
  let onStarted = (): void => {};
  let onAck = (): void => {};
  let protocolError = '';
  onLines(child, (line) => {
    if (line === 'started') onStarted();
    else if (line.startsWith('ack ')) {
      const n = Number(line.slice(4));
      if (n !== lastAck + 1) protocolError ||= `round ${round}: ack ${n} came after ack ${lastAck}`;
      lastAck = n;
      acks++;
      onAck();
    } else if (line.startsWith('compacted ')) compactions++;
  });
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  return {
    round,
    kill,
    run: async (plan) => {
      if (plan.kind === 'after-delay') onStarted = () => void setTimeout(kill, plan.ms);
      else onAck = () => (acks >= plan.acks ? kill() : undefined);
      child.stdin?.write('go\n');
      const { code, signal } = await closed;
      if (signal !== 'SIGKILL') {
        throw new Error(`writer of round ${round} ended by itself (exit ${code}), not by our kill:\n${stderr()}`);
      }
      if (protocolError) throw new Error(protocolError);
      return { lastAck, compactions };
    },
  };
}

/**
 * Reads the doc back and checks it against what was acknowledged. Tokens of each round must be
 * 0..m with no gap (Yjs would hold back anything after a missing update), m at least the last
 * ack and at most one more (an append that committed just before the kill, before its ack).
 */
function verify(
  path: string,
  mode: 'open' | 'read-only',
  lastAcks: number[],
  stats: { readOnlyNeedsRepair: number; unackedButStored: number },
): void {
  const context = `seed ${SEED}, after round ${lastAcks.length - 1} (${mode})`;
  let store: WorkspaceStore;
  try {
    store = mode === 'open' ? WorkspaceStore.open(path) : WorkspaceStore.openReadOnly(path);
  } catch (err) {
    // A kill inside the brief rollback-journal window of open/close leaves a journal that only a
    // writer may roll back; the read-only open must say so (and a writer must then succeed).
    const repairable =
      mode === 'read-only' &&
      isChanceryError(err, 'STORAGE_FAILED') &&
      /left in the middle of a save/.test(err.message);
    if (!repairable) throw new Error(`${context}: the file did not open cleanly: ${String(err)}`, { cause: err });
    stats.readOnlyNeedsRepair++;
    store = WorkspaceStore.open(path);
  }
  let text: string;
  try {
    const doc = new Y.Doc();
    for (const u of store.loadUpdates(KILL_DOC_ID)) Y.applyUpdate(doc, u);
    expect(doc.store.pendingStructs, `${context}: an update is missing in the middle`).toBeNull();
    text = doc.getText('t').toString();
  } finally {
    store.close();
  }
  if (mode === 'open') expect(sideFiles(path), `${context}: files left beside the workspace`).toEqual([]);

  const tokens = [...text.matchAll(/<(\d+)\.(\d+)>/g)];
  expect(tokens.map((m) => m[0]).join(''), `${context}: text holds something other than whole tokens`).toBe(text);
  const byRound = new Map<number, number[]>();
  let previousRound = -1;
  for (const m of tokens) {
    const round = Number(m[1]);
    expect(round, `${context}: rounds out of order`).toBeGreaterThanOrEqual(previousRound);
    previousRound = round;
    byRound.set(round, [...(byRound.get(round) ?? []), Number(m[2])]);
  }
  lastAcks.forEach((lastAck, round) => {
    const ns = byRound.get(round) ?? [];
    expect(ns, `${context}: round ${round} has a gap`).toEqual(ns.map((_, i) => i));
    const stored = ns.length - 1;
    const lost = `${context}: round ${round} acked up to ${lastAck} but the file has up to ${stored}`;
    expect(stored, lost).toBeGreaterThanOrEqual(lastAck);
    expect(stored, `${context}: round ${round} has more than one unacked update`).toBeLessThanOrEqual(lastAck + 1);
    if (round === lastAcks.length - 1 && stored === lastAck + 1) stats.unackedButStored++;
  });
}

describe('kill -9 durability', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('kill');
  });
  afterAll(() => removeDir(dir));

  it(
    `every acknowledged update survives SIGKILL at random moments (${ITERATIONS} kills)`,
    async () => {
      console.log(
        `kill -9 durability: ${ITERATIONS} kills, seed ${SEED} ` +
          `(replay with CHANCERY_SEED=${SEED} CHANCERY_KILL_ITERATIONS=${ITERATIONS})`,
      );
      const startedAt = Date.now();
      const random = seededRandom(SEED);
      const path = join(dir, 'kill.chancery');
      WorkspaceStore.create(path).close();

      const lastAcks: number[] = [];
      const stats = { readOnlyNeedsRepair: 0, unackedButStored: 0, compactions: 0, acks: 0, delayKills: 0 };
      const queue: Writer[] = [];
      let spawned = 0;
      try {
        for (let round = 0; round < ITERATIONS; round++) {
          while (queue.length < PRESPAWN && spawned < ITERATIONS) {
            const compactEvery = COMPACT_CHOICES[Math.floor(random() * COMPACT_CHOICES.length)]!;
            queue.push(startWriter(path, spawned++, compactEvery));
          }
          const writer = queue.shift()!;
          const plan: KillPlan =
            random() < 0.5
              ? { kind: 'after-acks', acks: 1 + Math.floor(random() * 15) }
              : { kind: 'after-delay', ms: Math.floor(random() * 30) };
          if (plan.kind === 'after-delay') stats.delayKills++;
          const result = await writer.run(plan);
          lastAcks.push(result.lastAck);
          stats.acks += result.lastAck + 1;
          stats.compactions += result.compactions;
          verify(path, random() < 0.5 ? 'open' : 'read-only', lastAcks, stats);
        }
      } finally {
        for (const w of queue) w.kill();
      }

      // After all that, the file is still a healthy workspace that a writer can use and close.
      const store = WorkspaceStore.open(path);
      store.checkpoint();
      store.close();
      expect(sideFiles(path)).toEqual([]);
      console.log(
        `kill -9 durability: ${ITERATIONS} kills in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; ` +
          `${stats.acks} acked updates all present; ${stats.delayKills} kills after a random delay, ` +
          `${ITERATIONS - stats.delayKills} after a random number of acks; ${stats.compactions} compactions; ` +
          `${stats.unackedButStored} kills landed between commit and ack; ` +
          `${stats.readOnlyNeedsRepair} read-only opens found a journal needing a writer's repair.`,
      );
    },
    Math.max(180_000, ITERATIONS * 1_500),
  );
});
