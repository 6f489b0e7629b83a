/**
 * `npm run bench:keys` (after `npm run build`): only the keystroke rows of `npm run bench` —
 * row 2 (the 30k-word typing document) and rows 5a/5b (the same kind of document with four
 * signed positions per clause) — each beside the bare y-prosemirror editor typed in the same run,
 * in the same Chromium. A minute or two instead of the whole bench, for work on typing latency.
 *
 * Environment: CHANCERY_BENCH_KEYS (measured keystrokes per editor, default 150), and
 * CHANCERY_BENCH_ONLY=typing | positions to measure one of the two documents.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedSeed, TYPING_WORKSPACE, writeWorkspace } from './generate-workspace';
import { measureKeystrokeLatency } from './keystroke-latency';
import { describeMachine, loadAverage } from './machine';
import { POSITIONS_TYPING_WORKSPACE, positionsSeed } from './positions-workspace';
import { ms, ratio, renderTable, type Row } from './report-table';
import { quantile } from './stats';

const KEYS = Number(process.env.CHANCERY_BENCH_KEYS ?? 150);
const WARMUP_KEYS = 10;
const ONLY = process.env.CHANCERY_BENCH_ONLY;

const progress = (s: string) => process.stderr.write(`bench: ${s}\n`);

interface Target {
  row: '2' | '5';
  what: string;
  write(work: string): { path: string; documents: { id: string; words: number; clauses: number }[] };
}

const TARGETS: Target[] = [
  {
    row: '2',
    what: 'typing doc',
    write: (work) => writeWorkspace(join(work, 'typing-30k-words.chancery'), generatedSeed('Typing benchmark', TYPING_WORKSPACE, 100)),
  },
  {
    row: '5',
    what: 'positions typing doc',
    write: (work) =>
      writeWorkspace(join(work, 'positions-typing-30k-words.chancery'), positionsSeed('Positions typing benchmark', POSITIONS_TYPING_WORKSPACE, 200).seed),
  },
];

async function main(): Promise<void> {
  const machine = describeMachine();
  const loadAtStart = loadAverage();
  const work = mkdtempSync(join(tmpdir(), 'chancery-bench-keys-'));
  const rows: Row[] = [];
  try {
    for (const target of TARGETS) {
      if (ONLY && ONLY !== (target.row === '2' ? 'typing' : 'positions')) continue;
      progress(`generating the ${target.what}`);
      const written = target.write(work);
      const doc = written.documents[0]!;
      progress(`keystroke → paint: ${KEYS} keys per editor, app and bare editor (${target.what})`);
      const keys = await measureKeystrokeLatency(work, { path: written.path, docId: doc.id, clauses: doc.clauses }, { keys: KEYS, warmup: WARMUP_KEYS });
      for (const [label, q] of [
        ['p50', 0.5],
        ['p95', 0.95],
      ] as const) {
        const a = quantile(keys.app, q);
        const b = quantile(keys.bare, q);
        const id = target.row === '2' ? '2' : `5${label === 'p50' ? 'a' : 'b'}`;
        rows.push({
          measure: `${id}. Keystroke → paint ${label}, ${doc.words.toLocaleString('en-US')}-word ${target.what}, ${doc.clauses} clauses, ${KEYS} keys`,
          app: ms(a, 1),
          baseline: `${ms(b, 1)} bare y-prosemirror`,
          ratio: ratio(a, b),
          target: label === 'p95' ? '≤ 1.1× bare' : '—',
        });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(
    `${renderTable(rows)}\n\nMachine: ${machine.cores} cores; commit ${machine.commit}; load average (1 min) ${loadAtStart} at start, ${loadAverage()} at end\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
