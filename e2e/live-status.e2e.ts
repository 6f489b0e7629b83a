import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/app-fixture';
import { caretToEndOfClause, expectAllSaved, openDocument, ui } from './support/ui';
import { WorkspaceSession } from '../electron/headless/workspace/workspace-session';
import { parseInvitation } from '../shared/live/invitation';
import { clause, doc, h, p } from '../shared/sample/builders';
import { sampleWorkspace } from '../shared/sample/sample-workspace';

/**
 * The connection to the relay, always in the header (e2e/UI-CONTRACT.md, "Live co-editing"): the
 * convener hosts the negotiation on this network and sees the address to give others, invites a
 * delegation through the dialog, goes offline and sees what is typed then counted as not yet
 * confirmed, and going online brings that to 0. No CSP violation on the way. Once with a
 * negotiation the user convenes on opening it, once with the sample (whose convener also heads
 * the first delegation, and so also syncs that delegation's private notes).
 */

const sample = sampleWorkspace();

const live = {
  status: (page: Page) => page.getByTestId('live-status'),
  text: (page: Page) => page.getByTestId('live-status-text'),
  unconfirmed: (page: Page) => page.getByTestId('live-unconfirmed'),
  menu: (page: Page) => page.getByTestId('live-menu'),
  item: (page: Page, name: string) => page.getByRole('menu', { name: 'Co-editing' }).getByRole('menuitem', { name, exact: true }),
};

/** A port nothing listens on now (the system's choice), for the relay to take. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Records console errors and CSP violations the page reports from now on. */
async function watchProblems(page: Page): Promise<string[]> {
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

/** Host, invite, offline, online: the whole status story in a window showing `title`. */
async function hostInviteOfflineOnline(page: Page, title: string, invitee: { party: string }): Promise<void> {
  await expect(ui.workspaceTitle(page)).toHaveText(title);
  const problems = await watchProblems(page);
  await test.step('a workspace that was never online says it is not shared', async () => {
    await expect(live.status(page)).toHaveAttribute('data-state', 'local');
    await expect(live.text(page)).toHaveText('Not shared');
  });

  const port = await freePort();
  await test.step('host on this network: connected, with the addresses to give others', async () => {
    await live.menu(page).click();
    await live.item(page, 'Host on this network…').click();
    const dialog = ui.dialog(page, 'Host on this network');
    await expect(dialog.getByTestId('live-host-port')).toHaveValue('4455');
    await dialog.getByTestId('live-host-port').fill(String(port));
    await dialog.getByTestId('live-host-start').click();
    await expect(live.text(page)).toHaveText('Connected');
    await expect(live.status(page)).toHaveAttribute('data-state', 'connected');
    // The relay has the whole negotiation once it confirmed everything this copy sent it.
    await expect(live.status(page)).toHaveAttribute('data-unconfirmed', '0');
    await expect(page.getByTestId('live-hosting')).toHaveText(`Hosting on port ${port}`);
    const addresses = dialog.getByTestId('live-host-address');
    await expect(addresses.first()).toHaveValue(new RegExp(`^ws://[0-9.]+:${port}$`, 'u'));
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('invite the head of a delegation through the dialog', async () => {
    await live.menu(page).click();
    await live.item(page, 'Invite…').click();
    const dialog = ui.dialog(page, 'Invite');
    await dialog.getByTestId('live-invite-role').selectOption({ label: 'Head of delegation' });
    await dialog.getByTestId('live-invite-party').selectOption(invitee.party);
    await expect(dialog.getByTestId('live-invite-relay')).toHaveValue(new RegExp(`^ws://[0-9.]+:${port}$`, 'u'));
    await dialog.getByTestId('live-invite-create').click();
    const text = dialog.getByTestId('live-invite-text');
    await expect(text).toHaveValue(/^chancery-invitation:/u);
    const invitation = parseInvitation(await text.inputValue());
    expect(invitation).toMatchObject({ workspaceTitle: title, party: invitee.party, role: 'head' });
    expect(invitation.relay).toMatch(new RegExp(`:${port}$`, 'u'));
    expect(Date.parse(invitation.expires) - Date.now()).toBeGreaterThan(6 * 24 * 3600 * 1000);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  });

  await test.step('offline: what is typed is saved and counted as not yet confirmed by the relay', async () => {
    await live.menu(page).click();
    await live.item(page, 'Go offline').click();
    await expect(live.text(page)).toHaveText('Offline');
    await expect(live.unconfirmed(page)).toBeHidden();
    await caretToEndOfClause(page, 0);
    await page.keyboard.type(' Offline.');
    await expectAllSaved(page);
    await expect(live.unconfirmed(page)).toHaveText(/^\d+ changes? not yet confirmed by the relay$/u);
    const count = Number(await live.status(page).getAttribute('data-unconfirmed'));
    expect(count).toBeGreaterThan(0);
  });

  await test.step('online again: connected, and nothing left unconfirmed', async () => {
    await live.menu(page).click();
    await live.item(page, 'Go online').click();
    await expect(live.text(page)).toHaveText('Connected');
    await expect(live.status(page)).toHaveAttribute('data-unconfirmed', '0');
    await expect(live.unconfirmed(page)).toBeHidden();
  });

  expect(problems).toEqual([]);
}

const PARTIES = [
  { code: 'ALD', name: 'Republic of Aldoria', colour: '#1f5fbf' },
  { code: 'VEL', name: 'Commonwealth of Velmark', colour: '#c27c0e' },
];

test('the convener hosts, invites, goes offline and back; the status says so throughout', async ({ launchApp }, testInfo) => {
  // Nobody has convened this file: opening it makes this installation its convener.
  const file = testInfo.outputPath('Harbour talks.chancery');
  const content = doc(h(1, 'Harbour accord'), clause('c-1a1a1a1a1a1a1a1a', p('The Parties reopen the harbour.')));
  WorkspaceSession.create(file, { title: 'Harbour talks', parties: PARTIES, documents: [{ id: 'harbour', title: 'Harbour accord', content }] }).close();
  const app = await launchApp({ args: [file] });
  const page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toHaveText('Harbour talks');
  await openDocument(page, 'Harbour accord');
  await hostInviteOfflineOnline(page, 'Harbour talks', { party: 'VEL' });
});

test('the sample negotiation, whose convener heads a delegation, is hosted the same way', async ({ launchApp }) => {
  const app = await launchApp({ firstRun: true });
  const page = await app.firstWindow();
  await hostInviteOfflineOnline(page, sample.title, { party: 'VEL' });
});
