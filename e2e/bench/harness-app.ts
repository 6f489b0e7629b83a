/**
 * Starts the built app in the Chromium harness for a benchmark, outside the Playwright test
 * runner, with the same launcher the e2e fixture uses (e2e/harness/harness-app.ts).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { HarnessApp } from '../harness/harness-app';
import { assertBuilt } from '../harness/paths';

export interface BenchApp {
  /** Epoch milliseconds (performance.timeOrigin + now) just before the main process was forked. */
  launchedAt: number;
  browser: Browser;
  /** The first window, after DOMContentLoaded on the app's document. */
  page: Page;
  /** Runs `source` (a function's text, `(electron, arg) => …`) in main. */
  evaluateMain<R>(source: string, arg?: unknown): Promise<R>;
  /** app.quit() (main closes — compacts and checkpoints — its sessions), then waits for exit. */
  close(): Promise<void>;
  kill(): Promise<void>;
  log(): string;
}

export async function launchApp(opts: { args?: string[]; userDataDir: string }): Promise<BenchApp> {
  assertBuilt();
  mkdirSync(opts.userDataDir, { recursive: true });
  const app = new HarnessApp(opts.args ?? [], opts.userDataDir);
  try {
    const page = await app.firstWindow();
    const browser = await app.connectedBrowser();
    return {
      launchedAt: app.launchedAt,
      browser,
      page,
      evaluateMain: <R>(source: string, arg: unknown = null) => app.evaluateSource<R>(source, arg),
      close: () => app.close(),
      kill: () => app.kill(),
      log: () => app.log(),
    };
  } catch (err) {
    await app.kill();
    throw err;
  }
}
