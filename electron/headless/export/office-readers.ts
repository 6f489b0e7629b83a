import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';

/**
 * Test support: read exported files back with the programs a user opens them with, so tests
 * assert what a reader of the file sees rather than what we meant to write. LibreOffice reads
 * DOCX (slowly: seconds per start, so every call converts a batch), fflate shows the XML parts
 * Word would parse, and pdftotext reads PDFs. Lives under `electron/` because it spawns programs.
 */

/** How long one LibreOffice batch may take before the test fails with a clear message. */
const SOFFICE_TIMEOUT_MS = 120_000;

/**
 * The plain text LibreOffice Writer sees in each DOCX (UTF-8), in the order of `paths`.
 * One soffice start converts them all; each call gets its own profile dir so parallel test
 * files never share (and lock) one. Inputs are copied under unique names first, so two files
 * with the same base name in different folders do not overwrite each other's text.
 */
export async function docxToText(paths: string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const work = mkdtempSync(join(tmpdir(), 'chancery-soffice-'));
  try {
    const inDir = join(work, 'in');
    const outDir = join(work, 'out');
    const profile = join(work, 'profile');
    mkdirSync(inDir);
    mkdirSync(outDir);
    const inputs = paths.map((p, i) => {
      const copy = join(inDir, `file-${i}${extname(p) || '.docx'}`);
      copyFileSync(p, copy);
      return copy;
    });
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'txt:Text (encoded):UTF8',
      '--outdir',
      outDir,
      ...inputs,
    ];
    await new Promise<void>((resolve, reject) => {
      execFile('soffice', args, { timeout: SOFFICE_TIMEOUT_MS }, (err, _stdout, stderr) => {
        if (err) reject(new Error(`soffice could not convert ${paths.join(', ')}: ${err.message}\n${stderr}`));
        else resolve();
      });
    });
    return paths.map((p, i) => {
      const txt = join(outDir, `file-${i}.txt`);
      try {
        return readFileSync(txt, 'utf8').replace(/^\uFEFF/, '');
      } catch {
        throw new Error(`LibreOffice produced no text for ${p}: the file is probably not a readable DOCX`);
      }
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** One XML part of a DOCX (default the body), as text, for asserting Word's own markup (w:ins, footnotes). */
export function docxXml(path: string, part = 'word/document.xml'): string {
  const entries = unzipSync(new Uint8Array(readFileSync(path)));
  const data = entries[part];
  if (!data) {
    throw new Error(`${path} has no part ${part}; it has: ${Object.keys(entries).join(', ')}`);
  }
  return strFromU8(data);
}

/** The text of a PDF laid out as printed (`pdftotext -layout`), pages separated by form feeds. */
export function pdfToText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}
