import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clause, h, inserted } from '../sample/builders';
import { testClauseId, testPackage } from '../export/test-package';
import { compareWorkspaces } from './compare-workspaces';
import { renderRedlineHtml } from './render-redline-html';

const older = testPackage({
  documents: [
    {
      id: 'doc-1',
      title: 'Framework',
      content: [
        h(1, 'General provisions'),
        clause('a', 'Parties shall notify the Secretariat.'),
        clause('b', 'States shall cooperate.'),
        inserted('b2', '2 bis', 'Bis text stays.'),
        clause('c', 'Gamma clause to move.'),
        clause('gone', 'This clause is dropped.'),
      ],
      positions: { a: { VEL: 'disputed' } },
    },
  ],
});
const newer = testPackage({
  documents: [
    {
      id: 'doc-1',
      title: 'Framework',
      content: [
        h(1, 'General provisions'),
        clause('c', 'Gamma clause to move.'),
        clause('a', 'Parties should inform the Secretariat.'),
        clause('b', 'States shall fully cooperate <script>alert(1)</script>.'),
        inserted('b2', '2 bis', 'Bis text stays.'),
        clause('new', 'A wholly new clause.'),
      ],
      positions: { a: { VEL: 'accepted' } },
    },
  ],
});
const cmp = compareWorkspaces(older, newer, {
  older: { name: 'Berlin round', roundId: 'r-1', at: '2025-03-01T10:00:00.000Z' },
  newer: { name: 'Current text', roundId: null, at: '2025-03-12T14:05:00.000Z' },
});
const html = renderRedlineHtml(cmp);

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  await page.setContent(html);
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

const sel = (key: string): string => `section.clause[data-clause-id="${testClauseId(key)}"]`;
const texts = (selector: string): Promise<string[]> => page.locator(selector).allTextContents();

describe('renderRedlineHtml in Chromium', () => {
  it('puts <ins> and <del> around exactly the words that changed', async () => {
    expect(await texts(`${sel('a')} del`)).toEqual(['shall notify']);
    expect(await texts(`${sel('a')} ins`)).toEqual(['should inform']);
    expect(await texts(`${sel('b')} ins`)).toEqual(['fully ', ' <script>alert(1)</script>']);
    expect(await texts(`${sel('b')} del`)).toEqual([]);
    expect(await texts(`${sel('b2')} ins, ${sel('b2')} del`)).toEqual([]);
    expect((await page.locator(`${sel('a')} p`).first().textContent())?.trim()).toBe('2.Parties shall notifyshould inform the Secretariat.');
  });

  it('underlines insertions and strikes deletions (readable without colour)', async () => {
    // Runs in the page; this project's type library has no DOM, so the page's global is typed here.
    type StyleWindow = { getComputedStyle(el: unknown): { textDecorationLine: string } };
    const deco = (s: string) => page.locator(s).first().evaluate((el) => (globalThis as unknown as StyleWindow).getComputedStyle(el).textDecorationLine);
    expect(await deco('ins')).toBe('underline');
    expect(await deco('del')).toBe('line-through');
  });

  it('shows the moved clause as moved, and renumbered ones with their old number', async () => {
    const moved = page.locator(`${sel('c')} .marker.moved`);
    await expect(moved.isVisible()).resolves.toBe(true);
    expect(await moved.textContent()).toBe('Moved from after para 2 bis');
    expect(await texts(`${sel('a')} .marker`)).toEqual(['(was 1)']);
    expect(await texts(`${sel('b2')} .marker`)).toEqual([]);
    expect(await page.locator('.marker.moved').count()).toBe(1);
  });

  it('shows added and removed clauses whole, the removed one where it stood', async () => {
    expect(await texts(`${sel('new')} ins`)).toEqual(['A wholly new clause.']);
    expect(await texts(`${sel('gone')} del`)).toEqual(['This clause is dropped.']);
    expect(await texts(`${sel('gone')} .marker`)).toEqual(['Removed since Berlin round']);
    const order = await page.locator('section.clause').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    // "gone" followed c in Berlin; c has moved away, so it stays after 2 bis, where it stood.
    expect(order).toEqual(['unchanged', 'changed', 'changed', 'unchanged', 'removed', 'added']);
  });

  it('lists position changes under the clause and for the document', async () => {
    expect(await texts(`${sel('a')} .position-changes li`)).toEqual(['Republic of Velmora (VEL): Disputed → Accepted']);
    expect(await texts('.doc-positions li')).toEqual(['Para 2 — Republic of Velmora (VEL): Disputed → Accepted']);
  });

  it('is standalone: no script runs, the CSP forbids loading anything, the cover names both versions', async () => {
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    const cover = await page.locator('.cover').innerText();
    expect(cover).toContain('From: Berlin round (1 March 2025, 10:00 UTC)');
    expect(cover).toContain('To: Current text (12 March 2025, 14:05 UTC)');
    expect(cover).toContain('2 clauses changed, 1 added, 1 removed');
  });

  it('prints on A4 with the running title and "Page N of M"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chancery-redline-'));
    try {
      const file = join(dir, 'redline.pdf');
      writeFileSync(file, await page.pdf({ preferCSSPageSize: true }));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Test Framework — redline');
      expect(text).toMatch(/Page 1 of 2/u);
      expect(text).toContain('Moved from after para 2 bis');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
