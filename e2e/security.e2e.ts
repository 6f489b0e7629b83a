import type { Page } from '@playwright/test';
import { expect, test, type ChanceryApp } from './harness/app-fixture';
import { ui } from './support/ui';
import { SECURE_WEB_PREFERENCES } from '../electron/main/security/policy';

/** `window.chancery` as a page script sees it (raw envelopes). */
type RawCall = (...args: unknown[]) => Promise<{ ok: boolean; error?: { code: string; message: string } }>;

async function openApp(launchApp: () => Promise<ChanceryApp>): Promise<{ app: ChanceryApp; page: Page }> {
  const app = await launchApp();
  const page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toBeVisible();
  return { app, page };
}

/** No page but the app's window exists: a denied popup never loaded (offline it would be an error page). */
function expectNoOtherPage(page: Page): void {
  expect(page.context().pages().map((p) => p.url())).toEqual([page.url()]);
}

/** The app's own document is still showing (and is the same document: no navigation happened). */
async function expectStillTheApp(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(true);
  await expect(ui.workspaceTitle(page)).toBeVisible();
  expect(page.url()).not.toContain('example.org');
}

test('windows are isolated and sandboxed, and pages get no Node', async ({ launchApp }) => {
  const { app, page } = await openApp(launchApp);
  const prefs = await app.evaluateMain(({ BrowserWindow }, keys) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
      getLastWebPreferences(): Record<string, unknown>;
    };
    const p = contents.getLastWebPreferences();
    return Object.fromEntries(keys.map((k) => [k, p[k]]));
  }, Object.keys(SECURE_WEB_PREFERENCES));
  // What the window really got, every key of the policy (isolation, sandbox, no Node, web security).
  expect(prefs).toEqual(SECURE_WEB_PREFERENCES);
  expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });

  const globals = await page.evaluate(() => {
    const g = globalThis as Record<string, unknown>;
    return { require: typeof g.require, process: typeof g.process, module: typeof g.module, Buffer: typeof g.Buffer };
  });
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' });

  // The exposed API cannot be replaced by page scripts.
  const replaced = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const before = w.chancery;
    try {
      w.chancery = { getStartupState: () => 'forged' };
    } catch {
      /* strict mode would throw */
    }
    return w.chancery === before;
  });
  expect(replaced).toBe(true);
});

test('an injected inline script does not run and is reported as a CSP violation', async ({ launchApp }) => {
  const { page } = await openApp(launchApp);
  // Resolves on whichever happens: the browser reports the violation, or the script runs.
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; directive: string }>((resolve) => {
        document.addEventListener(
          'securitypolicyviolation',
          (e) => resolve({ ran: false, directive: e.effectiveDirective }),
          { once: true },
        );
        document.addEventListener('injected-script-ran', () => resolve({ ran: true, directive: '' }), { once: true });
        const s = document.createElement('script');
        s.textContent = 'document.dispatchEvent(new Event("injected-script-ran"));';
        document.body.append(s);
      }),
  );
  expect(outcome).toEqual({ ran: false, directive: 'script-src-elem' });
});

test('the window cannot be navigated away from the app, nor open new windows', async ({ launchApp }) => {
  const { app, page } = await openApp(launchApp);
  await page.evaluate(() => {
    (window as unknown as { __stillHere: boolean }).__stillHere = true;
  });

  await page.evaluate(() => {
    location.href = 'https://example.org/';
  });
  // Not a timing assertion: this only gives a navigation that would happen the time to commit.
  await page.waitForTimeout(750);
  await expectStillTheApp(page);

  const opened = await page.evaluate(() => window.open('https://example.org/') === null);
  expect(opened).toBe(true);
  await page.waitForTimeout(750);
  expect(await app.evaluateMain(({ BrowserWindow }) => BrowserWindow.getAllWindows().length, null)).toBe(1);
  expectNoOtherPage(page);
  await expectStillTheApp(page);
});

test('a link in the text, clicked or middle-clicked, neither leaves the app nor opens a window', async ({ launchApp }) => {
  const { app, page } = await openApp(launchApp);
  await page.evaluate(() => {
    (window as unknown as { __stillHere: boolean }).__stillHere = true;
    // As a link pasted into a document would be: an anchor in the page, pointing elsewhere.
    const link = document.createElement('a');
    link.href = 'https://example.org/';
    link.textContent = 'a link to elsewhere';
    link.id = 'foreign-link';
    link.style.cssText = 'position:fixed;top:40%;left:40%;z-index:99999;padding:8px;background:#fff';
    document.body.append(link);
  });
  const link = page.locator('#foreign-link');
  // A middle click asks for a new window (Electron: the window-open handler, disposition
  // background-tab); main denies it. This is why the Auxclick blink feature need not be disabled.
  await link.click({ button: 'middle' });
  await link.click({ modifiers: ['Control'] });
  await link.click();
  // Not a timing assertion: this only gives a window or a navigation that would happen the time to.
  await page.waitForTimeout(750);
  expect(await app.evaluateMain(({ BrowserWindow }) => BrowserWindow.getAllWindows().length, null)).toBe(1);
  expectNoOtherPage(page);
  await expectStillTheApp(page);
});

test('IPC refuses malformed arguments', async ({ launchApp }) => {
  const { page } = await openApp(launchApp);
  const results = await page.evaluate(async () => {
    const api = (window as unknown as { chancery: Record<string, Record<string, RawCall>> }).chancery;
    return Promise.all([
      api.sync!.openDoc!(42),
      api.sync!.openDoc!('../../etc/passwd'),
      api.documents!.rename!('framework', ''),
      api.sync!.pushUpdate!('framework', 'not bytes'),
      api.workspace!.open!({ path: '/tmp/x' }),
      api.positions!.set!('framework', 'not-a-clause', 'eu', 'accepted', null, null),
      api.roster!.setParty!({ code: 'eu', name: 'EU', colour: 'red' }),
      api.roster!.admit!('x'.repeat(70_000), 'member', 'eu'),
    ]);
  });
  for (const r of results) {
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('INVALID_ARGUMENT');
  }
});

test('IPC from a frame that is not the app is refused (harness)', async ({ launchApp, appMode }) => {
  test.skip(
    appMode === 'electron',
    'In Electron no page script can reach IPC from a subframe (the preload runs in the top frame only); main\'s sender check needs a unit test there',
  );
  const { page } = await openApp(launchApp);
  // The harness routes ipcRenderer through a Playwright binding; its controller is reachable from
  // any frame, so an about:blank iframe can send an invoke as itself. Main must refuse it.
  const result = await page.evaluate(async () => {
    type Controller = {
      _bindings: Map<string, unknown>;
      callBinding(name: string, ...args: unknown[]): Promise<unknown>;
    };
    const top = (window as unknown as { __playwright__binding__controller__?: Controller }).__playwright__binding__controller__;
    const name = top ? [...top._bindings.keys()].find((k) => k.startsWith('__chanceryIpc_')) : undefined;
    if (!name) return { skipped: 'the Playwright binding controller is not reachable' };
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const inFrame = (frame.contentWindow as unknown as { __playwright__binding__controller__?: Controller })
      .__playwright__binding__controller__;
    if (!inFrame) return { skipped: 'the iframe has no binding controller' };
    const reply = (await inFrame.callBinding(name, { kind: 'invoke', channel: 'workspace:getStartupState', args: [] })) as {
      ok: boolean;
      value?: { ok: boolean; error?: { code: string } };
    };
    frame.remove();
    return { reply };
  });
  expect(result).not.toHaveProperty('skipped');
  expect(result.reply?.ok).toBe(true);
  expect(result.reply?.value).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
});

test('powerful permissions such as geolocation are not granted', async ({ launchApp }) => {
  const { page } = await openApp(launchApp);
  const geo = await page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        navigator.geolocation.getCurrentPosition(
          () => resolve('position given'),
          (err) => resolve(err.code === err.PERMISSION_DENIED ? 'denied' : `error ${err.code}`),
        ),
      ),
  );
  expect(geo).toBe('denied');
  const state = await page.evaluate(() => navigator.permissions.query({ name: 'geolocation' }).then((s) => s.state));
  expect(state).not.toBe('granted');
});
