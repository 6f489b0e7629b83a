import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test } from './harness/app-fixture';
import { chancery, sha256, ui } from './support/ui';

/** The side files SQLite would leave if it had opened the file for writing. */
function sideFiles(path: string): string[] {
  return ['-wal', '-shm', '-journal'].map((s) => path + s).filter((p) => existsSync(p));
}

test('a corrupt file is reported and left untouched', async ({ launchApp }, testInfo) => {
  const file = testInfo.outputPath('x.chancery');
  writeFileSync(file, randomBytes(64 * 1024));
  const before = sha256(file);

  const app = await launchApp({ args: [file] });
  const page = await app.firstWindow();
  const alert = ui.alert(page);
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/damaged|corrupt/i);
  await expect(alert).toContainText('x.chancery');
  await expect(ui.welcomeHeading(page)).toBeVisible();
  await app.close();

  expect(sha256(file)).toBe(before);
  expect(sideFiles(file)).toEqual([]);
});

test('an SQLite file from another program is reported as not a Chancery workspace and left untouched', async ({
  launchApp,
}, testInfo) => {
  const file = testInfo.outputPath('foreign.chancery');
  const db = new Database(file);
  db.exec("CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('Ana', '+1 555 0100');");
  db.close();
  const before = sha256(file);
  expect(sideFiles(file)).toEqual([]);

  const app = await launchApp({ args: [file] });
  const page = await app.firstWindow();
  const alert = ui.alert(page);
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/not a Chancery workspace/i);
  await expect(ui.welcomeHeading(page)).toBeVisible();
  await app.close();

  expect(sha256(file)).toBe(before);
  expect(sideFiles(file)).toEqual([]);
});

test('a second instance on a file that is already open says it is open in another window', async ({
  launchApp,
}, testInfo) => {
  const file = testInfo.outputPath('Shared round.chancery');
  chancery('new', '--sample', file);

  const first = await launchApp({ args: [file] });
  const firstPage = await first.firstWindow();
  await expect(ui.workspaceTitle(firstPage)).toBeVisible();
  await expect(ui.alert(firstPage)).toHaveCount(0);

  // A second instance (its own profile, so Electron's single-instance lock does not forward it).
  const second = await launchApp({ args: [file], userDataDir: testInfo.outputPath('second-user-data') });
  const page = await second.firstWindow();
  const alert = ui.alert(page);
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/open in another/i);
  await expect(ui.welcomeHeading(page)).toBeVisible();

  // The first instance still shows its workspace.
  await expect(ui.workspaceTitle(firstPage)).toBeVisible();
  await expect(ui.alert(firstPage)).toHaveCount(0);
});
