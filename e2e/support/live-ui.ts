/**
 * What the specs see of live co-editing and delegation notes, by the roles, names and test ids in
 * e2e/UI-CONTRACT.md ("Live co-editing", "Private notes"). Keep every such selector here, so a
 * change to the contract is one edit.
 */
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, type ChanceryApp } from '../harness/app-fixture';
import { closeDialog, pos } from './positions-ui';
import { ui } from './ui';

/** Long enough for three apps (three main processes and three browsers) sharing two cores. */
export const LIVE_TIMEOUT = 60_000;

export const live = {
  status: (page: Page) => page.getByTestId('live-status'),
  text: (page: Page) => page.getByTestId('live-status-text'),
  unconfirmed: (page: Page) => page.getByTestId('live-unconfirmed'),
  hosting: (page: Page) => page.getByTestId('live-hosting'),
  menu: (page: Page) => page.getByTestId('live-menu'),
  item: (page: Page, name: string) => page.getByRole('menu', { name: 'Co-editing' }).getByRole('menuitem', { name, exact: true }),
  /** Remote cursors drawn in the active document's editor. */
  cursors: (page: Page) => ui.editor(page).getByTestId('presence-cursor'),
};

export const notes = {
  panel: (page: Page) => page.getByRole('tabpanel').getByRole('complementary', { name: 'Delegation notes' }),
  privacy: (page: Page) => notes.panel(page).getByTestId('notes-privacy'),
  clause: (page: Page) => notes.panel(page).getByTestId('notes-clause'),
  empty: (page: Page) => notes.panel(page).getByTestId('notes-empty'),
  input: (page: Page) => notes.panel(page).getByRole('textbox', { name: 'New note' }),
  add: (page: Page) => notes.panel(page).getByRole('button', { name: 'Add note', exact: true }),
  items: (page: Page) => notes.panel(page).getByTestId('note'),
};

/** A port nothing listens on now (the system's choice), for the relay to take. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Records console errors, page errors and CSP violations the page reports from now on. */
export async function watchProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  // Reported as a console error, which the listener above collects (the harness owns the page's bindings).
  await page.evaluate(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.effectiveDirective} ${e.blockedURI}`));
  });
  return problems;
}

/** Settings → "Display name": how this installation is named to the others. */
export async function setDisplayName(page: Page, name: string): Promise<void> {
  await pos.settingsButton(page).click();
  const settings = pos.settingsDialog(page);
  await settings.getByRole('textbox', { name: 'Display name', exact: true }).fill(name);
  await settings.getByRole('button', { name: 'Save name', exact: true }).click();
  await expect(settings.getByRole('textbox', { name: 'Display name', exact: true })).toHaveValue(name);
  await closeDialog(settings);
}

/** Waits until the header says the workspace is connected and the relay confirmed everything. */
export async function expectConnected(page: Page): Promise<void> {
  await expect(live.status(page)).toHaveAttribute('data-state', 'connected', { timeout: LIVE_TIMEOUT });
  await expect(live.text(page)).toHaveText('Connected');
  await expect(live.status(page)).toHaveAttribute('data-unconfirmed', '0', { timeout: LIVE_TIMEOUT });
}

/** "Host on this network…" on `port`; resolves with the addresses the dialog gives others. */
export async function hostOnNetwork(page: Page, port: number): Promise<string[]> {
  await live.menu(page).click();
  await live.item(page, 'Host on this network…').click();
  const dialog = ui.dialog(page, 'Host on this network');
  await dialog.getByTestId('live-host-port').fill(String(port));
  await dialog.getByTestId('live-host-start').click();
  await expectConnected(page);
  await expect(live.hosting(page)).toHaveText(`Hosting on port ${port}`);
  const fields = dialog.getByTestId('live-host-address');
  await expect(fields.first()).toHaveValue(new RegExp(`^ws://[0-9.]+:${port}$`, 'u'));
  const addresses = await fields.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
  return addresses;
}

/** "Host on this network…" → "Stop hosting": the relay stops, this copy goes offline (and is not hosted again on reopening). */
export async function stopHosting(page: Page): Promise<void> {
  await live.menu(page).click();
  await live.item(page, 'Host on this network…').click();
  const dialog = ui.dialog(page, 'Host on this network');
  await dialog.getByTestId('live-host-stop').click();
  await expect(live.status(page)).toHaveAttribute('data-state', 'offline', { timeout: LIVE_TIMEOUT });
  await expect(live.hosting(page)).toBeHidden();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** "Invite…": an invitation for `role` of `party`; resolves with the invitation's text. */
export async function createInvitation(page: Page, role: 'Head of delegation' | 'Delegate' | 'Observer', party: string | null): Promise<string> {
  await live.menu(page).click();
  await live.item(page, 'Invite…').click();
  const dialog = ui.dialog(page, 'Invite');
  await dialog.getByTestId('live-invite-role').selectOption({ label: role });
  if (party !== null) await dialog.getByTestId('live-invite-party').selectOption(party);
  await expect(dialog.getByTestId('live-invite-relay')).toHaveValue(/^ws:\/\/\S+:\d+$/u);
  await dialog.getByTestId('live-invite-create').click();
  const field = dialog.getByTestId('live-invite-text');
  await expect(field).toHaveValue(/^chancery-invitation:/u);
  const text = await field.inputValue();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
  return text;
}

/**
 * "Join with an invitation…" from the co-editing menu: pastes `invitation`, answers the "where to
 * keep the local copy" dialog with `path` (as a user picking it would) and waits for the joined
 * workspace to be shown, connected.
 */
export async function joinWithInvitation(app: ChanceryApp, page: Page, invitation: string, path: string): Promise<void> {
  await app.evaluateMain(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
  }, path);
  await live.menu(page).click();
  await live.item(page, 'Join with an invitation…').click();
  const dialog = ui.dialog(page, 'Join with an invitation');
  await dialog.getByTestId('live-join-text').fill(invitation);
  await dialog.getByTestId('live-join-submit').click();
  await expect(dialog).toBeHidden({ timeout: LIVE_TIMEOUT });
  await expectConnected(page);
}

/** "Go offline" / "Go online" from the co-editing menu. */
export async function goOffline(page: Page): Promise<void> {
  await live.menu(page).click();
  await live.item(page, 'Go offline').click();
  await expect(live.status(page)).toHaveAttribute('data-state', 'offline');
  await expect(live.text(page)).toHaveText('Offline');
}

export async function goOnline(page: Page): Promise<void> {
  await live.menu(page).click();
  await live.item(page, 'Go online').click();
  await expectConnected(page);
}
