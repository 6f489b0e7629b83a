import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type ChanceryApp, type LaunchOptions } from './harness/app-fixture';
import { agreementInfo } from './support/agreement-info';
import {
  createInvitation,
  expectConnected,
  freePort,
  goOffline,
  goOnline,
  hostOnNetwork,
  joinWithInvitation,
  live,
  LIVE_TIMEOUT,
  notes,
  setDisplayName,
  stopHosting,
  watchProblems,
} from './support/live-ui';
import { clauseStates, expectMarker, pos, setPosition } from './support/positions-ui';
import { caretToEndOfClause, chanceryRun, clauseTexts, expectAllSaved, openDocument, ui } from './support/ui';
import { parseInvitation } from '../shared/live/invitation';
import { sampleWorkspace } from '../shared/sample/sample-workspace';

/**
 * Three delegations on three installations co-edit the sample negotiation live (issue 7): the
 * convener (head of ALD) hosts it on this network and invites the heads of VEL and MPS, who join
 * by pasting the invitation. Everyone's typing reaches everyone, a position set by VEL moves the
 * same marker and the same meters everywhere, VEL's caret shows in the convener's editor in VEL's
 * colour, an installation that went offline catches up when it is back, VEL's private note never
 * reaches the other two, and every copy, reopened with the relay gone, holds all the text.
 */

const sample = sampleWorkspace();
const framework = sample.documents[0]!;
const SAMPLE_FILE = 'Sample negotiation.chancery';
const VEL_COLOUR = sample.parties.find((p) => p.code === 'VEL')!.colour;
const NAMES = { a: 'Min. Ilse Aldrin', b: 'Amb. Tomas Brandt', c: 'Dr. Mara Castell' } as const;
const NOTE = 'Velmark bottom line: the corridor may not pass north of the river';

/** What each one types, and into which clause (0-based index in the framework document). */
const TYPED = {
  a: { index: 1, text: ' Aldoria adds this sentence live.' },
  b: { index: 2, text: ' Velmark adds this sentence live.' },
  c: { index: 3, text: ' Meridian adds this sentence live.' },
  cOffline: { index: 4, text: ' Meridian wrote this while offline.' },
  aMeanwhile: { index: 5, text: ' Aldoria wrote this meanwhile.' },
} as const;

type Launch = (opts?: LaunchOptions) => Promise<ChanceryApp>;
interface Member {
  app: ChanceryApp;
  page: Page;
  problems: string[];
}

/** First start of an installation with its own user data: the sample shows; its user is named `name`. */
async function firstStart(launchApp: Launch, userDataDir: string, name: string): Promise<Member> {
  const app = await launchApp({ userDataDir, firstRun: true });
  const page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toHaveText(sample.title);
  const problems = await watchProblems(page);
  await setDisplayName(page, name);
  return { app, page, problems };
}

/** Types `text` at the end of clause `index` of the active document. */
async function typeInClause(page: Page, index: number, text: string): Promise<void> {
  await caretToEndOfClause(page, index);
  await page.keyboard.type(text);
  await expectAllSaved(page);
}

/** Waits until clause `index` of the active document shows `text`. */
async function expectClauseText(page: Page, index: number, text: string): Promise<void> {
  await expect.poll(async () => (await clauseTexts(page))[index] ?? '', { timeout: LIVE_TIMEOUT }).toContain(text.trim());
}

/** The package and framework meters' values, once shown. */
async function meters(page: Page): Promise<{ pkg: string | null; doc: string | null }> {
  await expect(pos.packageMeter(page)).toHaveAttribute('aria-valuenow', /^\d/u);
  return {
    pkg: await pos.packageMeter(page).getAttribute('aria-valuenow'),
    doc: await pos.documentMeter(page, framework.title).getAttribute('aria-valuenow'),
  };
}

/** The workspace file and what SQLite may still hold beside it. */
function fileBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`, `${path}-journal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
}

test('three delegations co-edit live: text, positions, cursors, offline catch-up and private notes', async ({ launchApp }, testInfo) => {
  test.setTimeout(300_000);
  const dirs = { a: testInfo.outputPath('user-a'), b: testInfo.outputPath('user-b'), c: testInfo.outputPath('user-c') };
  const joined = testInfo.outputPath('joined');
  mkdirSync(joined, { recursive: true });
  const files = { a: join(dirs.a, SAMPLE_FILE), b: join(joined, 'Velmark copy.chancery'), c: join(joined, 'Meridian copy.chancery') };
  const timings: Record<string, number> = {};
  let mark = Date.now();
  const lap = (name: string) => {
    timings[name] = Date.now() - mark;
    mark = Date.now();
  };

  const a = await firstStart(launchApp, dirs.a, NAMES.a);
  const port = await freePort();
  let addresses: string[] = [];
  await test.step('A, convener and head of ALD, hosts the sample on this network', async () => {
    addresses = await hostOnNetwork(a.page, port);
    expect(addresses.length).toBeGreaterThan(0);
  });
  lap('host');

  const invitations = { vel: '', mps: '' };
  await test.step('A invites the head of VEL and the head of MPS', async () => {
    invitations.vel = await createInvitation(a.page, 'Head of delegation', 'VEL');
    invitations.mps = await createInvitation(a.page, 'Head of delegation', 'MPS');
    for (const [text, party] of [[invitations.vel, 'VEL'], [invitations.mps, 'MPS']] as const) {
      const inv = parseInvitation(text);
      expect(inv).toMatchObject({ workspaceTitle: sample.title, party, role: 'head', relay: addresses[0] });
    }
  });
  lap('invite');

  const b = await firstStart(launchApp, dirs.b, NAMES.b);
  const c = await firstStart(launchApp, dirs.c, NAMES.c);
  await test.step('B and C join by pasting their invitations and choosing where to keep the copy', async () => {
    await joinWithInvitation(b.app, b.page, invitations.vel, files.b);
    await joinWithInvitation(c.app, c.page, invitations.mps, files.c);
    for (const m of [b, c]) await expect(ui.workspaceTitle(m.page)).toHaveText(sample.title);
    expect(existsSync(files.b) && existsSync(files.c)).toBe(true);
  });
  lap('join');

  const everyone = [a, b, c];
  await test.step('each types into its own clause and sees the other two’s text', async () => {
    for (const m of everyone) await openDocument(m.page, framework.title);
    await typeInClause(a.page, TYPED.a.index, TYPED.a.text);
    await typeInClause(b.page, TYPED.b.index, TYPED.b.text);
    await typeInClause(c.page, TYPED.c.index, TYPED.c.text);
    for (const m of everyone) {
      for (const t of [TYPED.a, TYPED.b, TYPED.c]) await expectClauseText(m.page, t.index, t.text);
    }
  });
  lap('type');

  await test.step('B sets a VEL position; A and C see the marker change and the same meters', async () => {
    await expect(b.page.getByRole('tabpanel').locator('section.clause[data-state="agreed"]').first()).toBeAttached();
    const agreed = (await clauseStates(b.page)).find((s) => s.state === 'agreed');
    if (!agreed) throw new Error('no clause of the framework is agreed by all');
    const before = await meters(b.page);
    await setPosition(b.page, agreed.n, 'VEL', 'Reserved', { comment: 'Velmark reserves its position on this clause.' });
    await expectMarker(b.page, agreed.n, 'VEL', 'reserved');
    await expect(pos.packageMeter(b.page)).not.toHaveAttribute('aria-valuenow', before.pkg ?? '');
    const after = await meters(b.page);
    for (const m of [a, c]) {
      await expect(pos.marker(m.page, agreed.n, 'VEL')).toHaveAttribute('data-status', 'reserved', { timeout: LIVE_TIMEOUT });
      await expectMarker(m.page, agreed.n, 'VEL', 'reserved');
      await expect(pos.packageMeter(m.page)).toHaveAttribute('aria-valuenow', after.pkg ?? '');
      await expect(pos.documentMeter(m.page, framework.title)).toHaveAttribute('aria-valuenow', after.doc ?? '');
    }
  });
  lap('position');

  await test.step('B’s caret shows in A’s editor, labelled with B’s name, in VEL’s colour', async () => {
    await caretToEndOfClause(b.page, TYPED.b.index);
    const cursor = live.cursors(a.page).filter({ hasText: `${NAMES.b} (VEL)` });
    await expect(cursor).toHaveCount(1, { timeout: LIVE_TIMEOUT });
    await expect(cursor).toHaveAttribute('data-party', 'VEL');
    await expect(cursor.locator('.presence-cursor-label')).toHaveText(`${NAMES.b} (VEL)`);
    // Inside clause 3, where B's caret is.
    await expect(ui.clauses(a.page).nth(TYPED.b.index).getByTestId('presence-cursor').filter({ hasText: NAMES.b })).toHaveCount(1);
    const hex = (rgb: string) => `#${(rgb.match(/\d+/gu) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
    const colours = await cursor.evaluate((el) => ({
      caret: getComputedStyle(el).borderLeftColor,
      label: getComputedStyle(el.querySelector('.presence-cursor-label')!).backgroundColor,
    }));
    expect(hex(colours.caret)).toBe(VEL_COLOUR);
    expect(hex(colours.label)).toBe(VEL_COLOUR);
    await cursor.scrollIntoViewIfNeeded();
    await a.page.screenshot({ path: '/tmp/G-cursor-A.png' });
  });
  lap('cursor');

  await test.step('C goes offline and types; A types meanwhile; online again, both have both', async () => {
    await goOffline(c.page);
    await typeInClause(c.page, TYPED.cOffline.index, TYPED.cOffline.text);
    await expect(live.status(c.page)).not.toHaveAttribute('data-unconfirmed', '0');
    expect(Number(await live.status(c.page).getAttribute('data-unconfirmed'))).toBeGreaterThan(0);
    await expect(live.unconfirmed(c.page)).toHaveText(/^\d+ changes? not yet confirmed by the relay$/u);
    await c.page.screenshot({ path: '/tmp/G-offline-C.png' });
    await typeInClause(a.page, TYPED.aMeanwhile.index, TYPED.aMeanwhile.text);
    await expectClauseText(b.page, TYPED.aMeanwhile.index, TYPED.aMeanwhile.text);
    // Offline is offline: C does not see what A typed meanwhile.
    expect((await clauseTexts(c.page))[TYPED.aMeanwhile.index]).not.toContain(TYPED.aMeanwhile.text.trim());
    await goOnline(c.page);
    for (const m of everyone) {
      await expectClauseText(m.page, TYPED.cOffline.index, TYPED.cOffline.text);
      await expectClauseText(m.page, TYPED.aMeanwhile.index, TYPED.aMeanwhile.text);
    }
    await expect(live.unconfirmed(c.page)).toBeHidden();
  });
  lap('offline');

  await test.step('B adds a VEL note; A (ALD) and C (MPS) never see it', async () => {
    const index = TYPED.b.index;
    await caretToEndOfClause(b.page, index);
    await expect(notes.privacy(b.page)).toHaveText('Private to VEL — no other delegation sees these');
    await notes.input(b.page).fill(NOTE);
    await notes.add(b.page).click();
    await expect(notes.items(b.page).getByTestId('note-text')).toHaveText(NOTE);
    for (const [m, code] of [[a, 'ALD'], [c, 'MPS']] as const) {
      await caretToEndOfClause(m.page, index);
      await expect(notes.privacy(m.page)).toHaveText(`Private to ${code} — no other delegation sees these`);
      await expect(notes.clause(m.page)).toBeVisible();
      await expect(notes.items(m.page)).toHaveCount(0);
      await expect(m.page.getByText(NOTE)).toHaveCount(0);
    }
  });
  lap('note');

  await test.step('A stops hosting: B and C lose the relay; everyone closes; no CSP violation or error on the way', async () => {
    for (const m of everyone) await expectConnected(m.page);
    await stopHosting(a.page);
    for (const m of [b, c]) await expect(live.status(m.page)).not.toHaveAttribute('data-state', 'connected', { timeout: LIVE_TIMEOUT });
    await b.page.screenshot({ path: '/tmp/G-relay-gone-B.png' });
    for (const m of [c, b, a]) await m.app.close();
    for (const m of everyone) expect(m.problems).toEqual([]);
  });
  lap('close');

  await test.step('the note is in B’s file only', () => {
    const needle = Buffer.from(NOTE, 'utf8');
    expect(fileBytes(files.b).includes(needle)).toBe(true);
    expect(fileBytes(files.a).includes(needle)).toBe(false);
    expect(fileBytes(files.c).includes(needle)).toBe(false);
    // Nor does A's installation: the relay A hosts passes VEL's notes between VEL's members in
    // memory and writes none of them into A's user data.
    const relayDir = join(dirs.a, 'relay');
    const inRelay = existsSync(relayDir) && readdirSync(relayDir, { recursive: true, encoding: 'utf8' }).some((f) => {
      const path = join(relayDir, f);
      return statSync(path).isFile() && readFileSync(path).includes(needle);
    });
    expect(inRelay, "VEL's note in the relay store in A's user data").toBe(false);
  });

  await test.step('every copy, reopened with the relay gone, shows all the text', async () => {
    const texts = Object.values(TYPED);
    for (const [who, dir] of Object.entries(dirs) as ['a' | 'b' | 'c', string][]) {
      const app = await launchApp({ userDataDir: dir, args: [files[who]] });
      const page = await app.firstWindow();
      await expect(ui.workspaceTitle(page)).toHaveText(sample.title);
      await openDocument(page, framework.title);
      for (const t of texts) await expectClauseText(page, t.index, t.text);
      // A stopped hosting: its copy opens offline; B's and C's look for the relay that is gone
      // (offline while it cannot be reached, never refused).
      if (who === 'a') await expect(live.status(page)).toHaveAttribute('data-state', 'offline');
      else await expect(live.status(page)).toHaveAttribute('data-state', /^(connecting|reconnecting|offline)$/u);
      await app.close();
    }
    const figures = Object.values(files).map((f) => agreementInfo(f).agreement);
    expect(figures[1]).toEqual(figures[0]);
    expect(figures[2]).toEqual(figures[0]);
    for (const f of Object.values(files)) {
      const verify = chanceryRun('verify', f);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    }
  });
  lap('reopen');
  await testInfo.attach('timings', { body: JSON.stringify(timings, null, 2), contentType: 'application/json' });
  console.log(`three-delegations timings (ms): ${JSON.stringify(timings)}`);
});
