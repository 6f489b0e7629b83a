/**
 * Starts the built app in the Chromium harness for a benchmark, outside the Playwright test
 * runner: the same launch as e2e/harness/app-fixture.ts (built main on the electron double, in
 * Node with tsx; windows are pages of Debian's Chromium), without the test fixtures around it.
 * The fixture's HarnessApp is not exported, so the few lines of launching are repeated here.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { pageForTarget } from '../harness/electron-double/chromium';
import type { ChildMessage, ParentMessage } from '../harness/electron-double/protocol';
import { assertBuilt, DOUBLE_REGISTER, MAIN_SCRIPT, ROOT } from '../harness/paths';

const START_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 30_000;

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

function timeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(what())), ms);
    }),
  ]);
}

export async function launchApp(opts: { args?: string[]; userDataDir: string }): Promise<BenchApp> {
  assertBuilt();
  mkdirSync(opts.userDataDir, { recursive: true });
  const output: string[] = [];
  const log = () => output.join('');
  const launchedAt = performance.timeOrigin + performance.now();
  const child: ChildProcess = fork(MAIN_SCRIPT, opts.args ?? [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', '--require', DOUBLE_REGISTER],
    env: { ...process.env, CHANCERY_USER_DATA_DIR: opts.userDataDir },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output.push(chunk);
      if (process.env.CHANCERY_BENCH_DEBUG) process.stderr.write(`[main] ${chunk}`);
    });
  }

  let browserPid: number | undefined;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      output.push(`\n[bench] main exited (code ${String(code)}, signal ${String(signal)})\n`);
      resolve();
    }),
  );
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let onBrowser!: (m: { wsEndpoint: string; browserPid: number }) => void;
  const browserMsg = new Promise<{ wsEndpoint: string; browserPid: number }>((r) => (onBrowser = r));
  let onDom!: (targetId: string) => void;
  const domReady = new Promise<string>((r) => (onDom = r));
  let origin = '';
  child.on('message', (raw: unknown) => {
    const msg = raw as ChildMessage;
    if (msg.t === 'browser') {
      origin = msg.origin;
      browserPid = msg.browserPid;
      onBrowser(msg);
    } else if (msg.t === 'window-dom-ready') {
      onDom(msg.targetId);
    } else if (msg.t === 'eval-result') {
      const p = pending.get(msg.seq);
      pending.delete(msg.seq);
      if (msg.ok) p?.resolve(msg.value);
      else p?.reject(new Error(`evaluateMain failed in main:\n${msg.error}`));
    }
  });
  exit.then(() => {
    for (const p of pending.values()) p.reject(new Error(`main exited:\n${log()}`));
    pending.clear();
  });

  const kill = async () => {
    if (!exited) child.kill('SIGKILL');
    if (browserPid !== undefined) {
      try {
        process.kill(browserPid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await exit;
  };
  const untilExit = <T>(p: Promise<T>, what: string) =>
    timeout(
      Promise.race([p, exit.then(() => Promise.reject(new Error(`main exited while waiting for ${what}:\n${log()}`)))]),
      START_TIMEOUT_MS,
      () => `timed out waiting for ${what}; main's output:\n${log()}`,
    );

  try {
    const info = await untilExit(browserMsg, 'the harness browser');
    const browser = await chromium.connectOverCDP(info.wsEndpoint);
    const targetId = await untilExit(domReady, 'the first window');
    const context = browser.contexts()[0];
    if (!context) throw new Error('the harness browser has no default context');
    const page = await pageForTarget(context, targetId);
    await page.waitForURL((u) => u.origin === origin, { waitUntil: 'domcontentloaded' });

    const evaluateMain = <R>(source: string, arg: unknown = null): Promise<R> => {
      if (exited) return Promise.reject(new Error('main is not running'));
      const n = ++seq;
      const result = new Promise<unknown>((resolve, reject) => pending.set(n, { resolve, reject }));
      const msg: ParentMessage = { t: 'eval', seq: n, source, arg };
      child.send(msg);
      return result as Promise<R>;
    };
    const close = async () => {
      if (!exited) {
        evaluateMain('({ app }) => { app.quit(); }').catch(() => {});
        try {
          await timeout(exit, CLOSE_TIMEOUT_MS, () => `main did not exit after app.quit():\n${log()}`);
        } catch (err) {
          await kill();
          throw err;
        }
      }
      await browser.close().catch(() => {});
    };
    return { launchedAt, browser, page, evaluateMain, close, kill, log };
  } catch (err) {
    await kill();
    throw err;
  }
}
