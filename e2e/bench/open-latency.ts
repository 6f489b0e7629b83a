/**
 * Row 1: open a workspace to an editable first document.
 *
 * App: for each run a fresh app (fresh user-data dir: first start shows the sample, which is
 * closed through "Close negotiation" so the window is on the welcome screen with no editor ever
 * built), then, timed in the page, `window.chancery.openWorkspace(path)` → the sidebar lists the
 * documents → click the first one → its editor is contenteditable with every clause numbered →
 * that frame painted. The app does not open a document by itself, so the click is included.
 *
 * Also, for information: process launch (fork of main) → the same painted editor, with the
 * workspace given on the command line.
 *
 * Baseline: in this Node process, open the SQLite file with better-sqlite3 and apply the first
 * document's rows to a fresh Y.Doc.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { launchApp } from './harness-app';
import { openFirstDocument, type OpenTimes } from './page-probes';
import { median, timeEach } from './stats';
import { plainYjsLoad } from './workspace-file';

const BASELINE_REPETITIONS = 25;

export interface OpenLatency {
  runs: OpenTimes[];
  /** Median of `painted` over the runs: the figure. */
  medianMs: number;
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

async function appOpenRun(workDir: string, target: OpenTarget): Promise<{ times: OpenTimes; chromium: string }> {
  const app = await launchApp({ userDataDir: mkdtempSync(join(workDir, 'user-data-')) });
  try {
    const { page } = app;
    // First start opens the sample; leave it for the welcome screen.
    const closeButton = page.getByRole('button', { name: 'Close negotiation' });
    await closeButton.waitFor({ timeout: 30_000 });
    await closeButton.click();
    await page.getByRole('heading', { level: 1, name: 'Chancery', exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('list', { name: 'Recent negotiations' }).waitFor({ timeout: 30_000 });
    // Let the closed workspace's teardown (replica closes, main's compaction) finish first.
    await page.waitForTimeout(500);
    const times = await openFirstDocument(page, target.path, target.firstDocClauses);
    return { times, chromium: app.browser.version() };
  } finally {
    await app.close().catch(async () => app.kill());
  }
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
  opts: { runs: number; launchRuns: number },
): Promise<OpenLatency> {
  const runs: OpenTimes[] = [];
  let chromiumVersion = '';
  for (let k = 0; k < opts.runs; k++) {
    const { times, chromium } = await appOpenRun(workDir, target);
    runs.push(times);
    chromiumVersion = chromium;
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
  return {
    runs,
    medianMs: median(runs.map((r) => r.painted)),
    baselineRuns,
    baselineMedianMs: median(baselineRuns),
    launchRuns: launches,
    launchMedianMs: launches.length ? median(launches) : NaN,
    lateLaunchProbes: late,
    chromiumVersion,
  };
}
