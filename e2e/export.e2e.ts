import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type ChanceryApp } from './harness/app-fixture';
import { answerSaveDialog, caretToEndOfClause, clauseTexts, expectAllSaved, openDocument, ui } from './support/ui';
import { docxToText, docxXml, pdfToText } from '../electron/headless/export/office-readers';
import { sampleWorkspace } from '../shared/sample/sample-workspace';
import { SCRUTINY_COMMENT } from '../shared/sample/sample-positions';

/**
 * Export and named rounds from the window (issue 8). On first start the user convenes the sample
 * and heads its Aldorian delegation. They export the marked-up negotiation through the "Export"
 * dialog as DOCX (read back by LibreOffice and from the archive's XML) and as PDF (read by
 * pdftotext), try a folder that does not exist (told so, nothing written), then cut a round, edit
 * a clause and compare the round with the current text, and open the round read-only.
 */

const sample = sampleWorkspace();
const framework = sample.documents[0]!;
const PRIVATE_NOTE = 'Capital will accept seventy-two hours as a fallback';
/** fw-01: disputed by VEL (with a proposal). */
const DISPUTED = 'Ceasefire.';
const VEL_COMMENT = 'Orders must be able to reach every unit before the ceasefire binds.';
/** fw-10: accepted by every party. */
const AGREED = 'Navigation.';
const ROUND = 'Berlin round';
const INSERTED = 'forthwith';

/** The selectors of the export and rounds UI (e2e/UI-CONTRACT.md, "Export and rounds"). */
const ex = {
  exportButton: (page: Page) => ui.banner(page).getByRole('button', { name: 'Export…', exact: true }),
  roundsButton: (page: Page) => ui.banner(page).getByRole('button', { name: 'Rounds…', exact: true }),
  exportDialog: (page: Page) => page.getByRole('dialog', { name: 'Export', exact: true }),
  roundsDialog: (page: Page) => page.getByRole('dialog', { name: 'Rounds', exact: true }),
  roundDialog: (page: Page, name: string) => page.getByRole('dialog', { name: `Round: ${name}`, exact: true }),
  compareDialog: (page: Page, name: string) => page.getByRole('dialog', { name: `Compare ${name} with current text`, exact: true }),
};

/** Runs one export through the dialog, saving to `path` (the save dialog answered as a user would). */
async function exportVia(app: ChanceryApp, page: Page, path: string, format: 'docx' | 'pdf'): Promise<ReturnType<Page['getByTestId']>> {
  await answerSaveDialog(app, path);
  const dialog = ex.exportDialog(page);
  if (!(await dialog.isVisible())) await ex.exportButton(page).click();
  await expect(dialog).toBeVisible();
  await dialog.getByTestId(`export-format-${format}`).check();
  await expect(dialog.getByTestId('export-marked-up')).toBeChecked();
  await dialog.getByRole('button', { name: 'Export…', exact: true }).click();
  return dialog;
}

/** The line of a text export holding `marker` (a clause's opening words). */
function lineWith(text: string, marker: string): string {
  const line = text.split(/\r?\n/u).find((l) => l.includes(marker));
  if (line === undefined) throw new Error(`no line holds "${marker}" in:\n${text.slice(0, 2000)}`);
  return line;
}

test('the export dialog writes a marked-up DOCX and a PDF that real readers read back; a missing folder is refused and nothing is written', async ({
  launchApp,
}, testInfo) => {
  const dir = testInfo.outputPath('exports');
  mkdirSync(dir, { recursive: true });
  const app = await launchApp();
  const page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toHaveText(sample.title);
  await openDocument(page, framework.title);

  await test.step('ALD keeps a private note on the disputed clause (it must never be exported)', async () => {
    const index = (await clauseTexts(page)).findIndex((t) => t.startsWith(DISPUTED));
    expect(index).toBeGreaterThanOrEqual(0);
    await caretToEndOfClause(page, index);
    const panel = page.getByRole('tabpanel').getByRole('complementary', { name: 'Delegation notes' });
    await panel.getByRole('textbox', { name: 'New note' }).fill(PRIVATE_NOTE);
    await panel.getByRole('button', { name: 'Add note', exact: true }).click();
    await expect(panel.getByTestId('note').filter({ hasText: PRIVATE_NOTE })).toHaveCount(1);
  });

  const docx = join(dir, 'Sample negotiation.docx');
  await test.step('DOCX: saved where the user chose, with its size', async () => {
    const dialog = await exportVia(app, page, docx, 'docx');
    await expect(dialog.getByTestId('export-result')).toHaveText(new RegExp(`^Saved to ${docx.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')} \\(\\d+ KiB\\)$`, 'u'));
    await expect(dialog.getByTestId('export-error')).toHaveCount(0);
    expect(statSync(docx).size).toBeGreaterThan(1000);
  });

  await test.step('LibreOffice reads brackets around the disputed clause only; the footnotes name the parties and their comments', async () => {
    const [text] = await docxToText([docx]);
    const disputed = lineWith(text!, DISPUTED);
    expect(disputed.indexOf('[')).toBeGreaterThanOrEqual(0);
    expect(disputed.indexOf('[')).toBeLessThan(disputed.indexOf(DISPUTED));
    // The closing bracket, then the footnote's reference number (LibreOffice prints the mark, the note's text is in its part).
    expect(disputed).toMatch(/\]\s*\d+\s*$/u);
    const agreed = lineWith(text!, AGREED);
    expect(agreed.slice(0, agreed.indexOf(AGREED))).not.toContain('[');
    expect(agreed).not.toMatch(/\]\s*$/u);
    expect(text).toContain(sample.title);
    expect(text).not.toContain(PRIVATE_NOTE);

    const footnotes = docxXml(docx, 'word/footnotes.xml');
    const plain = footnotes.replace(/<[^>]+>/gu, '').replace(/&amp;/gu, '&').replace(/&quot;/gu, '"').replace(/&apos;/gu, '’');
    expect(plain).toContain(`Disputed by Commonwealth of Velmark (VEL): ${VEL_COMMENT}`);
    expect(plain).toContain(SCRUTINY_COMMENT);
    expect(docxXml(docx)).toContain('w:footnoteReference');
    expect(footnotes + docxXml(docx)).not.toContain(PRIVATE_NOTE);
  });

  const pdf = join(dir, 'Sample negotiation.pdf');
  await test.step('PDF: printed, with the running title and "Page N of M" on its pages', async () => {
    const dialog = await exportVia(app, page, pdf, 'pdf');
    await expect(dialog.getByTestId('export-result')).toHaveText(/^Saved to .*Sample negotiation\.pdf \(\d+ KiB\)$/u, { timeout: 60_000 });
    const text = pdfToText(pdf);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    expect(text).toContain(`Page 1 of ${pages.length}`);
    expect(text).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(pages[pages.length - 1]).toContain(sample.title);
    // pdftotext breaks lines where the page did: read the running text with whitespace collapsed.
    const flowing = text.replace(/\s+/gu, ' ');
    expect(flowing).toContain(`Disputed by Commonwealth of Velmark (VEL): ${VEL_COMMENT}`);
    expect(flowing).not.toContain(PRIVATE_NOTE);
  });

  await test.step('a folder that does not exist: the dialog says so and what to do, and no file appears', async () => {
    const missing = join(dir, 'no-such-folder');
    const target = join(missing, 'Sample negotiation.docx');
    const dialog = await exportVia(app, page, target, 'docx');
    const error = dialog.getByTestId('export-error');
    await expect(error).toBeVisible();
    await expect(error).toHaveAttribute('role', 'alert');
    await expect(error).toContainText(target);
    await expect(error).toContainText('does not exist');
    await expect(error).not.toContainText(/\bat .*\.js:\d+/u);
    await expect(dialog.getByTestId('export-result')).toHaveCount(0);
    expect(existsSync(missing)).toBe(false);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog).toBeHidden();
  });
});

test('the convener cuts a round; after an edit, comparing it with the current text shows the inserted word, and the round opens read-only as it was', async ({
  launchApp,
}) => {
  const app = await launchApp();
  const page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toHaveText(sample.title);
  await openDocument(page, framework.title);
  const index = (await clauseTexts(page)).findIndex((t) => t.startsWith(AGREED));
  expect(index).toBeGreaterThanOrEqual(0);
  const before = (await clauseTexts(page))[index]!;

  await test.step(`cut "${ROUND}" from the rounds dialog`, async () => {
    await ex.roundsButton(page).click();
    const dialog = ex.roundsDialog(page);
    await expect(dialog.getByTestId('rounds-empty')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Round name' }).fill(ROUND);
    await dialog.getByRole('button', { name: 'Cut round', exact: true }).click();
    const row = dialog.getByTestId('round-row').filter({ hasText: ROUND });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('round-figures')).toHaveText(new RegExp(`^${sample.documents.length} documents, \\d+ clauses, [\\d.]+% agreed$`, 'u'));
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('edit the clause after the round', async () => {
    await caretToEndOfClause(page, index);
    await page.keyboard.type(` ${INSERTED}`);
    await expect(ui.clauses(page).nth(index)).toContainText(INSERTED);
    await expectAllSaved(page);
  });

  await test.step('compare the round with the current text: the new word is an insertion, nothing else in the clause changed', async () => {
    await ex.roundsButton(page).click();
    await ex.roundsDialog(page).getByRole('button', { name: `Compare ${ROUND} with current text`, exact: true }).click();
    const dialog = ex.compareDialog(page, ROUND);
    const clause = dialog.getByTestId('compare-clause').filter({ hasText: AGREED });
    await expect(clause).toHaveCount(1);
    await expect(clause).toHaveAttribute('data-kind', 'changed');
    await expect(clause.locator('ins')).toHaveText([new RegExp(`^\\s*${INSERTED}\\s*$`, 'u')]);
    await expect(clause.locator('del')).toHaveCount(0);
    await expect(dialog.getByTestId('compare-clause').locator('ins')).toHaveCount(1);

    await dialog.getByRole('button', { name: 'Side by side', exact: true }).click();
    await expect(clause.getByTestId('compare-new')).toContainText(INSERTED);
    await expect(clause.getByTestId('compare-old')).not.toContainText(INSERTED);
    await dialog.getByRole('button', { name: 'Back to rounds', exact: true }).click();
  });

  await test.step('open the round: read-only, labelled with its name and date, the old text, nothing editable', async () => {
    await ex.roundsDialog(page).getByRole('button', { name: `Open ${ROUND}`, exact: true }).click();
    const dialog = ex.roundDialog(page, ROUND);
    await expect(dialog.getByTestId('round-readonly')).toHaveText(new RegExp(`^Read-only: ${ROUND}, cut \\d{1,2} \\w+ \\d{4}`, 'u'));
    const clause = dialog.getByTestId('round-clause').filter({ hasText: AGREED });
    await expect(clause.getByTestId('round-clause-text')).toHaveText(before);
    await expect(dialog.getByTestId('round-clause-label')).toContainText(['1', '2', '3', '4', '5', '5 bis']);
    // The disputed first clause is bracketed, its positions lettered.
    const disputed = dialog.getByTestId('round-clause').filter({ hasText: DISPUTED });
    await expect(disputed).toHaveAttribute('data-state', 'disputed');
    await expect(disputed.getByTestId('round-clause-text')).toHaveText(/^\[.*\]$/u);
    await expect(disputed.getByRole('listitem', { name: 'VEL: Disputed', exact: true })).toHaveCount(1);
    await expect(dialog.locator('[contenteditable]')).toHaveCount(0);
    await expect(dialog.locator('input, textarea')).toHaveCount(0);
  });
});
