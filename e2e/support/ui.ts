/**
 * What the specs see of the renderer, by the roles and names in e2e/UI-CONTRACT.md. Keep every
 * selector here, so a change to the contract is one edit.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, type ChanceryApp } from '../harness/app-fixture';
import { ROOT } from '../harness/paths';

export const ui = {
  welcomeHeading: (page: Page) => page.getByRole('heading', { level: 1, name: 'Chancery', exact: true }),
  newNegotiation: (page: Page) => page.getByRole('button', { name: 'New negotiation…' }),
  openNegotiation: (page: Page) => page.getByRole('button', { name: 'Open negotiation…' }),
  alert: (page: Page) => page.getByRole('alert'),
  banner: (page: Page) => page.getByRole('banner'),
  workspaceTitle: (page: Page) => page.getByRole('banner').getByRole('heading', { level: 1 }),
  closeNegotiation: (page: Page) => page.getByRole('button', { name: 'Close negotiation' }),

  sidebar: (page: Page) => page.getByRole('navigation', { name: 'Documents' }),
  documentItems: (page: Page) => page.getByRole('navigation', { name: 'Documents' }).getByRole('listitem'),
  documentButton: (page: Page, title: string) =>
    page.getByRole('navigation', { name: 'Documents' }).getByRole('button', { name: title, exact: true }),
  addDocument: (page: Page) => page.getByRole('button', { name: 'Add document' }),
  dialog: (page: Page, name: string) => page.getByRole('dialog', { name }),

  parties: (page: Page) => page.getByRole('list', { name: 'Parties' }).getByRole('listitem'),

  tablist: (page: Page) => page.getByRole('tablist', { name: 'Open documents' }),
  tab: (page: Page, title: string) =>
    page.getByRole('tablist', { name: 'Open documents' }).getByRole('tab', { name: title, exact: true }),
  editor: (page: Page) => page.getByRole('tabpanel').locator('.ProseMirror'),
  clauses: (page: Page) => page.getByRole('tabpanel').locator('.ProseMirror section.clause'),

  toolbarButton: (page: Page, name: string) =>
    page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name, exact: true }),
  saveStatus: (page: Page) => page.getByRole('status', { name: 'Save status' }),
};

/** Waits until the window says every change is on disk. */
export async function expectAllSaved(page: Page): Promise<void> {
  const status = ui.saveStatus(page);
  await expect(status).toHaveAttribute('data-state', 'saved');
  await expect(status).toHaveText('All changes saved');
}

/** The sidebar lists exactly these documents, in this order. */
export async function expectDocumentOrder(page: Page, titles: readonly string[]): Promise<void> {
  const items = ui.documentItems(page);
  await expect(items).toHaveCount(titles.length);
  for (const [i, title] of titles.entries()) {
    await expect(items.nth(i).getByRole('button', { name: title, exact: true })).toBeVisible();
  }
}

/** Opens a document from the sidebar; resolves when its tab is selected and its editor shows. */
export async function openDocument(page: Page, title: string): Promise<Locator> {
  await ui.documentButton(page, title).click();
  await expect(ui.tab(page, title)).toHaveAttribute('aria-selected', 'true');
  const editor = ui.editor(page);
  await expect(editor).toBeVisible();
  return editor;
}

/**
 * The text of each clause of the active document, in order: its own words, blocks separated by a
 * space. Not `innerText`: that would also give what the editor draws around the text (the position
 * gutter and the proposals list are widgets inside the clause; the number, brackets and icons are
 * CSS-generated content), none of which is the clause's text.
 */
export async function clauseTexts(page: Page): Promise<string[]> {
  return ui.clauses(page).evaluateAll((els) =>
    els.map((el) => {
      const parts: string[] = [];
      const walk = (node: Node) => {
        if (node.nodeType === Node.TEXT_NODE) {
          parts.push(node.textContent ?? '');
          return;
        }
        if (!(node instanceof HTMLElement) || node.classList.contains('ProseMirror-widget')) return;
        if (node.tagName === 'BR' || getComputedStyle(node).display !== 'inline') parts.push(' ');
        node.childNodes.forEach(walk);
      };
      el.childNodes.forEach(walk);
      return parts.join('').replace(/\s+/gu, ' ').trim();
    }),
  );
}

/** The derived numbers of the clauses of the active document, in order. */
export async function clauseNumbers(page: Page): Promise<string[]> {
  return ui.clauses(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-number') ?? ''));
}

/** Makes the next "New negotiation…" save dialog answer `path` (as a user picking it would). */
export async function answerSaveDialog(app: ChanceryApp, path: string): Promise<void> {
  await app.evaluateMain(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
  }, path);
}

/**
 * From a window showing any workspace (first start shows the sample): close it, then create a new
 * negotiation at `path` through the welcome screen. Resolves when the new workspace is shown.
 */
export async function createWorkspace(app: ChanceryApp, page: Page, path: string): Promise<void> {
  // Wait for whichever screen the window settles on first: a workspace, or the welcome screen.
  await expect(ui.closeNegotiation(page).or(ui.welcomeHeading(page))).toBeVisible();
  if (await ui.closeNegotiation(page).isVisible()) await ui.closeNegotiation(page).click();
  await expect(ui.welcomeHeading(page)).toBeVisible();
  await answerSaveDialog(app, path);
  await ui.newNegotiation(page).click();
  await expect(ui.banner(page)).toBeVisible();
  await expect(ui.sidebar(page)).toBeVisible();
}

/** Adds a document through the "New document" dialog; resolves when the sidebar lists it. */
export async function addDocument(page: Page, title: string): Promise<void> {
  await ui.addDocument(page).click();
  const dialog = ui.dialog(page, 'New document');
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toBeHidden();
  await expect(ui.documentButton(page, title)).toBeVisible();
}

/**
 * Puts the caret at the end of the text of clause `index` (0-based) of the active document, as a
 * user does: a click on the last line of the clause's last paragraph, then End (which goes to the
 * end of that line, so the click must be on the last line of a paragraph that wraps).
 */
export async function caretToEndOfClause(page: Page, index: number): Promise<void> {
  const lastParagraph = ui.clauses(page).nth(index).locator('p').last();
  await lastParagraph.scrollIntoViewIfNeeded();
  const box = await lastParagraph.boundingBox();
  if (!box) throw new Error(`clause ${index + 1} has no visible paragraph`);
  await lastParagraph.click({ position: { x: Math.max(1, box.width - 2), y: Math.max(1, box.height - 3) } });
  await page.keyboard.press('End');
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}


/** Runs the built `chancery` command line; returns its stdout (throws on a non-zero exit). */
export function chancery(...args: string[]): string {
  return execFileSync(process.execPath, [join(ROOT, 'out', 'main', 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** Runs the built `chancery` command line and returns how it ended, whatever the exit code. */
export function chanceryRun(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'out', 'main', 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
