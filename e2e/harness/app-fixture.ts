import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  _electron,
  chromium,
  test as base,
  type Browser,
  type ElectronApplication,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { pageForTarget } from './electron-double/chromium';
import type { ChildMessage, ParentMessage } from './electron-double/protocol';
import { assertBuilt, DOUBLE_REGISTER, ELECTRON_MISSING, electronBinary, MAIN_SCRIPT, ROOT } from './paths';

export type AppMode = 'electron' | 'harness';

/** A running Chancery, the same in both modes. */
export interface ChanceryApp {
  mode: AppMode;
  /** The first window's page, after its DOMContentLoaded on the app's document. */
  firstWindow(): Promise<Page>;
  /**
   * The next window main opens after the first (a second instance, a file association): the
   * first call gives the app's second window, the next call its third, and so on, in the order
   * main created them — including windows opened before the call. Resolves after the window's
   * DOMContentLoaded on the app's document; rejects if none appears within the start timeout.
   */
  nextWindow(): Promise<Page>;
  /** Runs `fn(electron, arg)` in the main process (harness: the double's module object). */
  evaluateMain<R, A>(fn: (electron: typeof import('electron'), arg: A) => R | Promise<R>, arg: A): Promise<R>;
  mainPid(): number;
  /** Graceful: app.quit(), then wait for the process to exit. */
  close(): Promise<void>;
  /** SIGKILL main (and in harness mode the browser too), like a crash. */
  kill(): Promise<void>;
}

export interface LaunchOptions {
  /** Extra command-line arguments after the main script (e.g. a workspace path). */
  args?: string[];
  /** Defaults to the test's own userDataDir. */
  userDataDir?: string;
}

const START_TIMEOUT_MS = 45_000;
const CLOSE_TIMEOUT_MS = 20_000;

/** What every launched app keeps for diagnostics and teardown. */
interface ManagedApp extends ChanceryApp {
  readonly exited: boolean;
  windows(): Page[];
  log(): string;
}

function collect(stream: Readable | null | undefined, into: string[], prefix: string): void {
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    into.push(chunk);
    if (process.env.CHANCERY_E2E_DEBUG) process.stderr.write(`${prefix}${chunk}`);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} (after ${ms} ms)`)), ms);
    }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// chromium-harness mode

class HarnessApp implements ManagedApp {
  readonly mode = 'harness' as const;
  private readonly child: ChildProcess;
  private readonly output: string[] = [];
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private exitCode: number | null | undefined = undefined;
  private readonly exitPromise: Promise<void>;
  private browserInfo: { wsEndpoint: string; browserPid: number; origin: string } | null = null;
  private browser: Browser | null = null;
  private readonly browserPromise: Promise<Browser>;
  /** CDP target ids of main's windows, in the order main created them. */
  private readonly windowTargets: string[] = [];
  /** Targets that have fired DOMContentLoaded on an app document. */
  private readonly domReadyTargets = new Set<string>();
  /** Re-checked whenever the double reports a window or a window's DOMContentLoaded. */
  private readonly windowWatchers = new Set<() => void>();
  private readonly pages: Page[] = [];
  /** `windowAt(i)`, memoised: the same Page for the same window. */
  private readonly windowPromises: Promise<Page>[] = [];
  private nextWindowIndex = 1;

  constructor(args: string[], userDataDir: string) {
    this.child = fork(MAIN_SCRIPT, args, {
      cwd: ROOT,
      execArgv: ['--import', 'tsx', '--require', DOUBLE_REGISTER],
      env: { ...process.env, CHANCERY_USER_DATA_DIR: userDataDir },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    collect(this.child.stdout, this.output, '[main] ');
    collect(this.child.stderr, this.output, '[main!] ');
    this.exitPromise = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : 0);
        this.output.push(`\n[harness] main exited (code ${String(code)}, signal ${String(signal)})\n`);
        for (const p of this.pending.values()) p.reject(new Error(`main exited before answering:\n${this.log()}`));
        this.pending.clear();
        resolve();
      });
    });
    let resolveBrowser!: (v: { wsEndpoint: string; browserPid: number; origin: string }) => void;
    const browserMessage = new Promise<{ wsEndpoint: string; browserPid: number; origin: string }>((r) => {
      resolveBrowser = r;
    });
    this.child.on('message', (raw: unknown) => {
      const msg = raw as ChildMessage;
      switch (msg.t) {
        case 'browser':
          this.browserInfo = msg;
          resolveBrowser(msg);
          break;
        case 'window':
          this.windowTargets.push(msg.targetId);
          this.notifyWindowWatchers();
          break;
        case 'window-dom-ready':
          this.domReadyTargets.add(msg.targetId);
          this.notifyWindowWatchers();
          break;
        case 'window-closed':
          break;
        case 'eval-result': {
          const p = this.pending.get(msg.seq);
          this.pending.delete(msg.seq);
          if (!p) break;
          if (msg.ok) p.resolve(msg.value);
          else p.reject(new Error(`evaluateMain failed in main:\n${msg.error}`));
          break;
        }
      }
    });
    this.browserPromise = this.untilExit(browserMessage, 'the harness browser to start').then(async (info) => {
      this.browser = await chromium.connectOverCDP(info.wsEndpoint);
      return this.browser;
    });
    this.browserPromise.catch(() => {});
  }

  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  log(): string {
    return this.output.join('');
  }

  windows(): Page[] {
    return this.pages.filter((p) => !p.isClosed());
  }

  /** `promise`, or a rejection carrying main's output if main exits or it takes too long. */
  private untilExit<T>(promise: Promise<T>, what: string): Promise<T> {
    return withTimeout(
      Promise.race([
        promise,
        this.exitPromise.then(() => {
          throw new Error(`main exited while waiting for ${what}. Output:\n${this.log()}`);
        }),
      ]),
      START_TIMEOUT_MS,
      `Timed out waiting for ${what}. Main's output so far:\n${this.log()}`,
    );
  }

  private notifyWindowWatchers(): void {
    for (const watcher of [...this.windowWatchers]) watcher();
  }

  /** The target id of main's `index`-th window (0-based) once it has loaded an app document. */
  private loadedTarget(index: number): Promise<string> {
    return new Promise((resolve) => {
      const check = () => {
        const targetId = this.windowTargets[index];
        if (targetId === undefined || !this.domReadyTargets.has(targetId)) return;
        this.windowWatchers.delete(check);
        resolve(targetId);
      };
      this.windowWatchers.add(check);
      check();
    });
  }

  private windowAt(index: number, what: string): Promise<Page> {
    this.windowPromises[index] ??= (async () => {
      const browser = await this.browserPromise;
      const targetId = await this.untilExit(this.loadedTarget(index), what);
      const context = browser.contexts()[0];
      if (!context) throw new Error('the harness browser has no default context');
      const page = await pageForTarget(context, targetId);
      // JavaScript dialogs are the double's to answer, as Electron would (a beforeunload that
      // prevents unloading cancels the close). Without a listener this connection would answer
      // them first, and accept a beforeunload.
      page.on('dialog', () => {});
      const origin = this.browserInfo?.origin ?? '';
      await page.waitForURL((u) => u.origin === origin, { waitUntil: 'domcontentloaded' });
      this.pages.push(page);
      return page;
    })();
    return this.windowPromises[index];
  }

  firstWindow(): Promise<Page> {
    return this.windowAt(0, 'the first window to load');
  }

  nextWindow(): Promise<Page> {
    const index = this.nextWindowIndex++;
    return this.windowAt(index, `window ${index + 1} to load`);
  }

  evaluateMain<R, A>(fn: (electron: typeof import('electron'), arg: A) => R | Promise<R>, arg: A): Promise<R> {
    if (this.exited) return Promise.reject(new Error('main is not running'));
    const seq = ++this.seq;
    const result = new Promise<unknown>((resolve, reject) => this.pending.set(seq, { resolve, reject }));
    const msg: ParentMessage = { t: 'eval', seq, source: fn.toString(), arg };
    try {
      this.child.send(msg);
    } catch (err) {
      this.pending.delete(seq);
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return result as Promise<R>;
  }

  mainPid(): number {
    if (this.child.pid === undefined) throw new Error('main has no pid');
    return this.child.pid;
  }

  async close(): Promise<void> {
    if (!this.exited) {
      this.evaluateMain(({ app }) => {
        app.quit();
      }, null).catch(() => {});
      try {
        await withTimeout(this.exitPromise, CLOSE_TIMEOUT_MS, 'main did not exit after app.quit()');
      } catch (err) {
        await this.kill();
        throw err;
      }
    }
    await this.browser?.close().catch(() => {});
  }

  async kill(): Promise<void> {
    if (!this.exited) this.child.kill('SIGKILL');
    if (this.browserInfo) {
      try {
        process.kill(this.browserInfo.browserPid, 'SIGKILL');
      } catch {
        /* gone already */
      }
    }
    await this.exitPromise;
    await this.browser?.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// electron mode

class ElectronApp implements ManagedApp {
  readonly mode = 'electron' as const;
  private readonly output: string[] = [];
  private closed = false;
  private readonly closePromise: Promise<void>;
  /** Every window the app opened, in order (closed ones stay, so indexes never shift). */
  private readonly seen: Page[] = [];
  private readonly windowPromises: Promise<Page>[] = [];
  private nextWindowIndex = 1;

  constructor(private readonly app: ElectronApplication) {
    collect(app.process().stdout, this.output, '[main] ');
    collect(app.process().stderr, this.output, '[main!] ');
    for (const page of app.windows()) this.seen.push(page);
    app.on('window', (page) => {
      if (!this.seen.includes(page)) this.seen.push(page);
    });
    this.closePromise = new Promise((resolve) =>
      app.once('close', () => {
        this.closed = true;
        resolve();
      }),
    );
  }

  static async launch(binary: string, args: string[], userDataDir: string): Promise<ElectronApp> {
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const app = await _electron.launch({
      executablePath: binary,
      args: [...(asRoot ? ['--no-sandbox'] : []), MAIN_SCRIPT, ...args],
      cwd: ROOT,
      env: { ...process.env, CHANCERY_USER_DATA_DIR: userDataDir } as Record<string, string>,
      timeout: START_TIMEOUT_MS,
    });
    return new ElectronApp(app);
  }

  get exited(): boolean {
    return this.closed;
  }

  log(): string {
    return this.output.join('');
  }

  windows(): Page[] {
    return this.closed ? [] : this.app.windows();
  }

  private windowAt(index: number): Promise<Page> {
    this.windowPromises[index] ??= (async () => {
      const deadline = Date.now() + START_TIMEOUT_MS;
      // The 'window' listener installed in the constructor runs before waitForEvent's own, so
      // `seen` already holds the window when waitForEvent resolves; no event can slip between
      // the check and the wait (both happen in one turn).
      while (this.seen.length <= index) {
        if (this.closed) throw new Error(`Electron exited before opening window ${index + 1}:\n${this.log()}`);
        await this.app.waitForEvent('window', { timeout: Math.max(1, deadline - Date.now()) });
      }
      const page = this.seen[index]!;
      await page.waitForURL((u) => u.protocol === 'app:', { waitUntil: 'domcontentloaded' });
      return page;
    })();
    return this.windowPromises[index];
  }

  firstWindow(): Promise<Page> {
    return this.windowAt(0);
  }

  nextWindow(): Promise<Page> {
    return this.windowAt(this.nextWindowIndex++);
  }

  evaluateMain<R, A>(fn: (electron: typeof import('electron'), arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // Playwright types the argument as Unboxed<A>; for the plain data specs pass that is A itself.
    return this.app.evaluate(fn as (electron: typeof import('electron'), arg: unknown) => R | Promise<R>, arg);
  }

  mainPid(): number {
    const pid = this.app.process().pid;
    if (pid === undefined) throw new Error('main has no pid');
    return pid;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await withTimeout(this.app.close(), CLOSE_TIMEOUT_MS, 'Electron did not exit after app.quit()');
    } catch (err) {
      await this.kill();
      throw err;
    }
  }

  async kill(): Promise<void> {
    if (!this.closed) this.app.process().kill('SIGKILL');
    await this.closePromise;
  }
}

// ---------------------------------------------------------------------------------------------
// the Playwright fixtures

async function launch(mode: AppMode, opts: LaunchOptions, defaultUserDataDir: string): Promise<ManagedApp> {
  assertBuilt();
  const userDataDir = opts.userDataDir ?? defaultUserDataDir;
  mkdirSync(userDataDir, { recursive: true });
  const args = opts.args ?? [];
  if (mode === 'electron') {
    const binary = electronBinary();
    if (!binary) throw new Error(ELECTRON_MISSING);
    return ElectronApp.launch(binary, args, userDataDir);
  }
  return new HarnessApp(args, userDataDir);
}

/** Screenshots of every open window and main's output, attached to a failed test. */
async function attachDiagnostics(app: ManagedApp, index: number, testInfo: TestInfo): Promise<void> {
  for (const [w, page] of app.windows().entries()) {
    const path = testInfo.outputPath(`app${index}-window${w}.png`);
    try {
      await page.screenshot({ path, timeout: 5_000 });
      await testInfo.attach(`app${index}-window${w}`, { path, contentType: 'image/png' });
    } catch {
      /* the window went away */
    }
  }
  await testInfo.attach(`app${index}-main-output`, { body: app.log() || '(no output)', contentType: 'text/plain' });
}

export const test = base.extend<
  {
    launchApp: (opts?: LaunchOptions) => Promise<ChanceryApp>;
    userDataDir: string;
    appMode: AppMode;
    skipWithoutElectron: void;
  }
>({
  appMode: ['harness', { option: true }],

  skipWithoutElectron: [
    async ({ appMode }, use, testInfo) => {
      testInfo.skip(appMode === 'electron' && electronBinary() === null, ELECTRON_MISSING);
      await use();
    },
    { auto: true },
  ],

  userDataDir: async ({}, use, testInfo) => {
    const dir = testInfo.outputPath('user-data');
    mkdirSync(dir, { recursive: true });
    await use(dir);
  },

  launchApp: async ({ appMode, userDataDir }, use, testInfo) => {
    const apps: ManagedApp[] = [];
    await use(async (opts: LaunchOptions = {}) => {
      const app = await launch(appMode, opts, userDataDir);
      apps.push(app);
      return app;
    });
    const failed = testInfo.status !== testInfo.expectedStatus;
    for (const [i, app] of apps.entries()) {
      if (failed) await attachDiagnostics(app, i, testInfo).catch(() => {});
      await app.close().catch(async () => {
        await app.kill().catch(() => {});
      });
    }
  },
});

export { expect } from '@playwright/test';
