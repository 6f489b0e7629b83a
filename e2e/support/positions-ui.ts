/**
 * What the specs see of clause positions, the agreement meter, the roster and Settings, by the
 * roles and names in e2e/UI-CONTRACT.md ("Positions, roster, identity"). Keep every such selector
 * here, so a change to the contract is one edit.
 */
import type { PartyCounts } from '../../shared/positions/model';
import type { Locator, Page } from '@playwright/test';
import { expect } from '../harness/app-fixture';

/** A marker's `data-status`. */
export type MarkerStatus = 'accepted' | 'accepted-ad-ref' | 'reserved' | 'disputed' | 'open';
/** What the position dialog offers. */
export type DialogStatus = 'Accepted' | 'Accepted ad referendum' | 'Reserved' | 'Disputed';

/** The status label a marker's accessible name carries for each `data-status`. */
export const STATUS_LABEL: Record<MarkerStatus, string> = {
  accepted: 'Accepted',
  'accepted-ad-ref': 'Accepted ad referendum',
  reserved: 'Reserved',
  disputed: 'Disputed',
  open: 'Open',
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

export const pos = {
  /** The clause element of the active document shown with number (or label) `n`. */
  clause: (page: Page, n: string) => page.getByRole('tabpanel').locator(`.ProseMirror section.clause[data-number="${n}"]`),
  gutter: (page: Page, n: string) => page.getByRole('tabpanel').getByRole('group', { name: `Positions on clause ${n}`, exact: true }),
  /** One party's marker in clause `n`'s gutter. */
  marker: (page: Page, n: string, code: string) =>
    pos.gutter(page, n).getByRole('button', { name: new RegExp(`^${escape(code)}: `, 'u') }),
  setPositionButton: (page: Page, n: string) => page.getByRole('button', { name: `Set position on clause ${n}`, exact: true }),
  historyButton: (page: Page, n: string) => page.getByRole('button', { name: `History of clause ${n}`, exact: true }),
  positionDialog: (page: Page, n: string) => page.getByRole('dialog', { name: `Position on clause ${n}`, exact: true }),
  anyPositionDialog: (page: Page) => page.getByRole('dialog', { name: /^Position on clause /u }),
  historyDialog: (page: Page, n: string) => page.getByRole('dialog', { name: `History of clause ${n}`, exact: true }),
  proposals: (page: Page, n: string) => page.getByRole('list', { name: `Proposals for clause ${n}`, exact: true }),

  agreement: (page: Page) => page.getByRole('region', { name: 'Agreement', exact: true }),
  packageMeter: (page: Page) => pos.agreement(page).getByRole('meter', { name: 'Package agreement', exact: true }),
  documentMeter: (page: Page, title: string) => pos.agreement(page).getByRole('meter', { name: `${title} agreement`, exact: true }),
  partyTable: (page: Page) => pos.agreement(page).getByRole('table', { name: 'Positions by party', exact: true }),

  clauseFilter: (page: Page) => page.getByRole('toolbar', { name: 'Clause filter', exact: true }),

  rosterButton: (page: Page) => page.getByRole('button', { name: 'Roster…', exact: true }),
  rosterDialog: (page: Page) => page.getByRole('dialog', { name: 'Roster', exact: true }),
  admitDialog: (page: Page) => page.getByRole('dialog', { name: 'Admit member', exact: true }),
  members: (page: Page, code: string) => pos.rosterDialog(page).getByRole('list', { name: `Members of ${code}`, exact: true }),
  rosterHistory: (page: Page) => pos.rosterDialog(page).getByRole('list', { name: 'Roster history', exact: true }),

  settingsButton: (page: Page) => page.getByRole('banner').getByRole('button', { name: 'Settings', exact: true }),
  settingsDialog: (page: Page) => page.getByRole('dialog', { name: 'Settings', exact: true }),
};

/** Waits until the marker shows `status` (data-status and accessible name agree). */
export async function expectMarker(page: Page, n: string, code: string, status: MarkerStatus, flags: { stale?: boolean; invalid?: boolean } = {}): Promise<void> {
  const marker = pos.marker(page, n, code);
  await expect(marker).toHaveAttribute('data-status', status);
  await expect(marker).toHaveAttribute('data-stale', String(flags.stale ?? false));
  await expect(marker).toHaveAttribute('data-invalid', String(flags.invalid ?? false));
  let name = `${code}: ${STATUS_LABEL[status]}`;
  if (flags.stale) name += ', stale';
  if (flags.invalid) name += ', invalid record';
  await expect(marker).toHaveAccessibleName(name);
}

/** The shown numbers (or labels) of the active document's clauses, in order. */
export async function shownNumbers(page: Page): Promise<string[]> {
  return page
    .getByRole('tabpanel')
    .locator('.ProseMirror section.clause')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-number') ?? ''));
}

/** Per clause of the active document: its number, `data-state` and each marker as the DOM has it now. */
export async function clauseStates(page: Page): Promise<{ n: string; id: string; state: string; markers: { party: string; status: string; stale: boolean; invalid: boolean }[] }[]> {
  const numbers = await shownNumbers(page);
  const out = [];
  for (const n of numbers) {
    const clause = pos.clause(page, n);
    const [id, state] = await Promise.all([clause.getAttribute('data-clause-id'), clause.getAttribute('data-state')]);
    const markers = await pos
      .gutter(page, n)
      .locator('[data-party]')
      .evaluateAll((els) =>
        els.map((el) => ({
          party: el.getAttribute('data-party') ?? '',
          status: el.getAttribute('data-status') ?? '',
          stale: el.getAttribute('data-stale') === 'true',
          invalid: el.getAttribute('data-invalid') === 'true',
        })),
      );
    out.push({ n, id: id ?? '', state: state ?? '', markers });
  }
  return out;
}

/** Opens the own-party position dialog of clause `n` from its marker, sets `status` and saves. */
export async function setPosition(
  page: Page,
  n: string,
  code: string,
  status: DialogStatus,
  extra: { comment?: string; proposal?: string } = {},
): Promise<void> {
  await pos.marker(page, n, code).click();
  const dialog = pos.positionDialog(page, n);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radiogroup', { name: 'Status' }).getByRole('radio', { name: status, exact: true }).check();
  if (extra.comment !== undefined) await dialog.getByRole('textbox', { name: 'Comment', exact: true }).fill(extra.comment);
  if (extra.proposal !== undefined) await dialog.getByRole('textbox', { name: 'Proposed wording', exact: true }).fill(extra.proposal);
  await dialog.getByRole('button', { name: 'Save position', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Opens clause `n`'s position dialog and withdraws the party's position. */
export async function withdrawPosition(page: Page, n: string, code: string): Promise<void> {
  await pos.marker(page, n, code).click();
  const dialog = pos.positionDialog(page, n);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Withdraw position', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Per-party counts, as the "Positions by party" table and `chancery info --json` give them. */
export type { PartyCounts };

const COLUMN_KEYS: Record<string, keyof PartyCounts> = {
  Accepted: 'accepted',
  'Ad ref': 'acceptedAdRef',
  Reserved: 'reserved',
  Disputed: 'disputed',
  Open: 'open',
};

/** The "Positions by party" table, keyed by party code (`codes` are the codes to look for in the Party cell). */
export async function readPartyTable(page: Page, codes: readonly string[]): Promise<Record<string, PartyCounts>> {
  const table = pos.partyTable(page);
  await expect(table).toBeVisible();
  const grid = await table.evaluate((el) =>
    Array.from(el.querySelectorAll('tr')).map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c as HTMLElement).innerText.trim())),
  );
  const [header, ...rows] = grid;
  if (!header) throw new Error('the "Positions by party" table has no header row');
  const out: Record<string, PartyCounts> = {};
  for (const row of rows) {
    const partyCell = row[header.indexOf('Party')] ?? '';
    const code = codes.find((c) => new RegExp(`\\b${escape(c)}\\b`, 'u').test(partyCell));
    if (!code) throw new Error(`a "Positions by party" row names no known party: ${JSON.stringify(row)}`);
    const counts = { accepted: NaN, acceptedAdRef: NaN, reserved: NaN, disputed: NaN, open: NaN };
    for (const [column, key] of Object.entries(COLUMN_KEYS)) {
      const index = header.indexOf(column);
      if (index < 0) throw new Error(`the "Positions by party" table has no column "${column}": ${JSON.stringify(header)}`);
      counts[key] = Number(row[index]);
    }
    out[code] = counts;
  }
  return out;
}

/** A meter's value: aria-valuenow (the contract), as a number. */
export async function meterValue(meter: Locator): Promise<number> {
  await expect(meter).toHaveAttribute('aria-valuenow', /^\d+(\.\d+)?$/u);
  return Number(await meter.getAttribute('aria-valuenow'));
}

/** The package percent: the meter's value, after checking the region's "<p>% agreed" text says the same. */
export async function packagePercent(page: Page): Promise<number> {
  const value = await meterValue(pos.packageMeter(page));
  await expect(pos.agreement(page)).toContainText(`${value.toFixed(1)}% agreed`);
  return value;
}

/** Waits until the package meter shows `percent` (value and text). */
export async function expectPackagePercent(page: Page, percent: number): Promise<void> {
  await expect(pos.packageMeter(page)).toHaveAttribute('aria-valuenow', String(percent));
  await expect(pos.agreement(page)).toContainText(`${percent.toFixed(1)}% agreed`);
}

/** The percent `chancery info` would print for `agreed` of `clauses`: one decimal, 0 for none. */
export function percentOf(agreed: number, clauses: number): number {
  return clauses === 0 ? 0 : Math.round((agreed / clauses) * 1000) / 10;
}

/** Settings → the fingerprint and the member card text; the dialog is closed again. */
export async function readIdentity(page: Page): Promise<{ fingerprint: string; card: string }> {
  await pos.settingsButton(page).click();
  const dialog = pos.settingsDialog(page);
  await expect(dialog).toBeVisible();
  const fingerprint = dialog.getByTestId('fingerprint');
  await expect(fingerprint).toHaveText(/\d{5}/u);
  const card = dialog.getByRole('textbox', { name: 'Your member card', exact: true });
  await expect(card).toHaveValue(/\S/u);
  const result = { fingerprint: (await fingerprint.innerText()).trim(), card: (await card.inputValue()).trim() };
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return result;
}

/** Roster → "Admit head of delegation" / "Enrol member" / "Admit observer" with a pasted card. */
export async function admitCard(
  page: Page,
  how: 'Admit head of delegation' | 'Enrol member' | 'Admit observer',
  card: string,
  party?: string,
): Promise<void> {
  const roster = pos.rosterDialog(page);
  if (!(await roster.isVisible())) await pos.rosterButton(page).click();
  await expect(roster).toBeVisible();
  await roster.getByRole('button', { name: how, exact: true }).click();
  const dialog = pos.admitDialog(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Member card', exact: true }).fill(card);
  if (party !== undefined) {
    const combo = dialog.getByRole('combobox', { name: 'Party' });
    if (await combo.count()) await combo.selectOption(party);
  }
  await dialog.getByRole('button', { name: 'Admit', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Closes whichever dialog is on top with Escape (as a user would) and waits for it to go. */
export async function closeDialog(dialog: Locator): Promise<void> {
  await dialog.page().keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}
