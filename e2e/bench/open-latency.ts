/**
 * Row 1: open a workspace to an editable first document.
 *
 * App: for each run a fresh app (fresh user-data dir: first start opens the sample and shows its
 * first document; once that editor is up — waited for, so that every run starts alike — the
 * sample is closed through "Close negotiation", so the window is on the welcome screen, its editor
 * code having run once), then, timed in the page, `window.chancery.workspace.open(path)` → the
 * sidebar lists the documents → click the first one → its editor is contenteditable with every
 * clause numbered → that frame painted. The app opens the first document by itself (main names it
 * in the workspace.open reply and the window fetches it beside the manifest); the click on it in
 * the sidebar only selects the tab already opening, as a user's would.
 *
 * Also, for information: process launch (fork of main) → the same painted editor, with the
 * workspace given on the command line.
 *
 * Baseline, in the same run and the same Chromium: a bare y-prosemirror editor mounting the same
 * first document, timed from the same point (a loaded page, nothing mounted) to the same end (an
 * editable editor with every clause in the DOM, painted) — see bare-page.ts for the definition.
 * Each app run also takes one bare run, in a fresh context of that app's own browser, before or
 * after the app's open (alternating), so load drift and page order fall on both alike. The bare
 * page reads the state from a copy of the file taken before the first run: the app holds the
 * file locked while it is open.
 *
 * For information: in this Node process, open the SQLite file with better-sqlite3 and apply the
 * first document's rows to a fresh Y.Doc (the plain Yjs load, the row's former baseline); where
 * the app's time goes between the click and the editor: main's share of openDoc (a session on a
 * copy of the file: load with its whole-document check, encode), measured here in Node, and the
 * openDoc round trip from the page once main has the doc loaded (encode + the harness's transfer).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as Y from 'yjs';
import { WorkspaceSession } from '../../electron/headless/workspace/workspace-session';
import { buildBareEditor, serveBareEditor, type BareEditorServer } from './bare-editor-server';
import { bareOpenRun, type BareOpenTimes } from './bare-page';
import { launchApp, type BenchApp } from './harness-app';
import { openFirstDocument, type OpenTimes } from './page-probes';
import { median, timeEach } from './stats';
import { documentState, plainYjsLoad } from './workspace-file';

const BASELINE_REPETITIONS = 25;

export interface OpenLatency {
  runs: OpenTimes[];
  /** Median of `painted` over the runs: the figure. */
  medianMs: number;
  /** The bare y-prosemirror editor mounting the same document, one per app run, and the median of `painted`. */
  bareRuns: BareOpenTimes[];
  bareMedianMs: number;
  /** Of the bare fetch: the server's read of the state from the file copy (plain Yjs load + encode), each run. */
  bareServerRuns: number[];
  /** openDoc of the first document, in ms: main's work in Node (fresh session), and the page's round trip (doc loaded). */
  mainOpenDocRuns: number[];
  roundTripRuns: number[];
  /** Plain Yjs load of the first document, each run in ms, and their median. */
  baselineRuns: number[];
  baselineMedianMs: number;
  /** Launch → painted editable first document, each run, and the median (info). */
  launchRuns: number[];
  launchMedianMs: number;
  /** Runs in which the page probe attached after the sidebar had already rendered (click late). */
  lateLaunchProbes: number;
  chromiumVersion: string;
}

export interface OpenTarget {
  path: string;
  firstDocId: string;
  /** Top-level clauses of the first document (what "showing its clauses" waits for). */
  firstDocClauses: number;
}

async function appOpenRun(
  workDir: string,
  target: OpenTarget,
  bare: { server: BareEditorServer; first: boolean },
): Promise<{ times: OpenTimes; bare: BareOpenTimes; roundTrips: number[]; chromium: string }> {
  const app = await launchApp({ userDataDir: mkdtempSync(join(workDir, 'user-data-')) });
  try {
    const { page } = app;
    // First start opens the sample and shows its first document; once it is up, leave it for the
    // welcome screen (the bare baseline mounts and unmounts that document once too: bare-page.ts).
    const closeButton = page.getByRole('button', { name: 'Close negotiation' });
    await closeButton.waitFor({ timeout: 30_000 });
    await page.locator('.ProseMirror[contenteditable="true"]').first().waitFor({ timeout: 30_000 });
    await closeButton.click();
    await page.getByRole('heading', { level: 1, name: 'Chancery', exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('list', { name: 'Recent negotiations' }).waitFor({ timeout: 30_000 });
    // Let the closed workspace's teardown (replica closes, main's compaction) finish first.
    await page.waitForTimeout(500);
    const bareFirst = bare.first ? await bareRun(app, bare.server, target) : null;
    const times = await openFirstDocument(page, target.path, target.firstDocClauses);
    // Main goes on checking the other documents' signatures once the first is editable; the bare
    // run waits until it is done (the package meter shows), so it runs on an idle machine as the
    // bare-first runs do. (A page opened while the harness's main is busy can also stall its load.)
    await page.getByRole('meter', { name: 'Package agreement', exact: true }).waitFor({ timeout: 60_000 });
    const bareTimes = bareFirst ?? (await bareRun(app, bare.server, target));
    // Where the app's time goes (a note): openDoc again, now that main has the doc loaded.
    const roundTrips = await page.evaluate(async ({ docId, n }) => {
      const api = (window as unknown as { chancery: { sync: { openDoc(id: string): Promise<{ ok: boolean }> } } }).chancery.sync;
      const out: number[] = [];
      for (let k = 0; k < n; k++) {
        const start = performance.now();
        const envelope = await api.openDoc(docId);
        if (!envelope.ok) throw new Error(`openDoc(${docId}) failed`);
        out.push(performance.now() - start);
      }
      return out;
    }, { docId: target.firstDocId, n: 3 });
    return { times, bare: bareTimes, roundTrips, chromium: app.browser.version() };
  } finally {
    await app.close().catch(async () => app.kill());
  }
}

/** Main's share of openDoc, on a fresh copy: a session opened (untimed), then getDoc (load + check) and encode. */
function mainOpenDoc(workDir: string, target: OpenTarget): number {
  const copy = join(workDir, `main-open-${basename(target.path)}`);
  copyFileSync(target.path, copy);
  const session = WorkspaceSession.open(copy);
  try {
    const start = performance.now();
    Y.encodeStateAsUpdate(session.getDoc(target.firstDocId));
    return performance.now() - start;
  } finally {
    session.close();
    rmSync(copy, { force: true });
  }
}

/** The bare run, then the app's window back in front and settled, as it was before. */
async function bareRun(app: BenchApp, server: BareEditorServer, target: OpenTarget): Promise<BareOpenTimes> {
  const times = await bareOpenRun(app, server.url, target.firstDocClauses);
  await app.page.bringToFront();
  await app.page.waitForTimeout(500);
  return times;
}

async function launchRun(workDir: string, target: OpenTarget): Promise<{ ms: number; late: boolean }> {
  const app = await launchApp({ userDataDir: mkdtempSync(join(workDir, 'user-data-')), args: [target.path] });
  try {
    const times = await openFirstDocument(app.page, null, target.firstDocClauses);
    return { ms: times.paintedEpoch - app.launchedAt, late: times.sidebarAlreadyShown };
  } finally {
    await app.close().catch(async () => app.kill());
  }
}

export async function measureOpenLatency(
  workDir: string,
  target: OpenTarget,
  /** warmState: the sample's first document, which the app showed on first start (see bare-page.ts). */
  opts: { runs: number; launchRuns: number; warmState: Uint8Array },
): Promise<OpenLatency> {
  const runs: OpenTimes[] = [];
  const bareRuns: BareOpenTimes[] = [];
  const roundTripRuns: number[] = [];
  let chromiumVersion = '';
  const copy = join(workDir, `bare-open-${basename(target.path)}`);
  copyFileSync(target.path, copy);
  const bareServerRuns: number[] = [];
  const server = await serveBareEditor(await buildBareEditor(), new Uint8Array(), {
    '/open.bin': () => {
      const start = performance.now();
      const state = documentState(copy, target.firstDocId);
      bareServerRuns.push(performance.now() - start);
      return state;
    },
    '/warm.bin': () => opts.warmState,
  });
  try {
    for (let k = 0; k < opts.runs; k++) {
      const { times, bare, roundTrips, chromium } = await appOpenRun(workDir, target, { server, first: k % 2 === 1 });
      runs.push(times);
      bareRuns.push(bare);
      roundTripRuns.push(...roundTrips);
      chromiumVersion = chromium;
    }
  } finally {
    await server.close();
  }
  const launches: number[] = [];
  let late = 0;
  for (let k = 0; k < opts.launchRuns; k++) {
    const { ms, late: wasLate } = await launchRun(workDir, target);
    launches.push(ms);
    if (wasLate) late += 1;
  }
  // The baseline after the app runs, so the file is as the app left it (closed, checkpointed).
  // It costs milliseconds, so it is repeated more often than the app runs: on a shared two-core
  // machine a single slow repetition would otherwise move the ratio. One unmeasured warm-up first.
  plainYjsLoad(target.path, target.firstDocId).destroy();
  const baselineRuns = timeEach(BASELINE_REPETITIONS, () => plainYjsLoad(target.path, target.firstDocId).destroy());
  const mainOpenDocRuns = Array.from({ length: opts.runs }, () => mainOpenDoc(workDir, target));
  return {
    runs,
    medianMs: median(runs.map((r) => r.painted)),
    bareRuns,
    bareMedianMs: median(bareRuns.map((r) => r.painted)),
    bareServerRuns,
    mainOpenDocRuns,
    roundTripRuns,
    baselineRuns,
    baselineMedianMs: median(baselineRuns),
    launchRuns: launches,
    launchMedianMs: launches.length ? median(launches) : NaN,
    lateLaunchProbes: late,
    chromiumVersion,
  };
}
