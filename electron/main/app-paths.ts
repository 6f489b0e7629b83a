import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { ChanceryError } from '../../shared/errors';

/**
 * Where Chancery keeps per-user state (recent list, the sample workspace). Tests and people who
 * keep several profiles point it elsewhere with CHANCERY_USER_DATA_DIR; Electron's own
 * --user-data-dir works too.
 */
export function configureUserData(): void {
  const override = process.env.CHANCERY_USER_DATA_DIR;
  if (override) app.setPath('userData', override);
}

/**
 * Creates the user-data folder on a machine where Chancery never ran, readable by this user only:
 * it will hold the member key and the sample negotiation. An existing folder is left as it is.
 */
export function ensureUserDataFolder(): string {
  const dir = app.getPath('userData');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new ChanceryError(
      'STORAGE_FAILED',
      `Chancery could not create its folder "${dir}" (${err instanceof Error ? err.message : String(err)}). ` +
        'Check that your home folder can be written to, then start Chancery again.',
      { cause: err },
    );
  }
  return dir;
}

export function userDataPath(...parts: string[]): string {
  return join(app.getPath('userData'), ...parts);
}

/** The built renderer, served through the app:// scheme (out/main → out/renderer). */
export function rendererRoot(): string {
  return join(__dirname, '../renderer');
}

/** The built preload (out/main → out/preload). */
export function preloadPath(): string {
  return join(__dirname, '../preload/index.cjs');
}
