import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type ChanceryApp, type LaunchOptions } from './harness/app-fixture';
import { carryDocument } from './harness/carry-document';
import { agreementInfo } from './support/agreement-info';
import { admitCard, clauseStates, closeDialog, expectMarker, pos, readIdentity, setPosition, type MarkerStatus } from './support/positions-ui';
import { chanceryRun, openDocument, ui } from './support/ui';
import { parseMemberCard } from '../shared/positions/member-card';
import { sampleWorkspace } from '../shared/sample/sample-workspace';

/**
 * Who may speak for a party, across installations: two app instances with their own user data
 * (so their own member keys) exchange a member card by text, the convener admits or removes the
 * other, and each then works on its own copy of the workspace file, as delegations do offline.
 */

const sample = sampleWorkspace();
const framework = sample.documents[0]!;
const SAMPLE_FILE = 'Sample negotiation.chancery';
const B_NAME = 'Amb. Tomas Brandt';

type Launch = (opts?: LaunchOptions) => Promise<ChanceryApp>;

/** Starts an app and waits until it shows a workspace. */
async function start(launchApp: Launch, opts: LaunchOptions): Promise<{ app: ChanceryApp; page: Page }> {
  const app = await launchApp(opts);
  const page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toHaveText(sample.title);
  return { app, page };
}

/** First start of a second installation: it names its delegate and hands out its member card. */
async function memberCardOf(launchApp: Launch, userDataDir: string, name: string): Promise<{ card: string; fingerprint: string }> {
  const { app, page } = await start(launchApp, { userDataDir, firstRun: true });
  await pos.settingsButton(page).click();
  const settings = pos.settingsDialog(page);
  await settings.getByRole('textbox', { name: 'Display name', exact: true }).fill(name);
  await settings.getByRole('button', { name: 'Save name', exact: true }).click();
  await expect(settings.getByRole('textbox', { name: 'Your member card', exact: true })).toHaveValue(/\S/u);
  await closeDialog(settings);
  const identity = await readIdentity(page);
  expect(parseMemberCard(identity.card).name).toBe(name);
  await app.close();
  return identity;
}

/** The first clause of the active document where `code` has a position other than open, with its status. */
async function clauseWithPosition(page: Page, code: string): Promise<{ n: string; id: string; status: MarkerStatus }> {
  await expect(pos.gutter(page, '1')).toBeVisible();
  const states = await clauseStates(page);
  for (const c of states) {
    const m = c.markers.find((x) => x.party === code);
    if (m && m.status !== 'open' && !m.stale && !m.invalid) return { n: c.n, id: c.id, status: m.status as MarkerStatus };
  }
  throw new Error(`no clause of "${framework.title}" carries a current ${code} position`);
}

interface Envelope {
  ok: boolean;
  error?: { code: string; message: string };
}

/** `window.chancery.positions.set` called from the page itself, as a compromised renderer could. */
function rawSetPosition(page: Page, docId: string, clauseId: string, party: string, status: string): Promise<Envelope> {
  return page.evaluate(
    async ([d, c, p, s]) => {
      type Raw = { positions: { set(...a: unknown[]): Promise<Envelope> } };
      const result = await (window as unknown as { chancery: Raw }).chancery.positions.set(d, c, p, s, null, null);
      return { ok: result.ok, error: result.error };
    },
    [docId, clauseId, party, status] as const,
  );
}

test("a member of another party cannot set ALD's position: the window offers no way and main refuses it", async ({ launchApp }, testInfo) => {
  // Several app starts in one test, one after another: each is a main process and a Chromium.
  test.slow();
  const dirA = testInfo.outputPath('user-a');
  const dirB = testInfo.outputPath('user-b');
  const b = await memberCardOf(launchApp, dirB, B_NAME);

  await test.step('the convener admits B as head of the Velmark delegation (VEL) from B’s member card', async () => {
    const { app, page } = await start(launchApp, { userDataDir: dirA, firstRun: true });
    await admitCard(page, 'Admit head of delegation', b.card, 'VEL');
    const members = pos.members(page, 'VEL');
    await expect(members.getByRole('listitem').filter({ hasText: B_NAME })).toContainText(b.fingerprint);
    await expect(pos.rosterHistory(page)).toContainText(B_NAME);
    await closeDialog(pos.rosterDialog(page));
    await app.close();
  });

  // B works on its own copy (the file is locked while A's app has it open).
  const copy = testInfo.outputPath('Velmark copy.chancery');
  copyFileSync(join(dirA, SAMPLE_FILE), copy);
  const { app, page } = await start(launchApp, { userDataDir: dirB, args: [copy] });
  await openDocument(page, framework.title);
  const ald = await clauseWithPosition(page, 'ALD');
  const n = ald.n;
  const vel = (await clauseStates(page)).find((c) => c.n === n)!.markers.find((m) => m.party === 'VEL')!;

  await test.step("B's window offers no way to set ALD's position", async () => {
    await pos.marker(page, n, 'ALD').click();
    // The next thing B does shows; a dialog the click opened would be showing by then.
    await pos.historyButton(page, n).click();
    await expect(pos.historyDialog(page, n)).toBeVisible();
    await expect(pos.anyPositionDialog(page)).toHaveCount(0);
    await closeDialog(pos.historyDialog(page, n));
    await expectMarker(page, n, 'ALD', ald.status);
  });

  await test.step("B sets VEL's position on the same clause", async () => {
    const status = vel.status === 'disputed' ? 'Reserved' : 'Disputed';
    await setPosition(page, n, 'VEL', status, { comment: 'Velmark cannot accept this wording.', proposal: status === 'Disputed' ? 'Alternative wording from Velmark.' : undefined });
    await expectMarker(page, n, 'VEL', status === 'Disputed' ? 'disputed' : 'reserved');
    await expect(pos.marker(page, n, 'VEL')).toHaveAttribute('title', new RegExp(B_NAME.replace(/\./gu, '\\.'), 'u'));
    await expectMarker(page, n, 'ALD', ald.status);
  });

  await test.step("main refuses ALD's position from B's page (NOT_AUTHORISED), and nothing changes", async () => {
    const result = await rawSetPosition(page, framework.id, ald.id, 'ALD', ald.status === 'accepted' ? 'disputed' : 'accepted');
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('NOT_AUTHORISED');
    expect(result.error?.message).toContain('ALD');
    // A withdrawal is a position too.
    const withdraw = await rawSetPosition(page, framework.id, ald.id, 'ALD', 'withdrawn');
    expect(withdraw.error?.code).toBe('NOT_AUTHORISED');
    await expectMarker(page, n, 'ALD', ald.status);
  });
  await app.close();

  await test.step('every record and roster entry in B’s copy verifies', async () => {
    const verify = chanceryRun('verify', copy);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });
});

test('a position given by a member after their removal arrives as an invalid record and is never counted', async ({ launchApp }, testInfo) => {
  // Several app starts in one test, one after another: each is a main process and a Chromium.
  test.slow();
  const dirA = testInfo.outputPath('user-a');
  const dirB = testInfo.outputPath('user-b');
  const fileA = join(dirA, SAMPLE_FILE);
  const fileB = testInfo.outputPath('Brandt copy.chancery');
  const b = await memberCardOf(launchApp, dirB, B_NAME);

  await test.step('A, head of ALD, enrols B as a member of ALD; B takes a copy of the file', async () => {
    const { app, page } = await start(launchApp, { userDataDir: dirA, firstRun: true });
    await admitCard(page, 'Enrol member', b.card, 'ALD');
    await expect(pos.members(page, 'ALD').getByRole('listitem').filter({ hasText: B_NAME })).toContainText(b.fingerprint);
    await closeDialog(pos.rosterDialog(page));
    await app.close();
    copyFileSync(fileA, fileB);
  });

  await test.step('A removes B in A’s file (B’s copy does not know)', async () => {
    const { app, page } = await start(launchApp, { userDataDir: dirA, args: [fileA] });
    await pos.rosterButton(page).click();
    const roster = pos.rosterDialog(page);
    await roster.getByRole('button', { name: `Remove ${B_NAME}`, exact: true }).click();
    const row = pos.members(page, 'ALD').getByRole('listitem').filter({ hasText: B_NAME });
    await expect(row).toContainText(/removed \S/u);
    await expect(row.getByRole('button', { name: `Remove ${B_NAME}` })).toHaveCount(0);
    await expect(pos.rosterHistory(page).getByRole('listitem').last()).toContainText(B_NAME);
    await closeDialog(roster);
    await app.close();
  });

  let n = '';
  let clauseId = '';
  let before: MarkerStatus = 'open';
  await test.step("B, offline on its copy, disputes a clause in ALD's name", async () => {
    const { app, page } = await start(launchApp, { userDataDir: dirB, args: [fileB] });
    await openDocument(page, framework.title);
    const target = await clauseWithPosition(page, 'ALD');
    ({ n, id: clauseId, status: before } = target);
    expect(before).not.toBe('disputed');
    await setPosition(page, n, 'ALD', 'Disputed', { comment: 'Brandt disputes this.', proposal: 'Wording Brandt proposes.' });
    await expectMarker(page, n, 'ALD', 'disputed');
    await app.close();
  });

  await test.step('B’s document reaches A’s file through the validated path for outside updates', async () => {
    const records = carryDocument(fileB, fileA, framework.id);
    expect(records).toBeGreaterThan(0);
  });

  await test.step('A sees the record as invalid: not counted, the reason in the history', async () => {
    const { app, page } = await start(launchApp, { userDataDir: dirA, args: [fileA] });
    await openDocument(page, framework.title);
    await expectMarker(page, n, 'ALD', before, { invalid: true });
    await expect(pos.clause(page, n)).not.toHaveAttribute('data-state', 'disputed');
    await expect(pos.clause(page, n)).not.toHaveClass(/\bbracketed\b/u);
    await expect(page.getByRole('listitem').filter({ hasText: 'Wording Brandt proposes.' })).toHaveCount(0);

    await pos.historyButton(page, n).click();
    const history = pos.historyDialog(page, n);
    const row = history.getByRole('row').filter({ hasText: B_NAME });
    await expect(row).toHaveCount(1);
    const cells = row.locator('td, th');
    await expect(cells.nth(1)).toHaveText('Disputed');
    await expect(cells.nth(5)).not.toHaveText('valid');
    await expect(cells.nth(5)).toContainText(/removed/iu);
    await closeDialog(history);
    await app.close();
  });

  await test.step('chancery counts it as invalid and verify fails on the file', async () => {
    const info = agreementInfo(fileA);
    const fw = info.documents.find((d) => d.id === framework.id)!;
    expect(fw.agreement.invalid).toBeGreaterThanOrEqual(1);
    expect(info.agreement.invalid).toBeGreaterThanOrEqual(1);
    const verify = chanceryRun('verify', fileA);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`clause ${n}`);
    expect(verify.stdout).toContain(B_NAME);
    const json = chanceryRun('verify', '--json', fileA);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { valid: boolean; problems: { kind: string; clauseId?: string; party?: string; name?: string; reason: string }[] };
    expect(report.valid).toBe(false);
    // Exactly B's record: everything else in the file (A's roster, the sample's positions) verifies.
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'position', clauseId, party: 'ALD', name: B_NAME, reason: 'removed' })]);
  });
});
