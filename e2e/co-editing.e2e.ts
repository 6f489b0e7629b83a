import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type ChanceryApp } from './harness/app-fixture';
import { caretToEndOfClause, chancery, clauseNumbers, clauseTexts, expectAllSaved, openDocument, ui } from './support/ui';
import { sampleWorkspace } from '../shared/sample/sample-workspace';

/**
 * Two windows on one workspace, as when a delegate opens the file a second time (a second
 * instance hands it to the running app, which opens another window on the same in-memory session).
 * Each window plays one drafter; what they type must reach the other window, numbering must agree,
 * Undo must take back only the drafter's own words, and everything must be in the file afterwards.
 */

const sample = sampleWorkspace();
const WORKSPACE_TITLE = sample.title;
/** Annex 1 of the sample: eight clauses, numbered 1–8, no stored labels. */
const DOC = sample.documents[1]!.title;

const A_TEXT = ' [Aldoria proposes: within 48 hours]';
const B_TEXT = ' [Velmark prefers: within 72 hours]';
const B_CLAUSE = 'The guarantor states shall report to the Joint Commission every six months.';
const IN_FLIGHT_TEXT = ' [Aldoria reserves its position pending consultation with its capital]';
/** The longest main is ever held busy, should a spec fail before releasing it. */
const HOLD_MAX_MS = 20_000;

const range = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

/** What a second launch on `file` delivers to the running app: main opens another window on it. */
async function openSecondWindow(app: ChanceryApp, file: string): Promise<Page> {
  const listened = await app.evaluateMain(({ app: electronApp }, path) => {
    return electronApp.emit('second-instance', {}, [process.execPath, 'main', path], process.cwd());
  }, file);
  expect(listened, "main listens for 'second-instance'").toBe(true);
  return app.nextWindow();
}

/**
 * Keeps main's event loop busy until `release()` (at most HOLD_MAX_MS): a window's first save then
 * waits in main and everything typed after it waits in the renderer, i.e. edits are in flight.
 * Harness only: in Electron, main's thread is also the browser's UI thread, so holding it would
 * freeze the windows too.
 */
async function holdMain(app: ChanceryApp, dir: string): Promise<{ release(): Promise<void> }> {
  const held = join(dir, 'main-held');
  const released = join(dir, 'main-released');
  const done = app.evaluateMain(
    (_electron, [heldPath, releasedPath, maxMs]) => {
      setTimeout(() => {
        const fs = process.getBuiltinModule('node:fs');
        fs.writeFileSync(heldPath, '');
        const cell = new Int32Array(new SharedArrayBuffer(4));
        const until = Date.now() + maxMs;
        while (!fs.existsSync(releasedPath) && Date.now() < until) Atomics.wait(cell, 0, 0, 10);
      }, 0);
    },
    [held, released, HOLD_MAX_MS] as const,
  );
  await expect.poll(() => existsSync(held), { message: 'main is held' }).toBe(true);
  return {
    async release() {
      writeFileSync(released, '');
      await done;
    },
  };
}

/** Switches to `page`'s window, as a user does before typing in it. */
async function useWindow(page: Page): Promise<void> {
  await page.bringToFront();
}

test('two windows on one workspace draft together, undo only their own edits, and save both', async ({
  launchApp,
}, testInfo) => {
  const file = testInfo.outputPath('Co-editing round.chancery');
  chancery('new', file, '--sample');

  let app = await launchApp({ args: [file] });
  const a = await app.firstWindow();
  await expect(ui.workspaceTitle(a)).toHaveText(WORKSPACE_TITLE);
  const b = await openSecondWindow(app, file);
  await expect(ui.workspaceTitle(b)).toHaveText(WORKSPACE_TITLE);

  await openDocument(a, DOC);
  await openDocument(b, DOC);
  await expect(ui.clauses(a)).toHaveCount(8);
  await expect(ui.clauses(b)).toHaveCount(8);
  await expect.poll(() => clauseNumbers(a)).toEqual(range(8));
  await expect.poll(() => clauseNumbers(b)).toEqual(range(8));
  const original = await clauseTexts(a);
  expect(await clauseTexts(b)).toEqual(original);

  await test.step('text typed in window A appears in window B', async () => {
    await useWindow(a);
    await caretToEndOfClause(a, 0);
    await a.keyboard.type(A_TEXT);
    await expect.poll(async () => (await clauseTexts(a))[0]).toContain(A_TEXT.trim());
    await expect.poll(async () => (await clauseTexts(b))[0]).toContain(A_TEXT.trim());
    expect(await clauseNumbers(b)).toEqual(await clauseNumbers(a));
  });

  await test.step('text typed in window B appears in window A', async () => {
    // B writes into the same clause, right after A's words.
    await useWindow(b);
    await caretToEndOfClause(b, 0);
    await b.keyboard.type(B_TEXT);
    await expect.poll(async () => (await clauseTexts(b))[0]).toContain(B_TEXT.trim());
    await expect.poll(async () => (await clauseTexts(a))[0]).toContain(B_TEXT.trim());
    await expect.poll(() => clauseTexts(a)).toEqual(await clauseTexts(b));
    expect(await clauseNumbers(a)).toEqual(range(8));
    expect(await clauseNumbers(b)).toEqual(range(8));
  });

  await test.step('a clause inserted in window B renumbers the clauses in window A', async () => {
    await caretToEndOfClause(b, 2);
    await b.keyboard.press('ControlOrMeta+Enter');
    await b.keyboard.type(B_CLAUSE);
    await expect(ui.clauses(b)).toHaveCount(9);
    await expect(ui.clauses(a)).toHaveCount(9);
    await expect.poll(async () => (await clauseTexts(a))[3]).toBe(B_CLAUSE);
    await expect.poll(() => clauseNumbers(a)).toEqual(range(9));
    await expect.poll(() => clauseNumbers(b)).toEqual(range(9));
    // The clause that was 4 is now 5, in both windows.
    await expect(ui.clauses(a).nth(4)).toHaveAttribute('data-number', '5');
    expect((await clauseTexts(a))[4]).toBe(original[3]);
    await expect.poll(() => clauseTexts(a)).toEqual(await clauseTexts(b));
  });

  await test.step("Undo in window A takes back A's words only, in both windows", async () => {
    await useWindow(a);
    await ui.toolbarButton(a, 'Undo').click();
    for (const page of [a, b]) {
      await expect.poll(async () => (await clauseTexts(page))[0]).not.toContain(A_TEXT.trim());
    }
    for (const page of [a, b]) {
      const texts = await clauseTexts(page);
      expect(texts[0], 'B’s words stay').toContain(B_TEXT.trim());
      expect(texts[0]).toBe(`${original[0]}${B_TEXT}`.replace(/\s+/gu, ' ').trim());
      expect(texts[3], 'B’s clause stays').toBe(B_CLAUSE);
      expect(texts).toHaveLength(9);
      expect(await clauseNumbers(page)).toEqual(range(9));
    }
    expect(await clauseTexts(a)).toEqual(await clauseTexts(b));
  });

  const expected = await clauseTexts(b);
  await expectAllSaved(a);
  await expectAllSaved(b);
  await app.close();

  await test.step('after a restart both parties’ text is in the file, without A’s undone words', async () => {
    app = await launchApp({ args: [file] });
    const page = await app.firstWindow();
    await expect(ui.workspaceTitle(page)).toHaveText(WORKSPACE_TITLE);
    await openDocument(page, DOC);
    await expect.poll(() => clauseTexts(page)).toEqual(expected);
    expect(await clauseNumbers(page)).toEqual(range(9));
    expect((await clauseTexts(page)).join('\n')).not.toContain(A_TEXT.trim());
    await expect(ui.alert(page)).toHaveCount(0);
  });
});

test('closing a window while its edits are still being saved keeps them (harness)', async ({
  launchApp,
  appMode,
}, testInfo) => {
  test.skip(
    appMode === 'electron',
    "Holding saves in flight means holding main's event loop, which in Electron is also the browser's UI thread: the window could be neither typed in nor closed meanwhile",
  );
  const file = testInfo.outputPath('Close while saving.chancery');
  chancery('new', file, '--sample');

  let app = await launchApp({ args: [file] });
  const a = await app.firstWindow();
  const b = await openSecondWindow(app, file);
  await openDocument(a, DOC);
  await openDocument(b, DOC);
  await expect(ui.clauses(a)).toHaveCount(8);
  const original = await clauseTexts(a);
  const expectedFirst = `${original[0]}${IN_FLIGHT_TEXT}`.replace(/\s+/gu, ' ').trim();

  const main = await holdMain(app, testInfo.outputPath());
  try {
    await useWindow(a);
    await caretToEndOfClause(a, 0);
    await a.keyboard.type(IN_FLIGHT_TEXT);
    await expect.poll(async () => (await clauseTexts(a))[0]).toBe(expectedFirst);
    // The window knows its words are not in the file yet; the user closes it anyway.
    await expect(ui.saveStatus(a)).toHaveAttribute('data-state', 'saving');
    const closed = a.waitForEvent('close');
    await a.close({ runBeforeUnload: true });
    await main.release();
    // The window stays until its edits are saved, then closes by itself.
    await closed;
  } finally {
    await main.release();
  }

  // Every word reached main: the other window shows them all, and says they are saved.
  await expect.poll(async () => (await clauseTexts(b))[0]).toBe(expectedFirst);
  await expectAllSaved(b);
  await app.close();

  app = await launchApp({ args: [file] });
  const page = await app.firstWindow();
  await openDocument(page, DOC);
  await expect.poll(async () => (await clauseTexts(page))[0]).toBe(expectedFirst);
  expect(await clauseTexts(page)).toHaveLength(8);
});
