/**
 * The bare y-prosemirror page (bare-editor/) inside the app's own Chromium, and the open baseline
 * taken on it.
 *
 * Open baseline — "bare open → editable": the bare page has loaded, has mounted and unmounted the
 * sample's first document once (the app's window, on first start, showed the sample's first
 * document before it was closed, so its editor code has run once too), and shows nothing, as the
 * app's window shows the welcome screen; t0 is taken in the page,
 * then it fetches the first document's state from the bench's loopback server, which reads it from
 * a copy of the same workspace file on each request (SQLite read + Yjs load + encode: what main
 * does for openDoc), applies it to a fresh Y.Doc, mounts an EditorView with ySyncPlugin, and the
 * clock stops, exactly as for the app (page-probes.ts), when the editor is contenteditable with
 * every top-level clause of the document in its DOM and that frame has painted.
 *
 * What the app does beyond that is what the ratio shows: opening the workspace (session, manifest,
 * sidebar), the click, its React shell and editor plugins (numbering: the app waits for every
 * clause to be numbered), the harness's base64 transfer. The bare page has no numbering, so it
 * waits for the clauses only.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { BenchApp } from './harness-app';
import { installNameShim } from './page-probes';

export interface BareOpenTimes {
  /** ms from t0 until the state bytes had arrived. */
  fetched: number;
  /** ms from t0 until the EditorView constructor returned. */
  mounted: number;
  /** ms from t0 until the editor was contenteditable with every clause in the DOM. */
  editorDom: number;
  /** ms from t0 until that frame had painted: the figure. */
  painted: number;
}

/**
 * Opens the bare editor as a page of the app's own Chromium, in a separate browser context (no
 * preload, no bridge, its own viewport). The harness's main process sees every new page of that
 * browser and, as Electron would for a popup, closes it unless the app's window-open handler
 * allows it; the app denies every window. So for the moment of opening, the handler of the app's
 * window is swapped (in main, through the harness's evaluate channel) for one that allows exactly
 * this URL, and the app's own handler is put back once the page is accepted.
 */
export async function openBarePage(
  app: BenchApp,
  url: string,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  await app.evaluateMain(
    `({ BrowserWindow }, url) => {
      const wc = BrowserWindow.getAllWindows()[0].webContents;
      globalThis.__benchSavedOpenHandler = wc.openHandler;
      wc.setWindowOpenHandler((d) => (d.url === 'about:blank' || d.url.startsWith(url) ? { action: 'allow' } : { action: 'deny' }));
    }`,
    url,
  );
  try {
    const context = await app.browser.newContext({ viewport });
    const page = await context.newPage();
    // The harness decides asynchronously; a closed page means it refused.
    await page.waitForTimeout(1000);
    if (page.isClosed()) throw new Error('the harness closed the bare editor page (window-open handler did not allow it)');
    await page.goto(url);
    return { context, page };
  } finally {
    await app.evaluateMain(
      `({ BrowserWindow }) => {
        const wc = BrowserWindow.getAllWindows()[0].webContents;
        wc.setWindowOpenHandler(globalThis.__benchSavedOpenHandler);
        delete globalThis.__benchSavedOpenHandler;
      }`,
    );
  }
}

/** In the page: mounts the state at `src` and times it like openFirstDocumentInPage (self-contained). */
function bareOpenInPage(arg: { src: string; clauses: number; timeoutMs: number }): Promise<BareOpenTimes> {
  const t0 = performance.now();
  const w = window as unknown as { __bareMount(src: string): Promise<{ fetched: number; mounted: number }> };
  const editable = () => {
    const editor = document.querySelector('.ProseMirror[contenteditable="true"]');
    return editor && editor.querySelectorAll(':scope > section.clause').length === arg.clauses ? editor : null;
  };
  const dom = new Promise<number>((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (!editable()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now());
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out after ${arg.timeoutMs} ms waiting for a bare editor with ${arg.clauses} clauses`));
    }, arg.timeoutMs);
  });
  dom.catch(() => {}); // a failed mount is reported below; its timeout must not also be unhandled
  return (async () => {
    const steps = await w.__bareMount(arg.src);
    const editorDom = await dom;
    const paintedAt = await new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );
    return { fetched: steps.fetched - t0, mounted: steps.mounted - t0, editorDom: editorDom - t0, painted: paintedAt - t0 };
  })();
}

/**
 * One open-baseline run in the app's browser: a fresh bare page (fresh context) with the app
 * window's viewport, loaded and left to settle as the app's window is before its open, then timed.
 */
export async function bareOpenRun(app: BenchApp, serverUrl: string, clauses: number): Promise<BareOpenTimes> {
  const viewport = await app.page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight }));
  const { context, page } = await openBarePage(app, `${serverUrl}?mount=manual`, viewport);
  try {
    await page.waitForFunction(() => (window as unknown as { __bareEditorLoaded?: boolean }).__bareEditorLoaded === true, null, { timeout: 30_000 });
    await page.bringToFront();
    type Bare = { __bareMount(src: string): Promise<unknown>; __bareUnmount(): void };
    await page.evaluate(async () => {
      const w = window as unknown as Bare;
      await w.__bareMount('./warm.bin');
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      w.__bareUnmount();
    });
    await page.waitForTimeout(500);
    await installNameShim(page);
    return await page.evaluate(bareOpenInPage, { src: './open.bin', clauses, timeoutMs: 30_000 });
  } finally {
    await context.close();
  }
}
