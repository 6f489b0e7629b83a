import { expect, test } from './harness/app-fixture';
import { filesHoldingPrivateKey, filesUnder } from './support/key-scan';
import { pos, readIdentity } from './support/positions-ui';
import { ui } from './support/ui';
import { fingerprint } from '../shared/positions/fingerprint';
import { parseMemberCard } from '../shared/positions/member-card';

/**
 * Each installation has its own member identity: a key pair made on first start, whose fingerprint
 * Settings shows for comparing by phone, which survives restarts, and whose private key is kept
 * encrypted in the user-data folder (never in the clear, never in a workspace file).
 */

const FINGERPRINT = /^\d{5} \d{5} \d{5} \d{5} \d{5} \d{5}$/u;

test('first start makes a member identity whose fingerprint Settings shows and a restart keeps', async ({ launchApp }, testInfo) => {
  const userDataDir = testInfo.outputPath('home', '.config', 'Chancery');
  let app = await launchApp({ userDataDir, firstRun: true });
  let page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toBeVisible();

  const first = await readIdentity(page);
  expect(first.fingerprint).toMatch(FINGERPRINT);
  // The card carries the very key the fingerprint stands for, so a head can check a pasted card by phone.
  const card = parseMemberCard(first.card);
  expect(fingerprint(card.key)).toBe(first.fingerprint);

  await test.step('Settings says how the key is protected', async () => {
    await pos.settingsButton(page).click();
    const dialog = pos.settingsDialog(page);
    await expect(dialog.getByRole('textbox', { name: 'Display name', exact: true })).toHaveValue(card.name);
    await expect(dialog.getByRole('button', { name: 'Copy member card', exact: true })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Save member card…', exact: true })).toBeVisible();
    // The harness's safeStorage double encrypts, as Electron's does where the OS has a key store.
    await expect(dialog).toContainText(/private key is encrypted/iu);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
  await app.close();

  await test.step('after a restart the same identity is there', async () => {
    app = await launchApp({ userDataDir });
    page = await app.firstWindow();
    await expect(ui.workspaceTitle(page)).toBeVisible();
    const again = await readIdentity(page);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(parseMemberCard(again.card).key).toBe(card.key);
    await app.close();
  });

  await test.step('no file in the user-data folder holds the private key in the clear', async () => {
    const files = filesUnder(userDataDir);
    // The identity is in the folder (something besides the sample and the recent list).
    expect(files.filter((f) => !/\.chancery$|recent-workspaces\.json$/u.test(f)).length, files.join('\n')).toBeGreaterThan(0);
    expect(filesHoldingPrivateKey(userDataDir, card.key)).toEqual([]);
  });
});

test('a new display name is kept, shown on the member card, and the key stays the same', async ({ launchApp, userDataDir }) => {
  let app = await launchApp();
  let page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toBeVisible();
  const before = await readIdentity(page);

  await pos.settingsButton(page).click();
  const dialog = pos.settingsDialog(page);
  await dialog.getByRole('textbox', { name: 'Display name', exact: true }).fill('Amb. Ilse Varga');
  await dialog.getByRole('button', { name: 'Save name', exact: true }).click();
  await expect(dialog.getByRole('textbox', { name: 'Your member card', exact: true })).not.toHaveValue(before.card);
  await page.keyboard.press('Escape');
  await app.close();

  app = await launchApp({ userDataDir });
  page = await app.firstWindow();
  const after = await readIdentity(page);
  expect(parseMemberCard(after.card)).toMatchObject({ name: 'Amb. Ilse Varga', key: parseMemberCard(before.card).key });
  expect(after.fingerprint).toBe(before.fingerprint);
});
