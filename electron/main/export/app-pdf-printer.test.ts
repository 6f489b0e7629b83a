import { existsSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appPdfPrinter } from './app-pdf-printer';

/**
 * The app's PDF printer against a recording stand-in for Electron's BrowserWindow: what window it
 * opens, what it loads, and that the window (and any temporary file) is gone afterwards whatever
 * happened. The printing itself is Chromium's, exercised through the harness (e2e/export.e2e.ts).
 */

interface FakeWindow {
  options: { show?: boolean; webPreferences?: Record<string, unknown> };
  loaded: { kind: 'url' | 'file'; target: string; html: string }[];
  printOptions: unknown[];
  destroyed: boolean;
}

const fake = vi.hoisted(() => ({ windows: [] as FakeWindow[], failPrint: false }));
vi.mock('electron', () => ({
  BrowserWindow: class {
    readonly record: FakeWindow;
    readonly webContents: { printToPDF(options: unknown): Promise<Buffer> };
    constructor(options: FakeWindow['options']) {
      this.record = { options, loaded: [], printOptions: [], destroyed: false };
      fake.windows.push(this.record);
      this.webContents = {
        printToPDF: async (printOptions: unknown) => {
          this.record.printOptions.push(printOptions);
          if (fake.failPrint) throw new Error('Printing failed');
          return Buffer.from('%PDF-1.7 fake');
        },
      };
    }
    async loadURL(url: string): Promise<void> {
      const base64 = url.slice(url.indexOf(',') + 1);
      this.record.loaded.push({ kind: 'url', target: url.slice(0, url.indexOf(',') + 1), html: Buffer.from(base64, 'base64').toString('utf8') });
    }
    async loadFile(path: string): Promise<void> {
      this.record.loaded.push({ kind: 'file', target: path, html: readFileSync(path, 'utf8') });
    }
    isDestroyed(): boolean {
      return this.record.destroyed;
    }
    destroy(): void {
      this.record.destroyed = true;
    }
  },
}));

beforeEach(() => {
  fake.windows.length = 0;
  fake.failPrint = false;
});

const HTML = '<!DOCTYPE html><html><head><title>Talks — «Berlin»</title></head><body><p>Ünïcode</p></body></html>';

describe('the app PDF printer', () => {
  it('prints the HTML in a hidden window that runs no script, on A4 with the page CSS, then destroys it', async () => {
    const pdf = await appPdfPrinter()(HTML);
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7 fake');
    const [win] = fake.windows;
    expect(win!.options.show).toBe(false);
    expect(win!.options.webPreferences).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false });
    expect(win!.loaded).toEqual([{ kind: 'url', target: 'data:text/html;base64,', html: HTML }]);
    expect(win!.printOptions).toEqual([{ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }]);
    expect(win!.destroyed).toBe(true);
  });

  it('prints a package too long for a data: URL from a temporary file, removed afterwards', async () => {
    const big = `<!DOCTYPE html><html><body>${'<p>Clause text of a long package.</p>'.repeat(60_000)}</body></html>`;
    await appPdfPrinter()(big);
    const [loaded] = fake.windows[0]!.loaded;
    expect(loaded!.kind).toBe('file');
    expect(loaded!.html).toBe(big);
    expect(existsSync(loaded!.target)).toBe(false);
    expect(fake.windows[0]!.destroyed).toBe(true);
  });

  it('says printing failed and what to do instead, and still destroys the window', async () => {
    fake.failPrint = true;
    const printing = appPdfPrinter()(HTML);
    await expect(printing).rejects.toMatchObject({ code: 'PDF_FAILED' });
    await expect(printing).rejects.toThrow(/could not print the PDF \(Printing failed\)\. Export as HTML/u);
    expect(fake.windows[0]!.destroyed).toBe(true);
  });
});

