import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChanceryError } from '../../../shared/errors';

/**
 * Printing an HTML export to PDF outside the app. The HTML export carries its own print CSS (A4,
 * running title, "Page N of M" in @page margin boxes), so any recent Chromium prints it the way
 * the app's `webContents.printToPDF` does: Electron itself where its binary is installed, else a
 * Chromium found on the machine. Neither -> PDF_PRINTER_MISSING saying what to install.
 */

/** Turns a complete HTML document into PDF bytes. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** How long one print may take (a 150k-word package is many pages). */
const PRINT_TIMEOUT_MS = 120_000;

/** Names a Chromium goes by on PATH, in the order tried. */
const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** What prints, found on this machine. */
export type PdfTool = { kind: 'electron'; binary: string } | { kind: 'chromium'; binary: string };

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Electron's binary, if the `electron` package is installed with its binary. Read from the
 * package's own `path.txt` rather than by `require('electron')`, which would try to download a
 * missing binary (a network fetch in the middle of an export).
 */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  let pkgDir: string;
  try {
    const req = typeof require === 'function' ? require : createRequire(import.meta.url);
    pkgDir = dirname(req.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(pkgDir, 'dist', relative);
  return isExecutable(binary) ? binary : null;
}

/** A Chromium: CHANCERY_CHROMIUM, then the usual names on PATH, then /usr/bin/chromium. */
export function chromiumBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.CHANCERY_CHROMIUM;
  if (chosen) {
    if (isExecutable(chosen)) return chosen;
    throw new ChanceryError(
      'PDF_PRINTER_MISSING',
      `CHANCERY_CHROMIUM is set to "${chosen}", which is not a program on this machine. Point it at a Chromium or Chrome executable, or unset it.`,
    );
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return isExecutable('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

/** The tool `cliPdfPrinter` would use; PDF_PRINTER_MISSING when there is none. */
export function findPdfTool(env: NodeJS.ProcessEnv = process.env): PdfTool {
  const electron = env.CHANCERY_CHROMIUM ? null : electronBinary(env);
  if (electron) return { kind: 'electron', binary: electron };
  const chromium = chromiumBinary(env);
  if (chromium) return { kind: 'chromium', binary: chromium };
  throw new ChanceryError(
    'PDF_PRINTER_MISSING',
    'Printing to PDF needs Electron or Chromium, and neither was found on this machine. Install Chromium (Debian: apt-get install chromium) ' +
      'or set CHANCERY_CHROMIUM to a Chromium or Chrome executable; DOCX, HTML and Markdown exports work without it.',
  );
}

/** The main script Electron runs headless: load the file in a hidden, sandboxed window and print it. */
const ELECTRON_MAIN = `
const { app, BrowserWindow } = require('electron');
const { writeFileSync } = require('fs');
const [htmlPath, pdfPath] = process.argv.slice(-2);
app.disableHardwareAcceleration();
app.whenReady().then(async () => {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, nodeIntegration: false, contextIsolation: true, javascript: false } });
  await win.loadFile(htmlPath);
  const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  writeFileSync(pdfPath, pdf);
  app.exit(0);
}).catch((err) => { process.stderr.write(String((err && err.stack) || err) + '\\n'); app.exit(1); });
`;

function run(binary: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    execFile(binary, args, { timeout: PRINT_TIMEOUT_MS, env, maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (!err) return resolvePromise();
      const last = String(stderr).trim().split('\n').filter(Boolean).at(-1) ?? (err.killed ? `no answer within ${PRINT_TIMEOUT_MS / 1000} s` : err.message);
      reject(
        new ChanceryError('PDF_FAILED', `Printing to PDF with ${binary} failed: ${last.slice(0, 300)}. Try again, or export HTML and print that from a browser.`, {
          cause: err,
        }),
      );
    });
  });
}

/** Chromium refuses to run as root with its sandbox on; anyone else keeps it. */
function rootOnly(): string[] {
  return typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
}

/** The printer the CLI uses: Electron headless where installed, otherwise Chromium (see {@link findPdfTool}). */
export function cliPdfPrinter(env: NodeJS.ProcessEnv = process.env): PdfPrinter {
  return async (html: string) => {
    const tool = findPdfTool(env);
    const work = mkdtempSync(join(tmpdir(), 'chancery-pdf-'));
    try {
      const htmlPath = join(work, 'export.html');
      const pdfPath = join(work, 'export.pdf');
      writeFileSync(htmlPath, html);
      if (tool.kind === 'electron') {
        const main = join(work, 'print-main.cjs');
        writeFileSync(main, ELECTRON_MAIN);
        const childEnv = { ...env };
        delete childEnv.ELECTRON_RUN_AS_NODE;
        await run(tool.binary, [...rootOnly(), '--disable-gpu', main, htmlPath, pdfPath], childEnv);
      } else {
        await run(
          tool.binary,
          [
            '--headless',
            ...rootOnly(),
            '--disable-gpu',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            `--user-data-dir=${join(work, 'profile')}`,
            '--no-pdf-header-footer',
            `--print-to-pdf=${pdfPath}`,
            pathToFileURL(htmlPath).href,
          ],
          env,
        );
      }
      if (!existsSync(pdfPath)) throw new ChanceryError('PDF_FAILED', `${tool.binary} finished without writing a PDF. Try again, or export HTML and print that from a browser.`);
      const pdf = new Uint8Array(readFileSync(pdfPath));
      if (pdf.byteLength < 5 || new TextDecoder().decode(pdf.subarray(0, 5)) !== '%PDF-') {
        throw new ChanceryError('PDF_FAILED', `${tool.binary} wrote something that is not a PDF. Try again, or export HTML and print that from a browser.`);
      }
      return pdf;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  };
}
