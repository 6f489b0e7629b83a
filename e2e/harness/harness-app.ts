/**
 * chromium-harness mode: the built main process forked under Node with the electron double
 * (register.cjs), its windows found as pages of the harness's Chromium over CDP. Used by the
 * Playwright fixture and by the bench, so both launch the app the same way.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { pageForTarget } from './electron-double/chromium';
import type { ChildMessage, ParentMessage } from './electron-double/protocol';
import { DOUBLE_REGISTER, MAIN_SCRIPT, ROOT } from './paths';
import { CLOSE_TIMEOUT_MS, collect, START_TIMEOUT_MS, withTimeout, type ManagedApp } from './chancery-app';


export class HarnessApp implements ManagedApp {
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

  /** Epoch milliseconds (timeOrigin + now) just before main was forked; the bench times from it. */
  readonly launchedAt = performance.timeOrigin + performance.now();

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

  /** The harness's Chromium, connected over CDP (for pages the bench opens beside the app). */
  connectedBrowser(): Promise<Browser> {
    return this.browserPromise;
  }

  evaluateMain<R, A>(fn: (electron: typeof import('electron'), arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return this.evaluateSource<R>(fn.toString(), arg);
  }

  /** evaluateMain with the function given as source text, `(electron, arg) => …`. */
  evaluateSource<R>(source: string, arg: unknown): Promise<R> {
    if (this.exited) return Promise.reject(new Error('main is not running'));
    const seq = ++this.seq;
    const result = new Promise<unknown>((resolve, reject) => this.pending.set(seq, { resolve, reject }));
    const msg: ParentMessage = { t: 'eval', seq, source, arg };
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

