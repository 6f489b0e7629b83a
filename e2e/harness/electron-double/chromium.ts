import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

/**
 * Debian's Chromium, launched by hand so its DevTools endpoint can be shared with the fixture.
 * Headless for the tests; headed (npm start) its windows are app windows, like Electron's.
 */
export interface ChromiumInstance {
  browser: Browser;
  /** The default context: Electron's `session.defaultSession`. */
  context: BrowserContext;
  browserSession: CDPSession;
  wsEndpoint: string;
  pid: number;
  process: ChildProcess;
  /**
   * Opens a window (about:blank, or a blank app-mode page when headed) of about `width`×`height`
   * and resolves with its CDP target id. `hidden` (a BrowserWindow without a preload that is never
   * shown, e.g. main's PDF printing window): a plain about:blank window, minimized when headed.
   */
  openWindow(width: number, height: number, hidden?: boolean): Promise<string>;
  /** Last lines Chromium wrote to stderr, for error messages. */
  stderrTail(): string;
  /** SIGKILL Chromium and remove its profile; synchronous so it can run in an 'exit' handler. */
  killSync(): void;
}

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * A blank app-mode page: `--app=` takes a URL, and about:blank is refused (Chromium opens a tabbed
 * new-tab page instead); the fragment tells the windows apart.
 */
function blankAppUrl(): string {
  return `data:text/html,<title>Chancery</title>#window-${randomBytes(8).toString('hex')}`;
}

export async function launchChromium(opts: { executable: string; headed: boolean }): Promise<ChromiumInstance> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'chancery-chromium-'));
  const common = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--password-store=basic',
    `--user-data-dir=${userDataDir}`,
  ];
  // Headed, even the launch window is an app window, so no browser UI flashes up before the first
  // BrowserWindow replaces it.
  const args = [...(opts.headed ? [] : ['--headless']), ...common, '--remote-debugging-port=0', opts.headed ? `--app=${blankAppUrl()}` : 'about:blank'];
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
    const openBlank = async (width: number, height: number) => {
      const created = await browserSession.send('Target.createTarget', { url: 'about:blank', newWindow: true, width, height });
      return (created as { targetId: string }).targetId;
    };
    const openWindow = async (width: number, height: number, hidden = false) => {
      if (!opts.headed) return openBlank(width, height);
      if (!hidden) return openAppWindow(opts.executable, common, browserSession, width, height);
      // Headed, a window that Electron would never show is kept out of the way: minimized.
      const targetId = await openBlank(width, height);
      const { windowId } = (await browserSession.send('Browser.getWindowForTarget', { targetId })) as { windowId: number };
      await browserSession.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'minimized' } }).catch(() => {});
      return targetId;
    };
    return { browser, context, browserSession, wsEndpoint, pid: proc.pid, process: proc, openWindow, stderrTail, killSync };
  } catch (err) {
    killSync();
    throw err;
  }
}

/**
 * A window without tab strip or address bar, like an Electron window. CDP can only open tabbed
 * windows (`Target.createTarget`), but Chromium started again on the same profile hands its
 * command line to the running browser (its process singleton) and exits, and `--app=` there
 * opens an app-mode window in the running browser, which CDP then finds and sizes.
 */
async function openAppWindow(
  executable: string,
  common: string[],
  browserSession: CDPSession,
  width: number,
  height: number,
): Promise<string> {
  const url = blankAppUrl();
  const marker = url.slice(url.indexOf('#'));
  const launcher = spawn(executable, [...common, `--app=${url}`], { stdio: 'ignore' });
  launcher.on('error', () => {}); // the deadline below reports it
  const deadline = Date.now() + 15_000;
  let targetId: string | undefined;
  while (targetId === undefined) {
    if (Date.now() > deadline) {
      launcher.kill('SIGKILL');
      throw new Error(`Chromium did not open an app window within 15 s (${executable} --app=…)`);
    }
    await new Promise((r) => setTimeout(r, 50));
    const { targetInfos } = (await browserSession.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    targetId = targetInfos.find((t) => t.type === 'page' && t.url.endsWith(marker))?.targetId;
  }
  const { windowId } = (await browserSession.send('Browser.getWindowForTarget', { targetId })) as { windowId: number };
  await browserSession.send('Browser.setWindowBounds', { windowId, bounds: { width, height } });
  return targetId;
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
