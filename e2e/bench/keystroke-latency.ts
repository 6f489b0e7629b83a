/**
 * Row 2: keystroke to paint while typing into a ~30k-word document with a few hundred clauses.
 *
 * The app (harness: real renderer, real preload, IPC to the real main) and the bare
 * y-prosemirror editor (bare-editor/, built by Vite now, same document state, served on loopback)
 * run in the SAME Chromium: the bare page is opened in a second browser context of the app's
 * browser, with the app window's viewport size. Typing alternates between them in blocks (bare,
 * app, bare, app) so that drift in machine load hits both alike.
 *
 * Each key is one Playwright keyboard.press; the page records keydown (capture phase) → the
 * frame after it painted (rAF + MessageChannel); the next key is pressed only after that sample
 * exists plus a random 25–50 ms, so frames never merge and key times fall at random phases of
 * the 60 Hz frame. The caret is put at the end of the first paragraph of the middle clause.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildBareEditor, serveBareEditor } from './bare-editor-server';
import { openBarePage } from './bare-page';
import { launchApp } from './harness-app';
import { armKeyProbe, installKeyProbe, keySamples, openFirstDocument, untilSamples } from './page-probes';
import { seededRandom } from '../../shared/testing/seeded-random';
import { documentState } from './workspace-file';

export interface KeystrokeLatency {
  /** keydown → painted frame, ms, warm-up keys dropped. */
  app: number[];
  bare: number[];
  keysPerEditor: number;
  warmupKeys: number;
  viewport: { width: number; height: number };
  /** Bytes of the document state both editors load. */
  stateBytes: number;
}

const TEXT =
  ' The Parties shall convene the Joint Commission within thirty days, and each Party shall report on the withdrawal of heavy weapons, in writing, to the Mechanism.';

/** Puts the caret at the end of the first paragraph of top-level clause `index`, scrolled to the middle. */
export async function placeCaret(page: Page, index: number): Promise<void> {
  await page.bringToFront();
  await page.evaluate((k) => {
    const editor = document.querySelector<HTMLElement>('.ProseMirror[contenteditable="true"]');
    const paragraph = editor?.querySelectorAll(':scope > section.clause')[k]?.querySelector('p');
    if (!editor || !paragraph) throw new Error(`no clause ${k} to type into`);
    paragraph.scrollIntoView({ block: 'center' });
    editor.focus();
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    range.collapse(false);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, index);
  // ProseMirror reads the DOM selection on selectionchange; give it a frame or two.
  await page.waitForTimeout(150);
}

async function paragraphText(page: Page, index: number): Promise<string> {
  return page.evaluate(
    (k) =>
      document
        .querySelector('.ProseMirror[contenteditable="true"]')
        ?.querySelectorAll(':scope > section.clause')
        [k]?.querySelector('p')?.textContent ?? '',
    index,
  );
}

async function typeBlock(page: Page, text: string, samplesSoFar: number, random: () => number): Promise<number> {
  await armKeyProbe(page, true);
  let n = samplesSoFar;
  for (const ch of text) {
    await page.keyboard.press(ch === ' ' ? 'Space' : ch);
    n += 1;
    await untilSamples(page, n);
    await page.waitForTimeout(25 + random() * 25);
  }
  await armKeyProbe(page, false);
  return n;
}

export async function measureKeystrokeLatency(
  workDir: string,
  target: { path: string; docId: string; clauses: number },
  opts: { keys: number; warmup: number },
): Promise<KeystrokeLatency> {
  const total = opts.keys + opts.warmup;
  const typed = TEXT.repeat(Math.ceil(total / TEXT.length)).slice(0, total);
  const half = Math.ceil(total / 2);
  const blocks = [typed.slice(0, half), typed.slice(half)];
  const clauseIndex = Math.floor(target.clauses / 2);

  // Read the state before the app opens the file (it holds it locked while open).
  const state = documentState(target.path, target.docId);
  const server = await serveBareEditor(await buildBareEditor(), state);
  const app = await launchApp({ userDataDir: mkdtempSync(join(workDir, 'user-data-')), args: [target.path] });
  try {
    const appPage = app.page;
    await openFirstDocument(appPage, null, target.clauses);
    const viewport = await appPage.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight }));

    const { context: bareContext, page: barePage } = await openBarePage(app, server.url, viewport);
    await barePage.waitForFunction(
      (clauses) => {
        const w = window as unknown as { __bareEditorReady?: boolean; __bareEditorError?: string };
        if (w.__bareEditorError) throw new Error(`bare editor: ${w.__bareEditorError}`);
        return w.__bareEditorReady === true && document.querySelectorAll('.ProseMirror > section.clause').length === clauses;
      },
      target.clauses,
      { timeout: 30_000 },
    );

    const pages = { bare: barePage, app: appPage };
    const before = { bare: await paragraphText(barePage, clauseIndex), app: await paragraphText(appPage, clauseIndex) };
    for (const page of Object.values(pages)) await installKeyProbe(page);
    const counts = { bare: 0, app: 0 };
    const random = seededRandom(7);
    for (const block of blocks) {
      for (const which of ['bare', 'app'] as const) {
        await placeCaret(pages[which], clauseIndex);
        counts[which] = await typeBlock(pages[which], block, counts[which], random);
      }
    }

    // The keys really went into the document, in both editors.
    for (const which of ['bare', 'app'] as const) {
      const after = await paragraphText(pages[which], clauseIndex);
      if (after !== before[which] + typed) {
        throw new Error(`${which} editor: the typed text did not land at the end of clause ${clauseIndex + 1}: …${after.slice(-80)}`);
      }
    }
    // Every keystroke durable in the file before the app closes (and compacts).
    await appPage.locator('[role="status"][data-state="saved"]').waitFor({ timeout: 30_000 });

    const bare = (await keySamples(barePage)).slice(opts.warmup);
    const appSamples = (await keySamples(appPage)).slice(opts.warmup);
    if (bare.length !== opts.keys || appSamples.length !== opts.keys) {
      throw new Error(`expected ${opts.keys} samples per editor, got bare ${bare.length}, app ${appSamples.length}`);
    }
    await bareContext.close();
    return { app: appSamples, bare, keysPerEditor: opts.keys, warmupKeys: opts.warmup, viewport, stateBytes: state.byteLength };
  } finally {
    await app.close().catch(async () => app.kill());
    await server.close();
  }
}
