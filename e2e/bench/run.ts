/**
 * `npm run bench` (after `npm run build`): the brief's "Measures that matter", each beside a
 * baseline measured in the same run, as a ratio, with the brief's target. Prints one table on
 * stdout (progress goes to stderr). Timings never fail the run; a measurement that could not be
 * taken does (exit code 1, its row shows n/a).
 *
 * Environment: CHANCERY_BENCH_RUNS (open runs, default 5), CHANCERY_BENCH_LAUNCH_RUNS (default 3),
 * CHANCERY_BENCH_KEYS (measured keystrokes per editor, default 150), CHANCERY_BENCH_UPDATES (typed
 * updates for the validation rows, default 400; plus CHANCERY_BENCH_STRUCTURAL, default 40, Enter /
 * new clause), CHANCERY_BENCH_METER_KEYS (keystrokes into agreed clauses for the meter row, default
 * 20), CHANCERY_BENCH_RECOMPUTE_UPDATES (typed updates for main's positions recompute, default 400),
 * CHANCERY_BENCH_REMOTE_KEYS (keys typed in A and painted in B for the live rows, default 100),
 * CHANCERY_BENCH_FANOUT_WORKSPACES (default 100), CHANCERY_BENCH_FANOUT_INTERVAL_MS (one update per
 * workspace every this many ms, default 200), CHANCERY_BENCH_FANOUT_SECONDS (default 20),
 * CHANCERY_BENCH_OFFLINE_OPS (offline operations to merge, default 10,000),
 * CHANCERY_BENCH_EXPORT_RUNS (export and compare runs, default 5; PDF: CHANCERY_BENCH_PDF_RUNS, default 3;
 * opening and building two rounds to compare them: CHANCERY_BENCH_COMPARE_RUNS, default 3),
 * CHANCERY_BENCH_ONLY (row numbers to measure, e.g. `1,5`; default all), CHANCERY_BENCH_KEEP=1 keeps
 * the temp dir with the generated workspaces, CHANCERY_BENCH_DEBUG=1 echoes main's output.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentNode, documentStats } from '../../shared/workspace/document-content';
import { ROOT } from '../harness/paths';
import { measureFileSize, type FileSize } from './file-size';
import { generatedSeed, LARGE_WORKSPACE, TYPING_WORKSPACE, writeWorkspace } from './generate-workspace';
import { measureKeystrokeLatency, type KeystrokeLatency } from './keystroke-latency';
import { describeMachine, loadAverage } from './machine';
import { measureOpenLatency, type OpenLatency, type OpenTarget } from './open-latency';
import { bytes, ms, NA, ratio, renderTable, type Row } from './report-table';
import { median, quantile } from './stats';
import { measureValidationCost, type ValidationCost } from './validation-cost';
import { measureMeterLatency } from './meter-latency';
import { measureCheckingAtOpen } from './checking-cost';
import { measureIncrementalRecompute } from './positions-cost';
import { positionsNote, positionsRows, type PositionsResults } from './positions-report';
import { POSITIONS_TYPING_WORKSPACE, positionsSeed } from './positions-workspace';
import { validationNote, validationRows } from './validation-report';
import { documentIds, documentState, firstDocument, plainYjsLoad } from './workspace-file';
import { measureFanOut } from './live-fanout';
import { loadWorkspaces } from './live-load-workspaces';
import { measureOfflineMerge } from './live-offline-merge';
import { measureRemoteLatency } from './live-remote-latency';
import { liveNote, liveRows, type LiveConfig, type LiveResults } from './live-report';
import { measureExportCost, writeExportWorkspace, type ExportCost } from './export-cost';
import { exportNote, exportRows } from './export-report';

const RUNS = Number(process.env.CHANCERY_BENCH_RUNS ?? 5);
const LAUNCH_RUNS = Number(process.env.CHANCERY_BENCH_LAUNCH_RUNS ?? 3);
const KEYS = Number(process.env.CHANCERY_BENCH_KEYS ?? 150);
const WARMUP_KEYS = 10;
const UPDATES = Number(process.env.CHANCERY_BENCH_UPDATES ?? 400);
const STRUCTURAL = Number(process.env.CHANCERY_BENCH_STRUCTURAL ?? 40);
const FIRST_PUSH_OPENS = 5;
const METER_KEYS = Number(process.env.CHANCERY_BENCH_METER_KEYS ?? 20);
const RECOMPUTE_UPDATES = Number(process.env.CHANCERY_BENCH_RECOMPUTE_UPDATES ?? 400);
const LIVE: LiveConfig = {
  remoteKeys: Number(process.env.CHANCERY_BENCH_REMOTE_KEYS ?? 100),
  workspaces: Number(process.env.CHANCERY_BENCH_FANOUT_WORKSPACES ?? 100),
  intervalMs: Number(process.env.CHANCERY_BENCH_FANOUT_INTERVAL_MS ?? 200),
  durationMs: Number(process.env.CHANCERY_BENCH_FANOUT_SECONDS ?? 20) * 1000,
  ops: Number(process.env.CHANCERY_BENCH_OFFLINE_OPS ?? 10_000),
};
const EXPORT_RUNS = Number(process.env.CHANCERY_BENCH_EXPORT_RUNS ?? 5);
const PDF_RUNS = Number(process.env.CHANCERY_BENCH_PDF_RUNS ?? 3);
const COMPARE_RUNS = Number(process.env.CHANCERY_BENCH_COMPARE_RUNS ?? 3);
const CLI = join(ROOT, 'out', 'main', 'cli.js');
const ONLY = process.env.CHANCERY_BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
/** Whether row `n` (its number: '1' … '7') is measured in this run. */
const wants = (n: string) => !ONLY?.length || ONLY.includes(n);

const progress = (s: string) => process.stderr.write(`bench: ${s}\n`);
const thousands = (n: number) => n.toLocaleString('en-US');

const failures: string[] = [];

async function attempt<T>(what: string, fn: () => T | Promise<T>): Promise<T | undefined> {
  progress(what);
  try {
    return await fn();
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    failures.push(`${what}: ${message.split('\n').slice(0, 12).join('\n')}`);
    progress(`FAILED: ${what}\n${message}`);
    return undefined;
  }
}

function openTarget(path: string): OpenTarget & { words: number; stateBytes: number } {
  const first = firstDocument(path);
  const stats = documentStats(documentNode(plainYjsLoad(path, first.id)));
  return { path, firstDocId: first.id, firstDocClauses: stats.clauses, words: stats.words, stateBytes: documentState(path, first.id).byteLength };
}

async function main(): Promise<number> {
  const machine = describeMachine();
  const loadAtStart = loadAverage();
  const work = mkdtempSync(join(tmpdir(), 'chancery-bench-'));
  const rows: Row[] = [];
  const notes: string[] = [];
  let chromium = '';
  try {
    // ---- the workspaces -----------------------------------------------------------------
    const samplePath = join(work, 'sample.chancery');
    const sample = await attempt('creating the sample workspace (chancery new --sample)', () => {
      execFileSync(process.execPath, [CLI, 'new', samplePath, '--sample'], { cwd: ROOT, stdio: 'pipe' });
      return openTarget(samplePath);
    });
    const large = await attempt('generating the 5-document, 2,000-clause workspace', () => {
      const w = writeWorkspace(join(work, 'generated-2000-clauses.chancery'), generatedSeed('Generated negotiation', LARGE_WORKSPACE, 1));
      return { ...w, ...openTarget(w.path) };
    });
    const typing = await attempt('generating the 30k-word typing document', () =>
      writeWorkspace(join(work, 'typing-30k-words.chancery'), generatedSeed('Typing benchmark', TYPING_WORKSPACE, 100)),
    );
    const positions: PositionsResults = {};
    const positionsTyping = await attempt('generating the 30k-word, 400-clause document with four signed positions per clause', () => {
      const { seed, stats } = positionsSeed('Positions typing benchmark', POSITIONS_TYPING_WORKSPACE, 200);
      return { ...writeWorkspace(join(work, 'positions-typing-30k-words.chancery'), seed), stats };
    });
    const positionsLarge = await attempt('generating the 5-document, 2,000-clause workspace with four signed positions per clause', () => {
      const { seed, stats } = positionsSeed('Generated negotiation with positions', LARGE_WORKSPACE, 1);
      return { ...writeWorkspace(join(work, 'positions-2000-clauses.chancery'), seed), stats };
    });
    const positionsDoc = positionsTyping?.documents[0];
    if (positionsTyping && positionsDoc) positions.typingDoc = { words: positionsDoc.words, clauses: positionsDoc.clauses, stats: positionsTyping.stats };
    positions.largeStats = positionsLarge?.stats;
    const sampleSize = sample && wants('3') ? await attempt('file size: sample', () => measureFileSize(samplePath)) : undefined;
    const largeSize = large && wants('3') ? await attempt('file size: generated', () => measureFileSize(large.path)) : undefined;
    const positionsOpen = positionsLarge && (await attempt('reading the first document of the positions workspace', () => openTarget(positionsLarge.path)));

    // ---- 1. open --------------------------------------------------------------------------
    const open: { label: 'sample' | 'generated' | 'positions'; target?: ReturnType<typeof openTarget>; result?: OpenLatency; target500?: boolean }[] = [];
    // The bare baseline first mounts the document the app showed on first start: the sample's first.
    const warm = (t: ReturnType<typeof openTarget>) => (sample ? documentState(samplePath, sample.firstDocId) : documentState(t.path, t.firstDocId));
    for (const [label, target, isLarge] of [
      ['sample', sample, false],
      ['generated', large, true],
      ['positions', positionsOpen, true],
    ] as const) {
      if (!wants('1')) break;
      const result =
        target &&
        (await attempt(`open → editable first document: ${label} (${RUNS} runs + ${LAUNCH_RUNS} launches)`, () =>
          measureOpenLatency(work, target, { runs: RUNS, launchRuns: LAUNCH_RUNS, warmState: warm(target) }),
        ));
      if (result?.chromiumVersion) chromium = result.chromiumVersion;
      open.push({ label, target, result, target500: isLarge });
    }

    // ---- 4. validation (in Node, on copies of the typing document, before the app types in it) ----
    const typingDoc = typing?.documents[0];
    const validation: ValidationCost | undefined =
      typing && typingDoc && wants('4')
        ? await attempt(`validation cost: ${UPDATES} typed + ${STRUCTURAL} structural updates, hub path, gate and baselines`, () =>
            measureValidationCost(
              { path: typing.path, docId: typingDoc.id },
              { hub: join(work, 'validation-hub.chancery'), store: join(work, 'validation-store.chancery') },
              { typed: UPDATES, structural: STRUCTURAL, firstRuns: FIRST_PUSH_OPENS },
            ),
          )
        : undefined;

    // ---- 2. typing ------------------------------------------------------------------------
    const keys: KeystrokeLatency | undefined =
      typing && typingDoc && wants('2')
        ? await attempt(`keystroke → paint: ${KEYS} keys per editor, app and bare editor`, () =>
            measureKeystrokeLatency(work, { path: typing.path, docId: typingDoc.id, clauses: typingDoc.clauses }, { keys: KEYS, warmup: WARMUP_KEYS }),
          )
        : undefined;
    // ---- 5. positions (headless rows before the app types into the document) -------------
    if (positionsLarge && wants('5')) {
      positions.checking = await attempt(`positions: open → agreement with every signature checked in slices, 2,000 clauses (${RUNS} runs)`, () =>
        measureCheckingAtOpen(positionsLarge.path, RUNS),
      );
    }
    if (positionsTyping && positionsDoc && wants('5')) {
      const target = { path: positionsTyping.path, docId: positionsDoc.id };
      positions.recompute = await attempt(`positions: main's incremental recompute, ${RECOMPUTE_UPDATES} typed updates`, () =>
        measureIncrementalRecompute(target, join(work, 'positions-recompute.chancery'), { updates: RECOMPUTE_UPDATES, fullRuns: RUNS }),
      );
      positions.keys = await attempt(`positions: keystroke → paint, ${KEYS} keys per editor, app and bare editor`, () =>
        measureKeystrokeLatency(work, { ...target, clauses: positionsDoc.clauses }, { keys: KEYS, warmup: WARMUP_KEYS }),
      );
      positions.meter = await attempt(`positions: keystroke → agreement meter, ${METER_KEYS} agreed clauses`, () =>
        measureMeterLatency(work, { path: positionsTyping.path, clauses: positionsDoc.clauses }, { samples: METER_KEYS }),
      );
    }

    // ---- 6. live co-editing --------------------------------------------------------------
    const live: LiveResults = {};
    if (wants('6')) {
      live.remote = await attempt(`live: key in A → painted in B through the relay, ${LIVE.remoteKeys} keys, two app instances and two bare editors`, () =>
        measureRemoteLatency(work, { keys: LIVE.remoteKeys, warmup: WARMUP_KEYS }),
      );
      const loadDir = join(work, 'live-load');
      const load = await attempt(`live: making ${LIVE.workspaces} convened workspaces for the fan-out load`, () => {
        mkdirSync(loadDir, { recursive: true });
        return loadWorkspaces(loadDir, LIVE.workspaces);
      });
      if (load) {
        const opts = { intervalMs: LIVE.intervalMs, durationMs: LIVE.durationMs };
        live.fanOut = { workspaces: LIVE.workspaces, ...opts, keySeed: load.keySeed };
        for (const kind of ['chancery', 'plain'] as const) {
          live.fanOut[kind] = await attempt(`live: fan-out and memory, ${kind === 'chancery' ? 'Chancery relay' : 'plain Hocuspocus Server'}, ${LIVE.workspaces} workspaces × 3 clients for ${LIVE.durationMs / 1000} s`, () =>
            measureFanOut(kind, load, join(loadDir, `${kind}-data`), opts),
          );
        }
      }
      live.merge = await attempt(`live: merging ${LIVE.ops} offline operations, on reconnect and with chancery merge`, () =>
        measureOfflineMerge(work, { ops: LIVE.ops, runs: 3 }),
      );
    }

    // ---- 7. export and compare (in Node) -------------------------------------------------
    let exportCost: ExportCost | undefined;
    if (wants('7')) {
      const exportLarge = await attempt('generating the 5-document, 2,000-clause, 150k-word workspace with four signed positions per clause', () =>
        writeExportWorkspace(join(work, 'export-2000-clauses.chancery')),
      );
      exportCost = await measureExportCost(work, { sample: sample ? samplePath : undefined, large: exportLarge?.path }, { runs: EXPORT_RUNS, pdfRuns: PDF_RUNS, compareRuns: COMPARE_RUNS, progress, attempt });
    }

    const typedSize: FileSize | undefined =
      keys && typing && wants('3') ? await attempt('file size: typing document after the app closed', () => measureFileSize(typing.path)) : undefined;

    // ---- the table ------------------------------------------------------------------------
    const describe = (t: ReturnType<typeof openTarget> | undefined, docs: number, clauses: number) =>
      t ? `${docs} docs, ${thousands(clauses)} clauses; 1st doc ${t.firstDocClauses} clauses, ${thousands(t.words)} words` : '';
    const sampleClauses = sample ? countClauses(samplePath) : 0;
    const largeClauses = large ? large.documents.reduce((n, d) => n + d.clauses, 0) : 0;
    /** Row letters: open, then launch, per workspace. */
    const LETTERS = { sample: ['a', 'c'], generated: ['b', 'd'], positions: ['e', 'f'] } as const;
    const positionsClauses = positionsLarge ? positionsLarge.documents.reduce((n, d) => n + d.clauses, 0) : 0;
    for (const o of open) {
      const what =
        o.label === 'sample'
          ? `sample (${describe(o.target, sample ? documentIds(samplePath).length : 0, sampleClauses)})`
          : o.label === 'generated'
            ? `generated (${describe(o.target, large ? large.documents.length : 0, largeClauses)})`
            : `generated, 4 signed positions per clause (${thousands(positionsLarge?.stats.records ?? 0)} records; ${describe(o.target, positionsLarge ? positionsLarge.documents.length : 0, positionsClauses)})`;
      rows.push({
        measure: `1${LETTERS[o.label][0]}. Open → editable 1st doc, ${what}, median of ${RUNS}`,
        app: o.result ? ms(o.result.medianMs) : NA,
        baseline: o.result ? `${ms(o.result.bareMedianMs)} bare y-prosemirror, same doc, median of ${o.result.bareRuns.length}` : NA,
        ratio: o.result ? ratio(o.result.medianMs, o.result.bareMedianMs) : NA,
        target: o.target500 ? '≤ 500 ms; ≤ 1.5× bare' : '≤ 1.5× bare',
      });
    }
    for (const o of open) {
      rows.push({
        measure: `1${LETTERS[o.label][1]}. Launch → editable 1st doc (info), ${o.label}, median of ${LAUNCH_RUNS}`,
        app: o.result ? ms(o.result.launchMedianMs) : NA,
        baseline: '—',
        ratio: '—',
        target: '—',
      });
    }
    const typingWhat = typingDoc ? `${thousands(typingDoc.words)}-word doc, ${typingDoc.clauses} clauses, ${KEYS} keys` : '';
    for (const [label, q, target] of [
      ['p50', 0.5, '— (bare ≈ 13–16 ms here)'],
      ['p95', 0.95, '≤ 1.1× bare'],
    ] as const) {
      const a = keys ? quantile(keys.app, q) : NaN;
      const b = keys ? quantile(keys.bare, q) : NaN;
      rows.push({
        measure: `2. Keystroke → paint ${label}, ${typingWhat}`,
        app: ms(a, 1),
        baseline: keys ? `${ms(b, 1)} bare y-prosemirror` : NA,
        ratio: ratio(a, b),
        target,
      });
    }
    for (const [id, label, size] of [
      ['3a', 'sample, as created', sampleSize],
      ['3b', 'generated, as created', largeSize],
      ['3c', `typing doc after ${KEYS + WARMUP_KEYS} keys in the app, closed`, typedSize],
    ] as const) {
      rows.push({
        measure: `${id}. Workspace file vs plain text, ${label}`,
        app: size ? bytes(size.fileBytes) : NA,
        baseline: size ? `${bytes(size.plainTextBytes)} UTF-8 text` : NA,
        ratio: size ? ratio(size.fileBytes, size.plainTextBytes) : NA,
        target: '≤ 3×',
      });
    }
    rows.push(...validationRows(validation, typingDoc));
    rows.push(...positionsRows(positions, KEYS));
    if (wants('6')) rows.push(...liveRows(live, LIVE));
    if (wants('7')) rows.push(...exportRows(exportCost));
    // A row not measured in this run (CHANCERY_BENCH_ONLY) is left out rather than shown as n/a.
    if (ONLY?.length) rows.splice(0, rows.length, ...rows.filter((row) => wants(/^\d+/u.exec(row.measure)?.[0] ?? '')));

    // ---- notes: where the figures come from ----------------------------------------------
    for (const o of open) {
      if (!o.result || !o.target) continue;
      const r = o.result;
      const step = (k: 'reply' | 'sidebar' | 'editorDom' | 'painted') => ms(median(r.runs.map((x) => x[k] ?? NaN)));
      const bare = (k: 'fetched' | 'mounted' | 'editorDom' | 'painted') => ms(median(r.bareRuns.map((x) => x[k])));
      notes.push(
        `Open (${o.label}), medians from the workspace.open call: reply ${step('reply')}, sidebar listed ${step('sidebar')}, ` +
          `editor DOM with all clauses ${step('editorDom')}, painted ${step('painted')}. Runs: ${r.runs.map((x) => x.painted.toFixed(0)).join(', ')} ms. ` +
          `Launches: ${r.launchRuns.map((x) => x.toFixed(0)).join(', ')} ms${r.lateLaunchProbes ? ` (${r.lateLaunchProbes} with the probe attached after the sidebar showed)` : ''}. ` +
          `Bare editor (same doc, same Chromium; a loaded page that mounted the sample's first doc once, as the app did → fetch the state read from a copy of the file → Y.Doc → ` +
          `initProseMirrorDoc + EditorView with ySyncPlugin, as the app mounts → every clause in the DOM → painted), medians: ` +
          `state fetched ${bare('fetched')} (of which the server's read from the file ${ms(median(r.bareServerRuns))}), view built ${bare('mounted')}, DOM ${bare('editorDom')}, painted ${bare('painted')}; runs ${r.bareRuns.map((x) => x.painted.toFixed(0)).join(', ')} ms. ` +
          `Between click and editor: main's openDoc work in Node (load + check + encode) ${r.mainOpenDocRuns.map((x) => x.toFixed(0)).join(', ')} ms, ` +
          `openDoc round trip from the page with the doc loaded (encode + harness transfer) ${ms(median(r.roundTripRuns), 1)}. ` +
          `Plain Yjs load in Node (for information): median ${ms(r.baselineMedianMs, 1)} of ${r.baselineRuns.length}, range ${Math.min(...r.baselineRuns).toFixed(1)}–${Math.max(...r.baselineRuns).toFixed(1)} ms. ` +
          `First doc state (openDoc payload): ${bytes(o.target.stateBytes)}.`,
      );
    }
    if (keys) {
      notes.push(
        `Keystrokes: ${keys.keysPerEditor} measured per editor after ${keys.warmupKeys} warm-up, typed in alternating blocks (bare, app, bare, app) ` +
          `at the end of the middle clause; viewport ${keys.viewport.width}×${keys.viewport.height} for both; max app ${ms(Math.max(...keys.app), 1)}, ` +
          `bare ${ms(Math.max(...keys.bare), 1)}; p-values by linear interpolation.`,
      );
    }
    if (validation) notes.push(validationNote(validation));
    const positionsText = positionsNote(positions);
    if (positionsText) notes.push(positionsText);
    const liveText = wants('6') ? liveNote(live) : '';
    if (liveText) notes.push(liveText);
    if (exportCost) notes.push(exportNote(exportCost));
    if (sampleSize && largeSize && typedSize) {
      notes.push(
        `Stored Yjs update rows after close (one per doc incl. the manifest = compacted): sample ${sampleSize.rows}, generated ${largeSize.rows}, typing doc ${typedSize.rows}.`,
      );
    }
  } finally {
    if (process.env.CHANCERY_BENCH_KEEP) progress(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }

  const out = [
    'Chancery benchmarks (harness mode: built main in Node on the electron double, windows in headless Chromium)',
    '',
    renderTable(rows),
    '',
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}; Chromium ${chromium || 'unknown'} (/usr/bin/chromium, headless)`,
    `Date: ${machine.date}; commit ${machine.commit}; load average (1 min) ${loadAtStart} at start, ${loadAverage()} at end`,
    'Reproduce: npm run bench   (= npm run build && npx tsx e2e/bench/run.ts)',
    '',
    ...notes.map((n) => `- ${n}`),
    '- Harness mode: main runs in Node (the electron double is TypeScript loaded through tsx, which the launch figures include), and IPC ' +
      'byte arrays cross as base64 in JSON over CDP instead of structured clone; the open figures include that transfer.',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (failures.length) {
    process.stderr.write(`\nbench: ${failures.length} measurement(s) could not be taken:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
    return 1;
  }
  return 0;
}

function countClauses(path: string): number {
  return documentIds(path).reduce((n, id) => n + documentStats(documentNode(plainYjsLoad(path, id))).clauses, 0);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
