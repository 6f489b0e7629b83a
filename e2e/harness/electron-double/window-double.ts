import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { runtime } from './runtime';
import { WebContentsDouble, warnUnemitted, type WebPreferencesDouble, type WindowOwner } from './web-contents-double';
import { createPage } from './window-pages';

export type { NavigationEventDouble, WebPreferencesDouble, WindowOpenDetails, WindowOpenResponse } from './web-contents-double';

export interface BrowserWindowOptionsDouble {
  width?: number;
  height?: number;
  show?: boolean;
  title?: string;
  webPreferences?: WebPreferencesDouble;
  [other: string]: unknown;
}

/** `page-title-updated` event: `preventDefault()` keeps the window's own title. */
export interface TitleEventDouble {
  defaultPrevented: boolean;
  preventDefault(): void;
}

/** Hooks the app double installs (avoids an import cycle between app and windows). */
export const windowHooks = {
  webContentsCreated: (_wc: WebContentsDouble): void => {},
  windowClosed: (): void => {},
};

type WindowEvent = 'closed' | 'ready-to-show' | 'page-title-updated';
const WINDOW_EVENTS: readonly string[] = ['closed', 'ready-to-show', 'page-title-updated'];
type TitleListener = (event: TitleEventDouble, title: string, explicitSet: boolean) => void;

const windows: BrowserWindowDouble[] = [];

export class BrowserWindowDouble implements WindowOwner {
  private static nextId = 1;
  static getAllWindows(): BrowserWindowDouble[] {
    return [...windows];
  }
  static fromWebContents(webContents: WebContentsDouble): BrowserWindowDouble | null {
    return windows.find((w) => w.webContents === webContents) ?? null;
  }

  readonly id = BrowserWindowDouble.nextId++;
  readonly webContents: WebContentsDouble;
  /** Created without a preload: a helper window (it may load a `data:` URL), not one of the app's. */
  readonly auxiliary: boolean;
  private readonly emitter = new EventEmitter();
  private closed = false;
  /** The title bar's text (Electron's native window title, not the page's document.title). */
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
    // Without a preload a window cannot be an app window (it has no `window.chancery`): it is a
    // helper main never shows, such as the PDF printing window. It is not reported to the fixture.
    this.auxiliary = prefs.preload === undefined;
    const hidden = this.auxiliary && options.show === false;
    this.webContents = new WebContentsDouble(this, Object.freeze(prefs), createPage(options.width ?? 800, options.height ?? 600, hidden));
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
    if (parsed.protocol === 'data:' && this.auxiliary) {
      // A helper window's own document (the PDF window's HTML): nothing to route or translate.
      const page = await this.webContents.pageReady;
      await page.goto(url, { waitUntil: 'load' });
      return;
    }
    if (parsed.protocol !== 'app:' || parsed.host !== 'chancery') {
      throw new Error(
        `electron-double: loadURL only loads app://chancery/… in the harness, and data: URLs in windows without a preload (got ${url.slice(0, 80)})`,
      );
    }
    const page = await this.webContents.pageReady;
    const target = runtime.toLoopbackUrl(url);
    this.webContents.expectNavigation(target);
    await page.goto(target, { waitUntil: 'load' });
  }

  /** Only in a helper window (no preload): app windows load the bundle through app://chancery/. */
  async loadFile(path: string): Promise<void> {
    if (!this.auxiliary) throw new Error(`electron-double: loadFile is only for windows without a preload (got ${path})`);
    const page = await this.webContents.pageReady;
    const url = pathToFileURL(path).href;
    this.webContents.expectNavigation(url);
    await page.goto(url, { waitUntil: 'load' });
  }

  on(event: 'page-title-updated', listener: TitleListener): this;
  on(event: 'closed' | 'ready-to-show', listener: () => void): this;
  on(event: WindowEvent, listener: TitleListener | (() => void)): this {
    if (!WINDOW_EVENTS.includes(event)) warnUnemitted('BrowserWindow', event);
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  once(event: 'page-title-updated', listener: TitleListener): this;
  once(event: 'closed' | 'ready-to-show', listener: () => void): this;
  once(event: WindowEvent, listener: TitleListener | (() => void)): this {
    if (!WINDOW_EVENTS.includes(event)) warnUnemitted('BrowserWindow', event);
    this.emitter.once(event, listener as (...args: unknown[]) => void);
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
    this.title = title;
    void this.webContents.pageReady.then((page) => this.showTitle(page), () => {});
  }

  getTitle(): string {
    return this.title;
  }

  // ---- harness internals ----

  emitWindowEvent(event: WindowEvent, ...args: unknown[]): void {
    for (const listener of this.emitter.listeners(event)) {
      try {
        (listener as (...a: unknown[]) => void)(...args);
      } catch (err) {
        console.error(`[electron-double] a '${event}' listener threw:`, err);
      }
    }
  }

  /**
   * Electron fires 'page-title-updated' when a document's <title> arrives; unless a listener
   * prevents it, the page's title becomes the window's. (Titles a page script sets later are not
   * reported: Chancery's renderer sets none.)
   */
  appDocumentLoaded(page: Page, documentTitle: string): void {
    const event: TitleEventDouble = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emitWindowEvent('page-title-updated', event, documentTitle, true);
    if (!event.defaultPrevented) this.title = documentTitle;
    void this.showTitle(page);
  }

  /**
   * Headed, the title bar is Chromium's app window's, which shows the document's title: the
   * window title is written there. Headless there is no title bar and the page is left alone.
   */
  private async showTitle(page: Page): Promise<void> {
    if (!runtime.headed || page.isClosed() || !page.url().startsWith(`${runtime.origin}/`)) return;
    await page
      .evaluate((title) => {
        if (document.title !== title) document.title = title;
      }, this.title)
      .catch(() => {}); // navigating: the next app document's load shows it again
  }

  /** The page is gone: emit 'closed' once, forget the window, tell the app. */
  markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.webContents.markDestroyed();
    const i = windows.indexOf(this);
    if (i >= 0) windows.splice(i, 1);
    if (!this.auxiliary) runtime.report({ t: 'window-closed', windowId: this.id });
    this.emitWindowEvent('closed');
    windowHooks.windowClosed();
  }
}
