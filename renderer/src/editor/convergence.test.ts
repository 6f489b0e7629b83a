// @vitest-environment jsdom
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../../../shared/testing/seeded-random';
import { runSeed, type SeedResult } from './convergence/run-seed';
import { formatSummary, summarise } from './convergence/summary';

/**
 * Convergence property test, in the style of Yjs' `applyRandomTests`: 4 peers, each a real
 * EditorView with the app's editor state (plugins, keymap, y-prosemirror binding) on its own
 * Y.Doc, edited by a random user through keys and toolbar commands, under random partitions and
 * reconnections, then fully synced (see convergence/run-seed.ts for what each seed checks and
 * convergence/loss-ledger.ts for how lost text is traced to its cause).
 *
 * CHANCERY_SEED=<n> replays one seed; CHANCERY_CONVERGENCE_SEEDS=2000 runs the long mode;
 * CHANCERY_CONVERGENCE_OPS and CHANCERY_CONVERGENCE_PEERS change the run's shape.
 */

const env = import.meta.env as Record<string, string | undefined>;
const PEERS = Number(env.CHANCERY_CONVERGENCE_PEERS ?? 4);
const OPS = Number(env.CHANCERY_CONVERGENCE_OPS ?? 100);
const SEEDS =
  env.CHANCERY_SEED !== undefined
    ? [Number(env.CHANCERY_SEED)]
    : Array.from({ length: Number(env.CHANCERY_CONVERGENCE_SEEDS ?? 200) }, (_, i) => i);

/** A seed takes a fraction of a second; on a busy machine a large one can take several. */
const SEED_TIMEOUT = 60_000;

/** How text may go missing: a user's own deletion, a concurrent deletion, a replacement. */
const EXPECTED_CAUSE = /^(edited|deletion|replacement):/u;

const results: SeedResult[] = [];
const started = performance.now();

afterAll(() => {
  console.log(formatSummary(summarise(results), PEERS, (performance.now() - started) / 1000));
});

/** Clause ids come from crypto.randomUUID; a seeded stand-in makes a seed replay exactly. */
function seedUuids(seed: number) {
  const random = seededRandom(seed + 1_000_000);
  return vi.spyOn(globalThis.crypto, 'randomUUID').mockImplementation(() => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` as ReturnType<Crypto['randomUUID']>;
  });
}

describe(`convergence: ${PEERS} peers × ${OPS} random edits, partitions and reconnections`, () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const n of SEEDS) {
    it(`seed ${n} (replay: CHANCERY_SEED=${n})`, () => {
      seedUuids(n);
      const result = runSeed(n, { peers: PEERS, ops: OPS });
      results.push(result);
      const where = `CHANCERY_SEED=${n}`;
      // Every peer identical and valid, clause ids unique and the same everywhere, no loss unexplained.
      expect(result.problems, where).toEqual([]);
      // y-prosemirror never had to delete a node the schema refused.
      expect(result.schemaRepairNodes, `${where}: ${result.repairSamples.join(' | ')}`).toBe(0);
      // Text went missing only where a peer deleted it or the block it was in, or replaced that block.
      const unexpected = [...result.lostTyped.keys(), ...result.lostSeeded.keys()].filter((cause) => !EXPECTED_CAUSE.test(cause));
      expect(unexpected, where).toEqual([]);
    }, SEED_TIMEOUT);
  }
});
