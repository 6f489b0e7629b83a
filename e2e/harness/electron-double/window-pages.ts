import type { Page } from 'playwright-core';
import { pageForTarget, targetIdOf } from './chromium';
import { runtime } from './runtime';

/**
 * The Chromium pages behind the double's windows: opening one per BrowserWindow, and closing the
 * popups main did not allow (Electron would never have created them).
 */

/** Answers "may this popup open?" the way the opener window's `setWindowOpenHandler` does. */
export interface PopupOpener {
  askWindowOpen(url: string, frameName: string, features: string): boolean;
}

/** Targets the double opened itself; any other page is a popup main did not allow. */
const ownTargets = new Set<string>();
const pendingCreations = new Set<Promise<unknown>>();
let initialPagesClosed = false;

/**
 * A new window's page, still blank. Chromium's launch window is closed once the first one exists
 * (before that, closing it would end the browser). `hidden`: see ChromiumInstance.openWindow.
 */
export async function createPage(width: number, height: number, hidden = false): Promise<Page> {
  const chromium = runtime.chromium;
  if (!chromium) throw new Error('Cannot create BrowserWindow before app is ready');
  const creation = (async () => {
    const initial = initialPagesClosed ? [] : chromium.context.pages();
    const targetId = await chromium.openWindow(width, height, hidden);
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
export async function watchForeignPages(opener: () => PopupOpener | undefined): Promise<void> {
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
    const allowed = opener()?.askWindowOpen(url, '', '') ?? false;
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
        allowed = opener()?.askWindowOpen(request.url(), '', '') ?? false;
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
