import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Electronegativity, Doyensec's scanner for Electron misconfigurations, run on the app's own code
 * (main, preload, renderer and what they import), as an outside reviewer would. Its CLI cannot be
 * used: it requires `commander` without depending on it and gets the project's commander 14,
 * whose API it predates. Its programmatic API (`run(options)`) needs no commander.
 *
 * A finding is fixed, or explained in a comment at the flagged line together with the scanner's
 * own `eng-disable <CHECK>` marker there (which hides it). So the gate is: no HIGH, no MEDIUM.
 */

const ROOT = resolve(__dirname, '../../..');
/** What ships: these trees without tests and test fixtures (the electron test double is in e2e/). */
const APP_TREES = ['electron', 'renderer', 'shared'];
const SCANNED_EXTENSIONS = ['.ts', '.tsx', '.js', '.html'];
/**
 * Compares the Electron version with the releases list it downloads from GitHub (or finds cached
 * in the OS temp folder): the answer would depend on the network and on /tmp, and upgrading
 * Electron is a dependency decision, not a window setting.
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' };
  description: string;
}
interface ScanResult {
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}
type Run = (options: Record<string, unknown>, forCli: boolean) => Promise<ScanResult>;

const projectRequire = createRequire(join(ROOT, 'package.json'));
const scannerDir = dirname(projectRequire.resolve('@doyensec/electronegativity/package.json'));

/**
 * The scanner fetches translations (and release lists) with `got`; on an air-gapped laptop or a CI
 * runner without network that is a wait or a failure, and it would tell a server the user's
 * locale. Every copy of `got` it can load answers "unavailable" at once, and it falls back to its
 * bundled English texts.
 */
function keepScannerOffline(): void {
  const offline = Object.assign(async () => ({ statusCode: 503, body: '', headers: {} }), {
    head: async () => {
      throw new Error('offline: Chancery scans without network');
    },
  });
  for (const user of ['dist/locales/i18n.js', 'dist/finder/checks/GlobalChecks/AvailableSecurityFixesGlobalCheck.js']) {
    const gotPath = createRequire(join(scannerDir, user)).resolve('got');
    const cached = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
    projectRequire.cache[gotPath] = cached as unknown as NodeJS.Module;
  }
}

/** Copies the shipped sources, keeping their paths, so the scan sees them and nothing else. */
function stageAppSources(into: string): void {
  const isShipped = (path: string) =>
    SCANNED_EXTENSIONS.some((ext) => path.endsWith(ext)) && !/\.(test|fixture)\.tsx?$/u.test(path);
  for (const tree of APP_TREES) {
    cpSync(join(ROOT, tree), join(into, tree), {
      recursive: true,
      filter: (src) => !src.includes('node_modules') && (statSync(src).isDirectory() || isShipped(src)),
    });
  }
  // The scanner reads the Electron version and the npm scripts (custom Chromium flags) from here.
  cpSync(join(ROOT, 'package.json'), join(into, 'package.json'));
}

async function scan(input: string): Promise<ScanResult> {
  keepScannerOffline();
  const scanner = projectRequire(scannerDir) as { default?: Run } & Run;
  const run = scanner.default ?? scanner;
  return run({ input, isRelative: true, customScan: [], excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()) }, false);
}

const describeFinding = (f: Finding) =>
  `${f.severity.name} ${f.id} at ${f.file}:${f.location.line}:${f.location.column} — ${f.description}`;

describe('Electronegativity on the app code', () => {
  let staged: string;
  let result: ScanResult;

  beforeAll(async () => {
    staged = mkdtempSync(join(tmpdir(), 'chancery-scan-'));
    stageAppSources(staged);
    result = await scan(staged);
  }, 60_000);

  afterAll(() => {
    if (staged) rmSync(staged, { recursive: true, force: true });
  });

  it('reads every file (a file it cannot parse would go unchecked)', () => {
    expect(result.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([]);
  });

  it('finds no HIGH and no unexplained MEDIUM', () => {
    const serious = result.issues.filter((f) => f.severity.name === 'HIGH' || f.severity.name === 'MEDIUM');
    expect(serious.map(describeFinding), 'fix each, or explain it at the flagged line with `eng-disable <CHECK_ID>`').toEqual([]);
  });

  it('would catch a window with Node and without isolation (the gate is not blind)', async () => {
    const weak = mkdtempSync(join(tmpdir(), 'chancery-scan-weak-'));
    try {
      mkdirSync(join(weak, 'main'));
      writeFileSync(join(weak, 'package.json'), JSON.stringify({ devDependencies: { electron: '45.5.0' } }));
      writeFileSync(
        join(weak, 'main', 'window.ts'),
        "import { BrowserWindow } from 'electron';\n" +
          "export const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
      );
      const { issues } = await scan(weak);
      const high = issues.filter((f) => f.severity.name === 'HIGH').map((f) => `${f.id} ${f.file}`);
      expect(high).toContain('CONTEXT_ISOLATION_JS_CHECK main/window.ts');
    } finally {
      rmSync(weak, { recursive: true, force: true });
    }
  }, 60_000);
});
