import { mkdirSync } from 'node:fs';
import { _electron, test as base, type ElectronApplication, type Page, type TestInfo } from '@playwright/test';
import {
  CLOSE_TIMEOUT_MS,
  collect,
  START_TIMEOUT_MS,
  withTimeout,
  type AppMode,
  type ChanceryApp,
  type LaunchOptions,
  type ManagedApp,
} from './chancery-app';
import { HarnessApp } from './harness-app';
import { assertBuilt, ELECTRON_MISSING, electronBinary, MAIN_SCRIPT, ROOT } from './paths';

export type { AppMode, ChanceryApp, LaunchOptions } from './chancery-app';

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
  if (!opts.firstRun) mkdirSync(userDataDir, { recursive: true });
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
