import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/app-fixture';
import {
  clauseStates,
  closeDialog,
  expectMarker,
  expectPackagePercent,
  meterValue,
  packagePercent,
  percentOf,
  pos,
  readPartyTable,
  setPosition,
  withdrawPosition,
  type PartyCounts,
} from './support/positions-ui';
import { caretToEndOfClause, chancery, clauseTexts, openDocument, ui } from './support/ui';
import { agreementInfo, type AgreementInfo } from './support/agreement-info';
import { sampleWorkspace } from '../shared/sample/sample-workspace';

/**
 * Clause positions seen from the drafting table: on first start the user is convener of the sample
 * and head of the Aldorian delegation (ALD), so they set ALD's position on a clause the others
 * have all accepted, status by status, and watch the gutter, the brackets and the agreement meter
 * follow; every figure the window shows is what `chancery info --json` prints for the file.
 */

const sample = sampleWorkspace();
const framework = sample.documents[0]!;
const CODES = sample.parties.map((p) => p.code);
const OWN = 'ALD';
const PROPOSAL = 'The Parties shall observe a ceasefire taking effect forty-eight hours after signature.';
const COMMENT = 'Pending instructions from the capital on the timing.';

/** The first clause of the active document that every party agrees (current text, no ad ref). */
async function firstAgreedClause(page: Page): Promise<{ n: string; index: number; id: string }> {
  await expect(pos.gutter(page, '1')).toBeVisible();
  await expect(page.getByRole('tabpanel').locator('section.clause[data-state="agreed"]').first()).toBeAttached();
  const states = await clauseStates(page);
  const index = states.findIndex((c) => c.state === 'agreed');
  const agreed = states[index];
  if (!agreed) throw new Error(`no clause of "${framework.title}" is agreed by all: ${JSON.stringify(states.map((c) => c.state))}`);
  expect(agreed.markers.map((m) => m.party)).toEqual(CODES);
  expect(agreed.markers.every((m) => m.status === 'accepted' && !m.stale && !m.invalid)).toBe(true);
  return { n: agreed.n, index, id: agreed.id };
}

/** Clause counts per document and for the package, from a fresh sample file. */
function sampleClauseCounts(dir: string): { perDoc: Map<string, number>; total: number } {
  const fresh = join(dir, 'fresh-sample.chancery');
  chancery('new', '--sample', fresh);
  const info = agreementInfo(fresh);
  const perDoc = new Map(info.documents.map((d) => [d.id, d.clauses]));
  return { perDoc, total: [...perDoc.values()].reduce((a, b) => a + b, 0) };
}

/** What the window shows now: package and per-document meters, and the active document's party table. */
async function shownFigures(page: Page): Promise<{ pkg: number; docs: Record<string, number>; parties: Record<string, PartyCounts> }> {
  const pkg = await packagePercent(page);
  const docs: Record<string, number> = {};
  for (const d of sample.documents) docs[d.id] = await meterValue(pos.documentMeter(page, d.title));
  return { pkg, docs, parties: await readPartyTable(page, CODES) };
}

function expectSameAsCli(shown: Awaited<ReturnType<typeof shownFigures>>, info: AgreementInfo): void {
  expect(info.agreement.percent, 'package percent').toBe(shown.pkg);
  for (const d of info.documents) expect(d.agreement.percent, `${d.title} percent`).toBe(shown.docs[d.id]);
  const fw = info.documents.find((d) => d.id === framework.id)!;
  expect(fw.parties, `${framework.title} per-party counts`).toEqual(shown.parties);
}

test('each status set through the dialog moves the gutter, the brackets and the agreement meters, as chancery info counts them', async ({
  launchApp,
  userDataDir,
}, testInfo) => {
  const counts = sampleClauseCounts(testInfo.outputPath());
  const fwClauses = counts.perDoc.get(framework.id)!;
  const app = await launchApp();
  const page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toHaveText(sample.title);
  await openDocument(page, framework.title);

  const clause = await firstAgreedClause(page);
  const n = clause.n;
  const text = (await clauseTexts(page))[clause.index];
  const p0 = await packagePercent(page);
  const d0 = await meterValue(pos.documentMeter(page, framework.title));
  const agreed0 = Math.round((p0 * counts.total) / 100);
  const docAgreed0 = Math.round((d0 * fwClauses) / 100);
  expect(percentOf(agreed0, counts.total)).toBe(p0);
  const t0 = await readPartyTable(page, CODES);
  const own = (delta: Partial<PartyCounts>): PartyCounts => {
    const out = { ...t0[OWN]! };
    for (const [k, v] of Object.entries(delta) as [keyof PartyCounts, number][]) out[k] += v;
    return out;
  };
  const expectOwnCounts = async (expected: PartyCounts) => {
    await expect.poll(async () => (await readPartyTable(page, CODES))[OWN]).toEqual(expected);
  };
  const expectMeters = async (agreed: number, docAgreed: number) => {
    await expectPackagePercent(page, percentOf(agreed, counts.total));
    await expect(pos.documentMeter(page, framework.title)).toHaveAttribute('aria-valuenow', String(percentOf(docAgreed, fwClauses)));
  };

  await test.step('Accepted ad referendum: the clause is agreed ad ref and no longer counts as agreed', async () => {
    await setPosition(page, n, OWN, 'Accepted ad referendum');
    await expectMarker(page, n, OWN, 'accepted-ad-ref');
    await expect(pos.clause(page, n)).toHaveAttribute('data-state', 'agreed-ad-ref');
    await expectMeters(agreed0 - 1, docAgreed0 - 1);
    await expectOwnCounts(own({ accepted: -1, acceptedAdRef: 1 }));
  });

  await test.step('Reserved: the clause is reserved', async () => {
    await setPosition(page, n, OWN, 'Reserved', { comment: 'Scrutiny reservation.' });
    await expectMarker(page, n, OWN, 'reserved');
    await expect(pos.clause(page, n)).toHaveAttribute('data-state', 'reserved');
    await expect(pos.marker(page, n, OWN)).toHaveAttribute('title', /Scrutiny reservation\./u);
    await expectMeters(agreed0 - 1, docAgreed0 - 1);
    await expectOwnCounts(own({ accepted: -1, reserved: 1 }));
  });

  await test.step('Disputed with a proposal: the clause is bracketed and the proposal listed as an option', async () => {
    await setPosition(page, n, OWN, 'Disputed', { comment: COMMENT, proposal: PROPOSAL });
    await expectMarker(page, n, OWN, 'disputed');
    await expect(pos.clause(page, n)).toHaveAttribute('data-state', 'disputed');
    await expect(pos.clause(page, n)).toHaveClass(/\bbracketed\b/u);
    await expect(pos.marker(page, n, OWN)).toHaveAttribute('title', new RegExp(COMMENT.replace(/\./gu, '\\.'), 'u'));
    const options = pos.proposals(page, n).getByRole('listitem');
    await expect(options.filter({ hasText: `(${OWN}): ${PROPOSAL}` })).toHaveCount(1);
    await expect(options.filter({ hasText: `(${OWN}): ${PROPOSAL}` })).toHaveText(new RegExp(`^Option \\d+ \\(${OWN}\\): `, 'u'));
    // The brackets are drawn, not typed: the clause text is what it was.
    expect((await clauseTexts(page))[clause.index]).toBe(text);
    await expectMeters(agreed0 - 1, docAgreed0 - 1);
    await expectOwnCounts(own({ accepted: -1, disputed: 1 }));
  });

  await test.step('Withdraw: the party is open again, the brackets and its proposal go', async () => {
    await withdrawPosition(page, n, OWN);
    await expectMarker(page, n, OWN, 'open');
    await expect(pos.clause(page, n)).toHaveAttribute('data-state', 'open');
    await expect(pos.clause(page, n)).not.toHaveClass(/\bbracketed\b/u);
    await expect(page.getByRole('listitem').filter({ hasText: `(${OWN}): ${PROPOSAL}` })).toHaveCount(0);
    await expectMeters(agreed0 - 1, docAgreed0 - 1);
    await expectOwnCounts(own({ accepted: -1, open: 1 }));
  });

  await test.step('Accepted: the clause is agreed by all again and the meters are back where they were', async () => {
    await pos.marker(page, n, OWN).click();
    const dialog = pos.positionDialog(page, n);
    await expect(dialog).toBeVisible();
    // A withdrawn position leaves nothing to withdraw.
    await expect(dialog.getByRole('button', { name: 'Withdraw position', exact: true })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(dialog).toBeHidden();
    await setPosition(page, n, OWN, 'Accepted');
    await expectMarker(page, n, OWN, 'accepted');
    await expect(pos.clause(page, n)).toHaveAttribute('data-state', 'agreed');
    await expectMeters(agreed0, docAgreed0);
    await expectOwnCounts(t0[OWN]!);
  });

  await test.step('the history lists every record, oldest first, all valid and on the current text', async () => {
    await pos.historyButton(page, n).click();
    const dialog = pos.historyDialog(page, n);
    const table = dialog.getByRole('table');
    await expect(table).toBeVisible();
    const rows = await table.evaluate((el) =>
      Array.from(el.querySelectorAll('tr')).map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c as HTMLElement).innerText.trim())),
    );
    const [header, ...body] = rows;
    expect(header).toEqual(['Party', 'Status', 'Member', 'Time', 'Text', 'Validity']);
    const ownRows = body.filter((r) => r[0]!.includes(OWN));
    expect(ownRows.slice(-5).map((r) => r[1])).toEqual(['Accepted ad referendum', 'Reserved', 'Disputed', 'Withdrawn', 'Accepted']);
    for (const r of ownRows.slice(-5)) {
      expect(r[4]).toBe('current');
      expect(r[5]).toBe('valid');
    }
    await closeDialog(dialog);
  });

  const shown = await shownFigures(page);
  expect(shown.pkg).toBe(p0);
  await app.close();

  await test.step('chancery info --json on the closed file prints the figures the window showed', async () => {
    expectSameAsCli(shown, agreementInfo(join(userDataDir, 'Sample negotiation.chancery')));
  });
});

test('typing into an agreed clause makes its acceptances stale and takes it out of the agreement; undo restores it', async ({ launchApp }) => {
  const app = await launchApp();
  const page = await app.firstWindow();
  await expect(ui.workspaceTitle(page)).toHaveText(sample.title);
  await openDocument(page, framework.title);

  const clause = await firstAgreedClause(page);
  const n = clause.n;
  const p0 = await packagePercent(page);
  const d0 = await meterValue(pos.documentMeter(page, framework.title));

  await test.step('one word typed: every acceptance on the clause is stale, the clause is open, the meters drop', async () => {
    await caretToEndOfClause(page, clause.index);
    await page.keyboard.type(' forthwith');
    await expect(pos.clause(page, n)).toContainText('forthwith');
    for (const code of CODES) await expectMarker(page, n, code, 'accepted', { stale: true });
    await expect(pos.clause(page, n)).toHaveAttribute('data-state', 'open');
    await expect.poll(() => meterValue(pos.packageMeter(page))).toBeLessThan(p0);
    await expect.poll(() => meterValue(pos.documentMeter(page, framework.title))).toBeLessThan(d0);
  });

  await test.step('the "Stale" filter keeps the clause in view and dims the clauses with no stale position', async () => {
    const filter = pos.clauseFilter(page);
    await filter.getByRole('button', { name: 'Stale', exact: true }).click();
    await expect(filter.getByRole('button', { name: 'Stale', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(pos.clause(page, n)).not.toHaveClass(/\bfiltered-out\b/u);
    const fresh = (await clauseStates(page)).find((c) => c.n !== n && c.markers.every((m) => !m.stale));
    if (fresh) await expect(pos.clause(page, fresh.n)).toHaveClass(/\bfiltered-out\b/u);
    await filter.getByRole('button', { name: 'All clauses', exact: true }).click();
    await expect(pos.clause(page, n)).not.toHaveClass(/\bfiltered-out\b/u);
  });

  await test.step('Undo puts the text back: the acceptances are current again and the clause is agreed', async () => {
    await ui.toolbarButton(page, 'Undo').click();
    await expect(pos.clause(page, n)).not.toContainText('forthwith');
    for (const code of CODES) await expectMarker(page, n, code, 'accepted');
    await expect(pos.clause(page, n)).toHaveAttribute('data-state', 'agreed');
    await expectPackagePercent(page, p0);
    await expect(pos.documentMeter(page, framework.title)).toHaveAttribute('aria-valuenow', String(d0));
  });

  await test.step('typed again and renewed by ALD: only the other parties stay stale, the clause stays open', async () => {
    await caretToEndOfClause(page, clause.index);
    await page.keyboard.type(' forthwith');
    await expectMarker(page, n, OWN, 'accepted', { stale: true });
    await setPosition(page, n, OWN, 'Accepted');
    await expectMarker(page, n, OWN, 'accepted');
    for (const code of CODES.filter((c) => c !== OWN)) await expectMarker(page, n, code, 'accepted', { stale: true });
    await expect(pos.clause(page, n)).toHaveAttribute('data-state', 'open');
  });
});
