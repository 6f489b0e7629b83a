import { join } from 'node:path';
import { app } from 'electron';

/**
 * Where Chancery keeps per-user state (recent list, the sample workspace). Tests and people who
 * keep several profiles point it elsewhere with CHANCERY_USER_DATA_DIR; Electron's own
 * --user-data-dir works too.
 */
export function configureUserData(): void {
  const override = process.env.CHANCERY_USER_DATA_DIR;
  if (override) app.setPath('userData', override);
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
