import { expect, test } from './harness/app-fixture';
import {
  addDocument,
  clauseNumbers,
  clauseTexts,
  createWorkspace,
  expectAllSaved,
  expectDocumentOrder,
  openDocument,
  ui,
} from './support/ui';

const CLAUSES = [
  'The Parties reaffirm their commitment to a just and lasting settlement.',
  'A Joint Water Commission shall be established within thirty days.',
  'Each Party shall designate three members of the Commission.',
];

test('a new negotiation keeps its drafted clauses across a restart', async ({ launchApp }, testInfo) => {
  const file = testInfo.outputPath('Drafting round.chancery');
  const doc = 'Annex on water sharing';

  let app = await launchApp();
  let page = await app.firstWindow();
  await createWorkspace(app, page, file);
  await expect(ui.workspaceTitle(page)).toHaveText('Drafting round');

  await addDocument(page, doc);
  await openDocument(page, doc);
  await expect(ui.clauses(page)).toHaveCount(1);

  // Clause 1 in the empty first clause, clause 2 with Mod-Enter, clause 3 with the toolbar.
  await ui.clauses(page).first().click();
  await page.keyboard.type(CLAUSES[0]!);
  await page.keyboard.press('ControlOrMeta+Enter');
  await page.keyboard.type(CLAUSES[1]!);
  await ui.toolbarButton(page, 'Clause').click();
  await page.keyboard.type(CLAUSES[2]!);

  await expect.poll(() => clauseTexts(page)).toEqual(CLAUSES);
  expect(await clauseNumbers(page)).toEqual(['1', '2', '3']);
  await expectAllSaved(page);
  await app.close();

  app = await launchApp({ args: [file] });
  page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toHaveText('Drafting round');
  await expectDocumentOrder(page, [doc]);
  await openDocument(page, doc);
  await expect.poll(() => clauseTexts(page)).toEqual(CLAUSES);
  expect(await clauseNumbers(page)).toEqual(['1', '2', '3']);
  await expect(ui.alert(page)).toHaveCount(0);
});

test('renaming, reordering and deleting documents shows in the sidebar and survives a restart', async ({
  launchApp,
}, testInfo) => {
  const file = testInfo.outputPath('Sidebar round.chancery');
  let app = await launchApp();
  let page = await app.firstWindow();
  await createWorkspace(app, page, file);

  await addDocument(page, 'Annex A');
  await addDocument(page, 'Annex B');
  await addDocument(page, 'Annex C');
  await expectDocumentOrder(page, ['Annex A', 'Annex B', 'Annex C']);

  // Rename B.
  await page.getByRole('button', { name: 'Rename Annex B', exact: true }).click();
  const rename = ui.dialog(page, 'Rename document');
  await rename.getByRole('textbox', { name: 'Title' }).fill('Annex B (ceasefire lines)');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  await expectDocumentOrder(page, ['Annex A', 'Annex B (ceasefire lines)', 'Annex C']);

  // Move C up, then A down.
  await page.getByRole('button', { name: 'Move Annex C up', exact: true }).click();
  await expectDocumentOrder(page, ['Annex A', 'Annex C', 'Annex B (ceasefire lines)']);
  await page.getByRole('button', { name: 'Move Annex A down', exact: true }).click();
  await expectDocumentOrder(page, ['Annex C', 'Annex A', 'Annex B (ceasefire lines)']);

  // Delete A: cancel first (nothing happens), then confirm.
  await page.getByRole('button', { name: 'Delete Annex A', exact: true }).click();
  let del = ui.dialog(page, 'Delete document');
  await del.getByRole('button', { name: 'Cancel' }).click();
  await expect(del).toBeHidden();
  await expectDocumentOrder(page, ['Annex C', 'Annex A', 'Annex B (ceasefire lines)']);
  await page.getByRole('button', { name: 'Delete Annex A', exact: true }).click();
  del = ui.dialog(page, 'Delete document');
  await del.getByRole('button', { name: 'Delete' }).click();
  await expect(del).toBeHidden();
  await expectDocumentOrder(page, ['Annex C', 'Annex B (ceasefire lines)']);

  await expectAllSaved(page);
  await app.close();

  app = await launchApp({ args: [file] });
  page = await app.firstWindow();
  await expectDocumentOrder(page, ['Annex C', 'Annex B (ceasefire lines)']);
  await openDocument(page, 'Annex B (ceasefire lines)');
  await expect(ui.tab(page, 'Annex B (ceasefire lines)')).toBeVisible();
});
