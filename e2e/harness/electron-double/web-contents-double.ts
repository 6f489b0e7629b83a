import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Frame, Page, Request as PwRequest, Route } from 'playwright-core';
import { targetIdOf } from './chromium';
import { decodeFromPage, encodeForPage } from './codec';
import { invokeHandler, type IpcMainInvokeEventDouble } from './ipc-main-double';
import { buildInitScript, dispatchInPage, type BridgeCall, type InvokeReply } from './page-bridge';
import { APP_ORIGIN, runtime } from './runtime';
import { defaultSession, type SessionDouble } from './session-double';
import { createPage } from './window-pages';

/** The webPreferences the double records (and checks). */
export interface WebPreferencesDouble {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  /** false: no script runs in the page (Chromium's script execution disabled through CDP). */
  javascript?: boolean;
  webSecurity?: boolean;
  spellcheck?: boolean;
  [other: string]: unknown;
}

/** The `printToPDF` options the double implements (Electron's defaults: Letter, no backgrounds). */
export interface PrintToPdfOptionsDouble {
  pageSize?: 'A3' | 'A4' | 'A5' | 'Legal' | 'Letter' | 'Tabloid';
  printBackground?: boolean;
  preferCSSPageSize?: boolean;
}
const PRINT_TO_PDF_OPTIONS: readonly string[] = ['pageSize', 'printBackground', 'preferCSSPageSize'];

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

/** What a webContents needs of its BrowserWindow (window-double.ts). */
export interface WindowOwner {
  readonly id: number;
  /** A helper window without a preload (not reported to the fixture as one of the app's windows). */
  readonly auxiliary: boolean;
  close(): void;
  markClosed(): void;
  emitWindowEvent(event: 'ready-to-show'): void;
  /** An app document of this window has loaded (DOMContentLoaded), with this `<title>`. */
  appDocumentLoaded(page: Page, documentTitle: string): void;
}

type WebContentsEvent = 'will-navigate' | 'will-redirect';
const WEB_CONTENTS_EVENTS: readonly string[] = ['will-navigate', 'will-redirect'];

function stripHash(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

export function warnUnemitted(kind: string, event: string): void {
  console.error(`[electron-double] ${kind}.on('${event}') is recorded but the harness never emits it`);
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
    readonly owner: WindowOwner,
    private readonly prefs: Readonly<WebPreferencesDouble>,
    pagePromise: Promise<Page>,
  ) {
    this.pageReady = pagePromise.then((page) => this.attach(page));
    this.pageReady.catch((err: unknown) => console.error('[electron-double] could not open a window page:', err));
  }

  private async attach(page: Page): Promise<Page> {
    this.page = page;
    if (this.prefs.javascript === false) {
      // Kept attached: the emulation lasts as long as the CDP session that set it.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    }
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
        void page.title().then((title) => this.owner.appDocumentLoaded(page, title), () => {});
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
    if (!this.owner.auxiliary) runtime.report({ t: 'window', windowId: this.owner.id, targetId });
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

  /**
   * Electron's `printToPDF`, through the page's own print to PDF (Chromium's Page.printToPDF, as
   * Electron's is). Only the options main passes; any other is refused rather than ignored.
   */
  async printToPDF(options: PrintToPdfOptionsDouble): Promise<Buffer> {
    const unknown = Object.keys(options).filter((k) => !PRINT_TO_PDF_OPTIONS.includes(k));
    if (unknown.length > 0) throw new Error(`electron-double: printToPDF does not implement ${unknown.join(', ')}`);
    const page = await this.pageReady;
    return page.pdf({
      format: options.pageSize ?? 'Letter',
      printBackground: options.printBackground ?? false,
      preferCSSPageSize: options.preferCSSPageSize ?? false,
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
      if (fromLoadURL) {
        this.expectedNavigation = null;
        if (!/^https?:/u.test(url)) {
          await route.continue(); // a helper window's loadFile: nothing the double could fetch for it
          return;
        }
      } else if (this.emitNavigation('will-navigate', runtime.toAppUrl(url))) {
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
