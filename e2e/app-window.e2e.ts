import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test, type ChanceryApp } from './harness/app-fixture';
import { DOUBLE_ENV } from './harness/electron-double/protocol';
import { ui } from './support/ui';

/**
 * What the window itself looks like: its title bar names the negotiation, and (in the harness,
 * started headed the way `npm start` does) it is an app window, not a browser with tabs and an
 * address bar.
 */

/** The title main gives the window (Electron's native title, not the page's document.title). */
function windowTitle(app: ChanceryApp, index = 0): Promise<string> {
  return app.evaluateMain(({ BrowserWindow }, i) => BrowserWindow.getAllWindows()[i]?.getTitle() ?? '(no window)', index);
}

/** What a second launch delivers to the running app: main opens another window. */
async function openSecondWindow(app: ChanceryApp): Promise<Page> {
  await app.evaluateMain(({ app: electronApp }) => {
    electronApp.emit('second-instance', {}, [process.execPath, 'main'], process.cwd());
  }, null);
  return app.nextWindow();
}

/** A virtual X display for a headed Chromium, as `xvfb-run` gives `npm start`. */
async function startXvfb(): Promise<{ display: string; stop(): void }> {
  const xvfb: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    xvfb.once('error', (err) => reject(new Error(`Xvfb is needed for the headed window test (apt-get install xvfb): ${err.message}`)));
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (code ${String(code)}) before opening a display`)));
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
  });
  return { display, stop: () => xvfb.kill('SIGTERM') };
}

test('the title bar names the open negotiation, and the app once it is closed', async ({ launchApp }) => {
  const app = await launchApp();
  const page = await app.firstWindow();
  const title = (await ui.workspaceTitle(page).textContent()) ?? '';
  expect(title).not.toBe('');
  // From the first paint on, not only after the workspace is next changed.
  await expect.poll(() => windowTitle(app)).toBe(`${title} — Chancery`);

  await ui.closeNegotiation(page).click();
  await expect(ui.welcomeHeading(page)).toBeVisible();
  await expect.poll(() => windowTitle(app)).toBe('Chancery');
});

test('started headed, the harness window is an app window titled like the app (harness)', async ({ launchApp, appMode }) => {
  test.skip(appMode === 'electron', "Electron's windows have no browser UI to begin with; this is about the harness standing in for it");
  const xvfb = await startXvfb();
  const saved = { DISPLAY: process.env.DISPLAY, [DOUBLE_ENV.headed]: process.env[DOUBLE_ENV.headed] };
  // The fixture's harness hands its environment to main, which hands it to Chromium: this is
  // what `npm start` sets up under `xvfb-run`.
  process.env.DISPLAY = xvfb.display;
  process.env[DOUBLE_ENV.headed] = '1';
  try {
    const app = await launchApp();
    const page = await app.firstWindow();
    const title = (await ui.workspaceTitle(page).textContent()) ?? '';

    // The page fills the window: no tab strip, no address bar (together some 85 px) above it.
    const expectAppWindow = async (p: Page) => {
      const size = await p.evaluate(() => ({ outer: [outerWidth, outerHeight], inner: [innerWidth, innerHeight] }));
      expect(size.outer, 'the size main asked for').toEqual([1280, 860]);
      expect(size.outer[1]! - size.inner[1]!, 'height taken by browser UI above the page').toBeLessThan(30);
      expect(size.inner[0]).toBe(size.outer[0]);
    };
    await expectAppWindow(page);
    // An app window's title bar shows its document's title: the negotiation's, as main set it.
    await expect(page).toHaveTitle(`${title} — Chancery`);

    const second = await openSecondWindow(app);
    await expect(ui.banner(second).or(ui.welcomeHeading(second))).toBeVisible();
    await expectAppWindow(second);

    await ui.closeNegotiation(page).click();
    await expect(ui.welcomeHeading(page)).toBeVisible();
    await expect(page).toHaveTitle('Chancery');
    await app.close();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    xvfb.stop();
  }
});
