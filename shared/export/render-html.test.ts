import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSpec } from './render-test-support';
import { renderHtml } from './render-html';
import { testPackage } from './test-package';

let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'chancery-render-html-'));

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function show(html: string): Promise<void> {
  await page.setContent(html, { waitUntil: 'load' });
}

const squash = (t: string) => t.replace(/\s+/gu, ' ').trim();
const texts = async (selector: string) => (await page.locator(selector).allInnerTexts()).map(squash);
const bodyText = () => page.locator('body').innerText();

describe('renderHtml (marked-up), read in Chromium', { timeout: 60_000 }, () => {
  const pkg = testPackage(fixtureSpec());

  it('brackets exactly the disputed and reserved clauses, with options attributed and labels as in the editor', async () => {
    await show(renderHtml(pkg, { clean: false, agreedOnly: false }));
    const states = await page.$$eval('section.clause', (els) => els.map((e) => e.getAttribute('data-state')));
    const clauses = (await texts('section.clause')).map((text, i) => ({ state: states[i], text }));
    expect(clauses.map((c) => c.state)).toEqual(['agreed', 'disputed', 'reserved', 'agreed-ad-ref', 'open', 'agreed', 'disputed']);
    for (const c of clauses) {
      const bracketed = /^\S+( bis)?\. \[/u.test(c.text);
      expect(bracketed, c.text).toBe(c.state === 'disputed' || c.state === 'reserved');
    }
    expect(clauses[0]!.text).toBe('1. The Parties agree to cease all hostilities.');
    expect(clauses[1]!.text).toBe(
      '2. [Option 1: Troops withdraw within 30 days [sic] *now*. from the north; from the south.] ' +
        '[Option 2: Troops withdraw within 90 days.] (proposed by Republic of Velmora (VEL) and Maritime Principality of Sessa (MPS))1',
    );
    expect(clauses[2]!.text).toBe('2 bis. [Monitoring begins at once.]2');
    expect(clauses[3]!.text).toBe('3. Sanctions are lifted <script>alert(1)</script>.3, 4');
    expect(await page.$$eval('ol li', (els) => els.length)).toBeGreaterThanOrEqual(2);
    expect(await page.$$eval('strong', (els) => els.map((e) => e.textContent))).toContain('cease');
    expect(await page.locator('script').count()).toBe(0);
  });

  it('lists footnotes naming the parties with their comments, linked from the clause', async () => {
    await show(renderHtml(pkg, { clean: false, agreedOnly: false }));
    expect(await texts('section.document[data-doc-id="fw"] .footnotes li')).toEqual([
      'Disputed by Republic of Velmora (VEL): Too short for orders to reach every unit; Maritime Principality of Sessa (MPS).',
      'Reserved by Maritime Principality of Sessa (MPS): Pending instructions.',
      'Accepted ad referendum by Maritime Principality of Sessa (MPS): Subject to parliament.',
      '1 record that does not verify (Republic of Velmora (VEL)) is not counted.',
      'Position of Republic of Velmora (VEL) given on earlier text; not counted as agreement.',
    ]);
    const href = await page.getAttribute('section.clause[data-state="reserved"] sup.fnref a', 'href');
    expect(await page.$eval(href!, (e) => e.textContent)).toContain('Reserved by');
    expect(await texts('section.document[data-doc-id="an"] .footnotes li')).toEqual(['Disputed by Republic of Aldoria (ALD).']);
  });

  it('puts the round, parties and the agreement figures and counts on the cover', async () => {
    await show(renderHtml(pkg, { clean: false, agreedOnly: false }));
    const cover = (await texts('section.cover'))[0]!;
    expect(cover).toContain('Calvane Framework <Draft> & "Annexes"');
    expect(cover).toContain('Berlin round (round cut 1 March 2025, 09:00 UTC)');
    expect(cover).toContain('Exported 12 March 2025, 14:05 UTC');
    expect(cover).toContain('Republic of Velmora (VEL)');
    expect(cover).toContain(`Package agreement: ${pkg.agreement.percent.toFixed(1)}% (2 of 7 clauses agreed by all; 1 more agreed ad referendum)`);
    expect(cover).toContain('Framework Agreement: 20.0% (1 of 5 clauses agreed by all; 1 more agreed ad referendum)');
    expect(cover).toContain('Annex 1: 50.0% (1 of 2 clauses agreed by all)');
    for (const line of ['Bracketed clauses: 3', 'Options: 1', 'Reservations: 1', 'Disputes: 3', 'Acceptances ad referendum: 1', 'Positions given on earlier text: 1', 'Records that do not verify: 1']) {
      expect(cover).toContain(line);
    }
  });

  it('ends with an annex table of clause × party positions and a legend', async () => {
    await show(renderHtml(pkg, { clean: false, agreedOnly: false }));
    const rows: string[][] = [];
    const trs = page.locator('table.positions[data-doc-id="fw"] tr');
    for (let i = 0; i < (await trs.count()); i++) rows.push((await trs.nth(i).locator('th, td').allInnerTexts()).map(squash));
    expect(rows).toEqual([
      ['Clause', 'ALD', 'VEL', 'MPS'],
      ['1', 'Accepted', 'Accepted', 'Accepted'],
      ['2', 'Accepted', 'Disputed', 'Disputed'],
      ['2 bis', 'Accepted', 'Accepted', 'Reserved'],
      ['3', 'Accepted', 'Accepted; 1 invalid record', 'Accepted ad referendum'],
      ['4', 'Accepted', 'Accepted (earlier text)', 'Accepted'],
    ]);
    const legend = await texts('.annex .legend li');
    expect(legend).toContain('MPS: Maritime Principality of Sessa');
  });

  it('prints to an A4 PDF with the running title and "Page N of M"', async () => {
    await show(renderHtml(pkg, { clean: false, agreedOnly: false }));
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const file = join(dir, 'marked-up.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((s) => s.trim()).length;
    expect(pages).toBeGreaterThanOrEqual(4); // cover, two documents, annex
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain('Calvane Framework <Draft> & "Annexes"');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59\d\.\d* x 841\.\d* pts \(A4\)/u);
  });
});

describe('renderHtml (clean)', { timeout: 60_000 }, () => {
  const pkg = testPackage(fixtureSpec());

  it('prints the text with clause numbers and no markup', async () => {
    await show(renderHtml(pkg, { clean: true, agreedOnly: false }));
    expect(await texts('.version-note')).toEqual(['Clean text — Berlin round']);
    const clauses = await texts('section.clause');
    expect(clauses).toHaveLength(7);
    expect(clauses[1]).toBe('2. Troops withdraw within 30 days [sic] *now*. from the north; from the south.');
    expect(clauses[2]).toBe('2 bis. Monitoring begins at once.');
    const body = await bodyText();
    expect(body).not.toMatch(/Option 2|Disputed by|Package agreement|Annex: positions/u);
    expect(await page.$$('sup, table')).toHaveLength(0);
  });

  it('leaves out every clause not agreed by all when asked, keeping headings and preamble', async () => {
    await show(renderHtml(pkg, { clean: true, agreedOnly: true }));
    expect(await texts('.version-note')).toEqual(['Clean text — agreed clauses only — Berlin round']);
    expect(await texts('section.clause')).toEqual(['1. The Parties agree to cease all hostilities.', '1. Annex clause one.']);
    expect(await texts('h2')).toEqual(['Part I — General']);
    expect(await bodyText()).toContain('Recalling the Charter;');
  });
});
