import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './harness/app-fixture';
import { answerSaveDialog, ui } from './support/ui';
import { sampleWorkspace } from '../shared/sample/sample-workspace';

const sample = sampleWorkspace();

test('first start on a machine where Chancery never ran opens the sample at its first document', async ({ launchApp }, testInfo) => {
  const userDataDir = testInfo.outputPath('home', '.config', 'Chancery');
  const app = await launchApp({ userDataDir, firstRun: true });
  const page = await app.firstWindow();

  await expect(ui.workspaceTitle(page)).toHaveText(sample.title);
  await expect(ui.tab(page, sample.documents[0]!.title)).toHaveAttribute('aria-selected', 'true');
  await expect(ui.clauses(page).first()).not.toBeEmpty();
  await expect(ui.alert(page)).toHaveCount(0);

  // The folder was made for this user only: it will hold the member's key.
  expect(statSync(userDataDir).mode & 0o777).toBe(0o700);
  expect(statSync(join(userDataDir, 'Sample negotiation.chancery')).isFile()).toBe(true);
});

test('a workspace opens even when the list of recent negotiations cannot be saved', async ({ launchApp, userDataDir }, testInfo) => {
  // A folder where the list's temporary file must go: every save of the list fails.
  mkdirSync(join(userDataDir, 'recent-workspaces.json.tmp'), { recursive: true });
  const app = await launchApp();
  const page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toHaveText(sample.title);

  await ui.closeNegotiation(page).click();
  await expect(ui.welcomeHeading(page)).toBeVisible();
  const file = testInfo.outputPath('Unlisted round.chancery');
  await answerSaveDialog(app, file);
  await ui.newNegotiation(page).click();
  await expect(ui.workspaceTitle(page)).toHaveText('Unlisted round');
  await expect(ui.alert(page)).toHaveCount(0);
});
