import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catchChanceryError } from '../store/store-test-support';
import { pdfToText } from './office-readers';
import { cliPdfPrinter, findPdfTool } from './pdf-printer';

/** Two A4 pages with a running title and page numbers in the margin boxes, as the HTML export has them. */
const HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Talks</title><style>
@page { size: A4; margin: 20mm; @top-center { content: "Draft framework"; } @bottom-center { content: "Page " counter(page) " of " counter(pages); } }
p { font: 12pt serif; } .next { break-before: page; }
</style></head><body><p>The Parties shall cease fire.</p><p class="next">Nothing is agreed until everything is agreed.</p></body></html>`;

async function expectCode(promise: Promise<unknown>, code: string): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return catchChanceryError(() => {
    throw err;
  }, code as Parameters<typeof catchChanceryError>[1]).message;
}

describe('cliPdfPrinter', { timeout: 120_000 }, () => {
  it('prints A4 pages with the running title and "Page N of M" through the Chromium on this machine', async () => {
    const pdf = await cliPdfPrinter()(HTML);
    const file = join(mkdtempSync(join(tmpdir(), 'chancery-pdf-test-')), 'out.pdf');
    writeFileSync(file, pdf);
    const text = pdfToText(file);
    expect(text).toContain('The Parties shall cease fire.');
    expect(text).toContain('Draft framework');
    expect(text).toContain('Page 1 of 2');
    expect(text).toContain('Page 2 of 2');
  });

  it('says what to install when the chosen Chromium is not there, and what failed when it cannot print', async () => {
    expect(catchChanceryError(() => findPdfTool({ CHANCERY_CHROMIUM: '/nowhere/chromium', PATH: '' }), 'PDF_PRINTER_MISSING').message).toContain('/nowhere/chromium');
    const message = await expectCode(cliPdfPrinter({ CHANCERY_CHROMIUM: '/bin/false', PATH: '/usr/bin:/bin' })('<p>x</p>'), 'PDF_FAILED');
    expect(message).toContain('/bin/false');
  });
});
