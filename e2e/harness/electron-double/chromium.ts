import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

/** Debian's Chromium, launched by hand so its DevTools endpoint can be shared with the fixture. */
export interface ChromiumInstance {
  browser: Browser;
  /** The default context: Electron's `session.defaultSession`. */
  context: BrowserContext;
  browserSession: CDPSession;
  wsEndpoint: string;
  pid: number;
  process: ChildProcess;
  /** Last lines Chromium wrote to stderr, for error messages. */
  stderrTail(): string;
  /** SIGKILL Chromium and remove its profile; synchronous so it can run in an 'exit' handler. */
  killSync(): void;
}

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(opts: { executable: string; headed: boolean }): Promise<ChromiumInstance> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'chancery-chromium-'));
  const args = [
    ...(opts.headed ? [] : ['--headless']),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--password-store=basic',
    `--user-data-dir=${userDataDir}`,
    '--remote-debugging-port=0',
    'about:blank',
  ];
  // The Debian launcher script `exec`s the real binary, so the pid is Chromium's.
  const proc = spawn(opts.executable, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const tail: string[] = [];
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (chunk: string) => {
    tail.push(chunk);
    if (tail.length > 40) tail.shift();
  });
  let exited = false;
  proc.once('exit', () => {
    exited = true;
  });
  const stderrTail = () => tail.join('').split('\n').slice(-25).join('\n');
  const killSync = () => {
    if (!exited && proc.pid !== undefined) {
      try {
        process.kill(proc.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    try {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      /* Chromium may still be writing; the OS tmp cleaner gets it */
    }
  };

  try {
    const portFile = join(userDataDir, 'DevToolsActivePort');
    const deadline = Date.now() + 30_000;
    let wsEndpoint: string | null = null;
    while (wsEndpoint === null) {
      if (exited) throw new Error(`Chromium exited during startup:\n${stderrTail()}`);
      if (Date.now() > deadline) throw new Error(`Chromium did not open its DevTools port within 30 s:\n${stderrTail()}`);
      if (existsSync(portFile)) {
        const [port, path] = readFileSync(portFile, 'utf8').split('\n');
        if (port && path) wsEndpoint = `ws://127.0.0.1:${port.trim()}${path.trim()}`;
      }
      if (wsEndpoint === null) await new Promise((r) => setTimeout(r, 50));
    }
    const browser = await chromium.connectOverCDP(wsEndpoint);
    const context = browser.contexts()[0];
    if (!context) throw new Error('Chromium has no default browser context');
    const browserSession = await browser.newBrowserCDPSession();
    if (proc.pid === undefined) throw new Error('Chromium has no pid');
    return { browser, context, browserSession, wsEndpoint, pid: proc.pid, process: proc, stderrTail, killSync };
  } catch (err) {
    killSync();
    throw err;
  }
}

const targetIds = new WeakMap<Page, Promise<string>>();

/** The CDP target id of a page (stable across both CDP clients). */
export function targetIdOf(page: Page): Promise<string> {
  let id = targetIds.get(page);
  if (!id) {
    id = (async () => {
      const session = await page.context().newCDPSession(page);
      try {
        const { targetInfo } = (await session.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } };
        return targetInfo.targetId;
      } finally {
        await session.detach().catch(() => {});
      }
    })();
    targetIds.set(page, id);
  }
  return id;
}

/** Waits until `context` knows the page with `targetId`. */
export async function pageForTarget(context: BrowserContext, targetId: string, timeoutMs = 15_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const page of context.pages()) {
      if (page.isClosed()) continue;
      const id = await targetIdOf(page).catch(() => null);
      if (id === targetId) return page;
    }
    if (Date.now() > deadline) throw new Error(`No page for CDP target ${targetId} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
