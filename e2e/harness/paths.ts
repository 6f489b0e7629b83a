import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The project root (this file is e2e/harness/paths.ts). */
export const ROOT = resolve(__dirname, '..', '..');

/** The built main process. CHANCERY_E2E_MAIN points the harness at another script (harness self-tests). */
export const MAIN_SCRIPT = process.env.CHANCERY_E2E_MAIN ?? join(ROOT, 'out', 'main', 'index.js');

/** Preloaded into the harness's main process so `require('electron')` gives the double. */
export const DOUBLE_REGISTER = join(ROOT, 'e2e', 'harness', 'electron-double', 'register.cjs');

export const ELECTRON_MISSING =
  'Electron binary not installed on this machine (it cannot be downloaded here); the chromium-harness project runs the same specs';

/**
 * The Electron binary, if it was ever downloaded: node_modules/electron/path.txt names it,
 * relative to node_modules/electron/dist.
 */
export function electronBinary(): string | null {
  const pkgDir = join(ROOT, 'node_modules', 'electron');
  const pathTxt = join(pkgDir, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const binary = join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Fails with a clear instruction when the app has not been built. */
export function assertBuilt(): void {
  if (!existsSync(MAIN_SCRIPT)) {
    throw new Error(`${MAIN_SCRIPT} does not exist: build the app first (npm run build).`);
  }
}
