import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/app-fixture';
import { caretToEndOfClause, chancery, chanceryRun, clauseTexts, expectAllSaved, openDocument, sha256, ui } from './support/ui';
import { sampleWorkspace } from '../shared/sample/sample-workspace';
import { HOSTILE_DOCUMENT_UPDATES, manifestRetitle } from '../shared/testing/hostile-updates';

/**
 * The hub stores only what it can read back, seen from outside: hostile updates pushed through the
 * real IPC channel by a window's own page, and damaged files opened in the app.
 */

const sample = sampleWorkspace();
const framework = sample.documents[0]!;
const annex = sample.documents[1]!;

interface Envelope {
  ok: boolean;
  error?: { code: string; message: string };
}

/** Calls the preload's raw API from the page, as a compromised renderer could. */
async function rawCall(page: Page, method: 'openDoc' | 'pushUpdate', docId: string, bytes?: number[]): Promise<Envelope & { value?: number[] }> {
  return page.evaluate(
    async ([m, id, b]) => {
      const api = (window as unknown as { chancery: { sync: Record<string, (...a: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>> } }).chancery.sync;
      const result = await (m === 'openDoc' ? api.openDoc!(id) : api.pushUpdate!(id, new Uint8Array(b ?? [])));
      return { ok: result.ok, error: result.error, value: result.value instanceof Uint8Array ? Array.from(result.value) : undefined } as Envelope & { value?: number[] };
    },
    [method, docId, bytes] as const,
  );
}

type Info = { documents: { id: string; title: string; clauses: number; words: number }[]; damaged?: { id: string }[] };
const info = (file: string): Info => JSON.parse(chancery('info', '--json', file)) as Info;

test('updates a window must not send are refused over IPC, and neither the file nor the screen changes', async ({ launchApp, userDataDir }) => {
  const app = await launchApp();
  const page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toHaveText(sample.title);
  await openDocument(page, framework.title);
  const shown = await clauseTexts(page);

  const opened = await rawCall(page, 'openDoc', framework.id);
  expect(opened.ok).toBe(true);
  const state = Uint8Array.from(opened.value!);
  for (const hostile of HOSTILE_DOCUMENT_UPDATES) {
    const result = await rawCall(page, 'pushUpdate', framework.id, Array.from(hostile.make(state)));
    expect(result.ok, hostile.name).toBe(false);
    expect(result.error?.code, hostile.name).toBe('INVALID_UPDATE');
    expect(result.error?.message, hostile.name).toContain(framework.title);
  }

  const manifest = await rawCall(page, 'openDoc', 'manifest');
  const retitle = await rawCall(page, 'pushUpdate', 'manifest', Array.from(manifestRetitle(Uint8Array.from(manifest.value!), 'Taken over')));
  expect(retitle.error?.code).toBe('INVALID_UPDATE');

  // Nothing reached the screen, and the hub still takes ordinary edits.
  await expect(ui.workspaceTitle(page)).toHaveText(sample.title);
  expect(await clauseTexts(page)).toEqual(shown);
  await caretToEndOfClause(page, 0);
  await page.keyboard.type(' Agreed.');
  await expectAllSaved(page);
  await app.close();

  // Nothing reached the file: the sample's figures, plus two words.
  const file = join(userDataDir, 'Sample negotiation.chancery');
  const after = info(file);
  expect(after.documents.map((d) => d.title)).toEqual(sample.documents.map((d) => d.title));
  expect(after.damaged).toBeUndefined();
  const fresh = join(userDataDir, 'fresh.chancery');
  chancery('new', '--sample', fresh);
  const expected = info(fresh).documents;
  expect(after.documents.map((d) => d.clauses)).toEqual(expected.map((d) => d.clauses));
  expect(after.documents[0]!.words).toBe(expected[0]!.words + 1);
});

/** The stored bytes of `docId` (read-only: the file must not change). */
function rowsOf(file: string, docId: string): Buffer[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT data FROM updates WHERE doc_id = ? ORDER BY seq').pluck().all(docId) as Buffer[];
  } finally {
    db.close();
  }
}

/** Flips a byte in the middle of each stored row of `docId`, as bit rot on a USB stick would. */
function flipRows(file: string, docId: string): void {
  const db = new Database(file);
  try {
    const rows = db.prepare('SELECT seq, data FROM updates WHERE doc_id = ?').all(docId) as { seq: number; data: Buffer }[];
    for (const { seq, data } of rows) {
      const at = Math.floor(data.length / 2);
      data[at] = data[at]! ^ 0x20;
      db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(data, seq);
    }
  } finally {
    db.close();
  }
}

test('a damaged document is shown as damaged, the others open and save, and it is never written to', async ({ launchApp }, testInfo) => {
  const file = testInfo.outputPath('Damaged round.chancery');
  chancery('new', '--sample', file);
  flipRows(file, annex.id);
  const damagedRows = rowsOf(file, annex.id);

  const app = await launchApp({ args: [file] });
  const page = await app.firstWindow();
  // Opening a workspace shows its first document at once.
  await expect(ui.tab(page, framework.title)).toHaveAttribute('aria-selected', 'true');
  await expect(ui.clauses(page).first()).toBeVisible();

  await ui.documentButton(page, annex.title).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('alert')).toContainText(`“${annex.title}” is damaged`);
  await expect(panel.getByRole('alert')).toContainText(/backup|colleague/u);

  await ui.tab(page, framework.title).click();
  await caretToEndOfClause(page, 0);
  await page.keyboard.type(' Agreed.');
  await expectAllSaved(page);
  await app.close();

  expect(rowsOf(file, annex.id)).toEqual(damagedRows);
  const after = chanceryRun('info', '--json', file);
  expect(after.code).toBe(1);
  expect(after.stderr.trim().split('\n')).toHaveLength(1);
  expect((JSON.parse(after.stdout) as Info).damaged?.map((d) => d.id)).toEqual([annex.id]);
});

test('a workspace whose list of documents is damaged is refused and left exactly as it was', async ({ launchApp }, testInfo) => {
  const file = testInfo.outputPath('No manifest.chancery');
  chancery('new', '--sample', file);
  flipRows(file, 'manifest');
  const before = sha256(file);

  const app = await launchApp({ args: [file] });
  const page = await app.firstWindow();
  await expect(ui.alert(page)).toContainText(/list of documents and parties .*damaged/u);
  await expect(ui.welcomeHeading(page)).toBeVisible();
  await app.close();

  expect(sha256(file)).toBe(before);
  expect(['-wal', '-shm', '-journal'].filter((s) => existsSync(file + s))).toEqual([]);
});

test('the tabs open when a workspace was closed are open again when it is reopened', async ({ launchApp }, testInfo) => {
  const file = testInfo.outputPath('Tabs round.chancery');
  chancery('new', '--sample', file);
  const copy = testInfo.outputPath('Tabs round copy.chancery');
  copyFileSync(file, copy);

  let app = await launchApp({ args: [file] });
  let page = await app.firstWindow();
  await openDocument(page, sample.documents[3]!.title);
  await openDocument(page, sample.documents[2]!.title);
  await ui.tab(page, sample.documents[3]!.title).click();
  await expect(ui.tablist(page).getByRole('tab')).toHaveCount(3);
  await app.close();

  app = await launchApp({ args: [file] });
  page = await app.firstWindow();
  const tabs = ui.tablist(page).getByRole('tab');
  await expect(tabs).toHaveText([framework.title, sample.documents[3]!.title, sample.documents[2]!.title]);
  await expect(ui.tab(page, sample.documents[3]!.title)).toHaveAttribute('aria-selected', 'true');
  await app.close();

  // A copy of the file made before: no saved tabs, so the first document opens.
  app = await launchApp({ args: [copy] });
  page = await app.firstWindow();
  await expect(ui.tablist(page).getByRole('tab')).toHaveText([framework.title]);
});
