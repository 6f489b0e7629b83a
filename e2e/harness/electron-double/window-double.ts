import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Frame, Page, Request as PwRequest, Route } from 'playwright-core';
import { pageForTarget, targetIdOf } from './chromium';
import { decodeFromPage, encodeForPage } from './codec';
import { invokeHandler, type IpcMainInvokeEventDouble } from './ipc-main-double';
import { buildInitScript, dispatchInPage, type BridgeCall, type InvokeReply } from './page-bridge';
import { APP_ORIGIN, runtime } from './runtime';
import { defaultSession, type SessionDouble } from './session-double';

/** The webPreferences the double records (and checks). */
export interface WebPreferencesDouble {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  webSecurity?: boolean;
  spellcheck?: boolean;
  [other: string]: unknown;
}

export interface BrowserWindowOptionsDouble {
  width?: number;
  height?: number;
  show?: boolean;
  title?: string;
  webPreferences?: WebPreferencesDouble;
  [other: string]: unknown;
}

export interface WindowOpenDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: 'new-window';
}
export type WindowOpenResponse = { action: 'deny' } | { action: 'allow'; [other: string]: unknown };

/** `will-navigate` / `will-redirect` event: `preventDefault()` blocks the navigation. */
export interface NavigationEventDouble {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

/** Hooks the app double installs (avoids an import cycle between app and windows). */
export const windowHooks = {
  webContentsCreated: (_wc: WebContentsDouble): void => {},
  windowClosed: (): void => {},
};

type WebContentsEvent = 'will-navigate' | 'will-redirect';
const WEB_CONTENTS_EVENTS: readonly string[] = ['will-navigate', 'will-redirect'];
type WindowEvent = 'closed' | 'ready-to-show';
const WINDOW_EVENTS: readonly string[] = ['closed', 'ready-to-show'];

const windows: BrowserWindowDouble[] = [];
/** Targets the double opened itself; any other page is a popup main did not allow. */
const ownTargets = new Set<string>();
const pendingCreations = new Set<Promise<unknown>>();
let initialPagesClosed = false;

function stripHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

function warnUnemitted(kind: string, event: string): void {
  console.error(`[electron-double] ${kind}.on('${event}') is recorded but the harness never emits it`);
}

async function createPage(width: number, height: number): Promise<Page> {
  const chromium = runtime.chromium;
  if (!chromium) throw new Error('Cannot create BrowserWindow before app is ready');
  const creation = (async () => {
    const initial = initialPagesClosed ? [] : chromium.context.pages();
    const { targetId } = (await chromium.browserSession.send('Target.createTarget', {
      url: 'about:blank',
      newWindow: true,
      width,
      height,
    })) as { targetId: string };
    ownTargets.add(targetId);
    const page = await pageForTarget(chromium.context, targetId);
    if (!initialPagesClosed) {
      initialPagesClosed = true;
      for (const p of initial) if (p !== page) await p.close().catch(() => {});
    }
    return page;
  })();
  pendingCreations.add(creation);
  try {
    return await creation;
  } finally {
    pendingCreations.delete(creation);
  }
}

/**
 * Pages the double did not open (a `target=_blank` link, `iframe.contentWindow.open`, …) are
 * popups: ask the opener's window-open handler, close the page unless it allows.
 */
export async function watchForeignPages(): Promise<void> {
  const chromium = runtime.chromium;
  if (!chromium) return;
  const decided = new WeakSet<Page>();
  const isForeign = async (page: Page): Promise<boolean> => {
    await Promise.allSettled([...pendingCreations]);
    const id = await targetIdOf(page).catch(() => null);
    return id !== null && !ownTargets.has(id) && initialPagesClosed;
  };
  const decide = async (page: Page, url: string): Promise<boolean> => {
    decided.add(page);
    const opener = windows[0]?.webContents;
    const allowed = opener ? opener.askWindowOpen(url, '', '') : false;
    if (allowed) ownTargets.add(await targetIdOf(page));
    else await page.close().catch(() => {});
    return allowed;
  };
  // A popup's first navigation is held until the window-open handler has answered. Playwright may
  // not know the popup's frame yet; such a request can only be a popup's (the double's own pages
  // exist before they navigate), and its page is matched up when it appears.
  const earlyDecisions: boolean[] = [];
  await chromium.context.route('**/*', async (route, request) => {
    if (request.isNavigationRequest()) {
      let page: Page | null = null;
      try {
        page = request.frame().page();
      } catch {
        page = null;
      }
      let allowed = true;
      if (page === null) {
        allowed = windows[0]?.webContents.askWindowOpen(request.url(), '', '') ?? false;
        earlyDecisions.push(allowed);
      } else if (!decided.has(page) && (await isForeign(page))) {
        allowed = await decide(page, request.url());
      }
      if (!allowed) {
        await route.abort('aborted').catch(() => {});
        return;
      }
    }
    await route.continue().catch(() => {});
  });
  // A popup that never navigates (it stays on about:blank) is decided once it has loaded.
  chromium.context.on('page', (page) => {
    void (async () => {
      if (!(await isForeign(page))) return;
      await page.waitForLoadState('domcontentloaded').catch(() => {});
      if (decided.has(page) || page.isClosed()) return;
      const early = earlyDecisions.shift();
      if (early === undefined) await decide(page, page.url());
      else if (early) ownTargets.add(await targetIdOf(page));
      else {
        decided.add(page);
        await page.close().catch(() => {});
      }
    })();
  });
}

export class WebContentsDouble {
  private static nextId = 1;
  readonly id = WebContentsDouble.nextId++;
  readonly session: SessionDouble = defaultSession;
  readonly pageReady: Promise<Page>;
  private readonly emitter = new EventEmitter();
  private readonly bindingName = `__chanceryIpc_${randomBytes(8).toString('hex')}`;
  private readonly dispatchKey = `__chanceryIpcDispatch_${randomBytes(8).toString('hex')}`;
  private openHandler: ((details: WindowOpenDetails) => WindowOpenResponse) | null = null;
  private page: Page | null = null;
  private destroyed = false;
  private expectedNavigation: string | null = null;
  private sendQueue: Promise<void> = Promise.resolve();

  constructor(
    readonly owner: BrowserWindowDouble,
    private readonly prefs: Readonly<WebPreferencesDouble>,
    pagePromise: Promise<Page>,
  ) {
    this.pageReady = pagePromise.then((page) => this.attach(page));
    this.pageReady.catch((err: unknown) => console.error('[electron-double] could not open a window page:', err));
  }

  private async attach(page: Page): Promise<Page> {
    this.page = page;
    await page.exposeBinding(this.bindingName, (source: { frame: Frame }, call: BridgeCall) =>
      this.onBridgeCall(source.frame, call),
    );
    let preloadSource: string | null = null;
    const preloadPath = this.prefs.preload ?? null;
    if (preloadPath !== null) {
      if (existsSync(preloadPath)) preloadSource = readFileSync(preloadPath, 'utf8');
      else console.error(`[electron-double] Unable to load preload script: ${preloadPath}`);
    }
    await page.addInitScript({
      content: buildInitScript({ bindingName: this.bindingName, dispatchKey: this.dispatchKey, preloadPath }, preloadSource),
    });
    await page.route('**/*', (route, request) => this.onRoute(route, request));
    await this.session.applyPermissions(this);
    const targetId = await targetIdOf(page);
    let shown = false;
    page.on('domcontentloaded', () => {
      const url = page.url();
      if (url.startsWith(`${runtime.origin}/`)) {
        runtime.report({ t: 'window-dom-ready', windowId: this.owner.id, targetId, url });
      }
    });
    page.on('load', () => {
      if (!shown && page.url().startsWith(`${runtime.origin}/`)) {
        shown = true;
        this.owner.emitWindowEvent('ready-to-show');
      }
    });
    page.on('close', () => this.owner.markClosed());
    // Electron shows no dialog for beforeunload: a handler that prevents unloading silently
    // cancels the close. Other dialogs are dismissed, as Playwright does when nobody listens.
    page.on('dialog', (dialog) => void dialog.dismiss().catch(() => {}));
    runtime.report({ t: 'window', windowId: this.owner.id, targetId });
    return page;
  }

  // ---- the Electron surface ----

  on(event: WebContentsEvent, listener: (event: NavigationEventDouble, url: string) => void): this {
    if (!WEB_CONTENTS_EVENTS.includes(event)) warnUnemitted('webContents', event);
    this.emitter.on(event, listener);
    return this;
  }

  setWindowOpenHandler(handler: (details: WindowOpenDetails) => WindowOpenResponse): void {
    this.openHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const encoded = encodeForPage(args) as unknown[];
    const key = this.dispatchKey;
    this.sendQueue = this.sendQueue.then(async () => {
      const page = await this.pageReady.catch(() => null);
      if (!page || page.isClosed()) return;
      // A send during a navigation is lost, as in Electron.
      await page.evaluate(dispatchInPage, [key, channel, encoded] as [string, string, unknown[]]).catch(() => false);
    });
  }

  getURL(): string {
    if (!this.page || this.page.isClosed()) return '';
    const url = this.page.url();
    return url === 'about:blank' ? '' : runtime.toAppUrl(url);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Exists in real Electron (undocumented); the security spec reads the recorded preferences. */
  getLastWebPreferences(): WebPreferencesDouble {
    return { ...this.prefs };
  }

  // ---- harness internals ----

  markDestroyed(): void {
    this.destroyed = true;
  }

  expectNavigation(loopbackUrl: string): void {
    this.expectedNavigation = stripHash(loopbackUrl);
  }

  /** Electron's default with no handler is to allow. */
  askWindowOpen(url: string, frameName: string, features: string): boolean {
    const details: WindowOpenDetails = { url: runtime.toAppUrl(url), frameName, features, disposition: 'new-window' };
    let response: WindowOpenResponse = { action: 'allow' };
    if (this.openHandler) {
      try {
        response = this.openHandler(details);
      } catch (err) {
        console.error('[electron-double] the window open handler threw:', err);
        response = { action: 'deny' };
      }
    }
    return response?.action === 'allow';
  }

  private async onBridgeCall(frame: Frame, call: BridgeCall): Promise<InvokeReply | null> {
    if (call.kind === 'close') {
      if (this.page && frame === this.page.mainFrame()) this.owner.close();
      return null;
    }
    if (call.kind === 'open') {
      if (this.askWindowOpen(call.url, call.frameName, call.features)) {
        // Allowed popups open as plain pages (no preload): the harness does not model child windows.
        const chromium = runtime.chromium;
        if (chromium) {
          const page = await createPage(800, 600);
          const url = call.url.startsWith(`${APP_ORIGIN}/`) ? runtime.toLoopbackUrl(call.url) : call.url;
          await page.goto(url).catch(() => {});
        }
      }
      return null;
    }
    const handler = invokeHandler(call.channel);
    if (!handler) return { ok: false, message: `Error: No handler registered for '${call.channel}'` };
    let frameUrl = '';
    let parent: { url: string } | null = null;
    try {
      frameUrl = frame.url();
      const parentFrame = frame.parentFrame();
      if (parentFrame) parent = { url: runtime.toAppUrl(parentFrame.url()) };
    } catch {
      /* frame detached */
    }
    const event: IpcMainInvokeEventDouble = {
      sender: this,
      senderFrame: { url: runtime.toAppUrl(frameUrl), parent },
    };
    try {
      const args = decodeFromPage(call.args) as unknown[];
      const value: unknown = await handler(event, ...args);
      return { ok: true, value: encodeForPage(value) };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
  }

  private emitNavigation(kind: WebContentsEvent, appUrl: string): boolean {
    const event: NavigationEventDouble = {
      url: appUrl,
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    for (const listener of this.emitter.listeners(kind)) {
      try {
        (listener as (e: NavigationEventDouble, u: string) => void)(event, appUrl);
      } catch (err) {
        console.error(`[electron-double] a '${kind}' listener threw:`, err);
      }
    }
    return event.defaultPrevented;
  }

  /**
   * Main-frame navigations: 'will-navigate' for those the page started (not for loadURL), then the
   * response is fetched here so a server-side redirect can be put to 'will-redirect' before the
   * browser follows it. A prevented navigation is aborted with net::ERR_ABORTED, which (like
   * preventDefault in Electron) leaves the current document in place without an error page.
   */
  private async onRoute(route: Route, request: PwRequest): Promise<void> {
    try {
      const page = this.page;
      if (!page || !request.isNavigationRequest() || request.frame() !== page.mainFrame()) {
        await route.continue();
        return;
      }
      if (request.redirectedFrom() !== null) {
        await route.continue(); // this hop was put to 'will-redirect' below
        return;
      }
      const url = request.url();
      const fromLoadURL = this.expectedNavigation !== null && stripHash(url) === this.expectedNavigation;
      if (fromLoadURL) this.expectedNavigation = null;
      else if (this.emitNavigation('will-navigate', runtime.toAppUrl(url))) {
        await route.abort('aborted');
        return;
      }
      const response = await route.fetch({ maxRedirects: 0 });
      const location = response.headers()['location'];
      if (response.status() >= 300 && response.status() < 400 && location) {
        const target = new URL(location, url).href;
        if (this.emitNavigation('will-redirect', runtime.toAppUrl(target))) {
          await route.abort('aborted');
          return;
        }
      }
      await route.fulfill({ response });
    } catch {
      /* the page went away meanwhile */
    }
  }
}

export class BrowserWindowDouble {
  private static nextId = 1;
  static getAllWindows(): BrowserWindowDouble[] {
    return [...windows];
  }
  static fromWebContents(webContents: WebContentsDouble): BrowserWindowDouble | null {
    return windows.find((w) => w.webContents === webContents) ?? null;
  }

  readonly id = BrowserWindowDouble.nextId++;
  readonly webContents: WebContentsDouble;
  private readonly emitter = new EventEmitter();
  private closed = false;
  private title: string;

  constructor(options: BrowserWindowOptionsDouble = {}) {
    if (!runtime.isReady || !runtime.chromium) throw new Error('Cannot create BrowserWindow before app is ready');
    const prefs: WebPreferencesDouble = { ...(options.webPreferences ?? {}) };
    const weak: string[] = [];
    if (prefs.contextIsolation !== true) weak.push(`contextIsolation: ${String(prefs.contextIsolation)} (must be true)`);
    if (prefs.sandbox !== true) weak.push(`sandbox: ${String(prefs.sandbox)} (must be true)`);
    if (prefs.nodeIntegration !== false) weak.push(`nodeIntegration: ${String(prefs.nodeIntegration)} (must be false)`);
    if (weak.length > 0) {
      throw new Error(
        `electron-double: refusing a BrowserWindow with weak webPreferences — ${weak.join(', ')}. ` +
          'The harness cannot emulate them and Chancery forbids them; set all three explicitly.',
      );
    }
    this.title = options.title ?? 'Chancery';
    this.webContents = new WebContentsDouble(this, Object.freeze(prefs), createPage(options.width ?? 800, options.height ?? 600));
    windows.push(this);
    windowHooks.webContentsCreated(this.webContents);
  }

  async loadURL(url: string): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`electron-double: loadURL got an invalid URL: ${url}`);
    }
    if (parsed.protocol !== 'app:' || parsed.host !== 'chancery') {
      throw new Error(`electron-double: loadURL only loads app://chancery/… in the harness (got ${url})`);
    }
    const page = await this.webContents.pageReady;
    const target = runtime.toLoopbackUrl(url);
    this.webContents.expectNavigation(target);
    await page.goto(target, { waitUntil: 'load' });
  }

  on(event: WindowEvent, listener: () => void): this {
    if (!WINDOW_EVENTS.includes(event)) warnUnemitted('BrowserWindow', event);
    this.emitter.on(event, listener);
    return this;
  }

  once(event: WindowEvent, listener: () => void): this {
    if (!WINDOW_EVENTS.includes(event)) warnUnemitted('BrowserWindow', event);
    this.emitter.once(event, listener);
    return this;
  }

  show(): void {
    /* headless: nothing to show; headed windows are always visible */
  }

  focus(): void {
    void this.webContents.pageReady.then((p) => p.bringToFront()).catch(() => {});
  }

  /** Like Electron: runs the page's beforeunload first; a handler that prevents it keeps the window. */
  close(): void {
    if (this.closed) return;
    void this.webContents.pageReady.then((p) => p.close({ runBeforeUnload: true })).catch(() => this.markClosed());
  }

  destroy(): void {
    if (this.closed) return;
    this.markClosed();
    void this.webContents.pageReady.then((p) => p.close()).catch(() => {});
  }

  isDestroyed(): boolean {
    return this.closed;
  }

  setTitle(title: string): void {
    this.title = title; // recorded only: the harness window's title is the document's
  }

  // ---- harness internals ----

  emitWindowEvent(event: WindowEvent): void {
    for (const listener of this.emitter.listeners(event)) {
      try {
        (listener as () => void)();
      } catch (err) {
        console.error(`[electron-double] a '${event}' listener threw:`, err);
      }
    }
  }

  /** The page is gone: emit 'closed' once, forget the window, tell the app. */
  markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.webContents.markDestroyed();
    const i = windows.indexOf(this);
    if (i >= 0) windows.splice(i, 1);
    runtime.report({ t: 'window-closed', windowId: this.id });
    this.emitWindowEvent('closed');
    windowHooks.windowClosed();
  }
}
