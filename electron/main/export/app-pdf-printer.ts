import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { ChanceryError } from '../../../shared/errors';
import type { PdfPrinter } from '../../headless/export/pdf-printer';

/** The document is Chancery's own HTML export, but a huge package still takes a while to lay out. */
const PRINT_TIMEOUT_MS = 120_000;

/**
 * Chromium refuses URLs longer than 2 MiB (`url::kMaxURLChars`), data: URLs included; a large
 * package's HTML is more than that, so it is printed from a private temporary file instead.
 */
const MAX_DATA_URL_CHARS = 2 * 1024 * 1024;

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The app prints PDFs with its own Chromium: the HTML export (which carries its own A4 `@page`
 * rules, running title and "Page N of M") is loaded into a hidden window and printed by
 * `printToPDF`, so the PDF is laid out exactly as the HTML export prints. The window runs no
 * script at all, has no preload and no Node, and loads the document from a `data:` URL (a
 * private temporary file when it is too long for one), so the exported text — whatever a
 * delegate typed into it — cannot reach anything but the page. It is destroyed whatever happens.
 */
export function appPdfPrinter(): PdfPrinter {
  return async (html: string): Promise<Uint8Array> => {
    // Electronegativity's AUXCLICK check: as for the app's windows (window-manager.ts), and this
    // window is never shown, runs no script, and like every webContents is hardened on creation.
    const win = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK (explained above)
      show: false,
      width: 794,
      height: 1123,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
    });
    let tempDir: string | null = null;
    try {
      const url = `data:text/html;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
      const pdf = await withTimeout(
        (async () => {
          if (url.length <= MAX_DATA_URL_CHARS) {
            await win.loadURL(url);
          } else {
            tempDir = mkdtempSync(join(tmpdir(), 'chancery-print-'));
            const file = join(tempDir, 'export.html');
            writeFileSync(file, html, { encoding: 'utf8', mode: 0o600 });
            await win.loadFile(file);
          }
          return win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
        })(),
        PRINT_TIMEOUT_MS,
        'Printing to PDF',
      );
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (err) {
      throw new ChanceryError(
        'PDF_FAILED',
        `Chancery could not print the PDF (${reason(err)}). Export as HTML and print it from a browser, or try the PDF export again.`,
        { cause: err },
      );
    } finally {
      if (!win.isDestroyed()) win.destroy();
      if (tempDir !== null) rmSync(tempDir, { recursive: true, force: true });
    }
  };
}
