import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ChanceryError } from '../../../shared/errors';
import { readIdentityFile } from './identity-file';
import { MemberIdentity, type SafeStorageLike } from './member-identity';

/**
 * Where the command line finds the member identity: the same user-data folder the app uses, so
 * `chancery invite` signs with the key the app enrolled. Electron names that folder after the
 * app's `productName`, else its package `name`; package.json has only `name` ("chancery")
 * (electron-builder's `productName` names the installer and the executable, not this folder),
 * so the folder is `<appData>/chancery`, where appData is what Electron uses on each system.
 * `--user-data DIR` or CHANCERY_USER_DATA pick another folder (tests, several profiles); the
 * app's own CHANCERY_USER_DATA_DIR is honoured too, so one profile serves both.
 */

/** The folder name Electron gives this app's user data (see above). */
export const APP_FOLDER_NAME = 'chancery';

/** Electron's `appData` for this system and user. */
function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  if (platform === 'win32') return env.APPDATA || join(homedir(), 'AppData', 'Roaming');
  return env.XDG_CONFIG_HOME || join(homedir(), '.config');
}

/** The user-data folder: the option, else the environment, else the app's default folder. */
export function userDataDir(option?: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const chosen = option || env.CHANCERY_USER_DATA || env.CHANCERY_USER_DATA_DIR;
  return chosen || join(appDataDir(env, platform), APP_FOLDER_NAME);
}

/**
 * Plain Node has no OS keychain: a key the app encrypted with it cannot be read here (the
 * identity's own error says so), and an identity made here is protected by file permissions.
 */
const NO_KEYCHAIN: SafeStorageLike = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new ChanceryError('IDENTITY_FAILED', 'The command line has no access to the system keychain.');
  },
  decryptString: () => {
    throw new ChanceryError('IDENTITY_FAILED', 'The command line has no access to the system keychain.');
  },
};

/** The member identity in `dir` (created there, readable by this user only, on first use). */
export function loadIdentity(dir: string): MemberIdentity {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new ChanceryError(
      'STORAGE_FAILED',
      `Chancery could not create its folder "${dir}" (${err instanceof Error ? err.message : String(err)}). Choose another with --user-data.`,
      { cause: err },
    );
  }
  return MemberIdentity.loadOrCreate({ path: join(dir, 'identity.json'), safeStorage: NO_KEYCHAIN });
}

/** The member identity in `dir` if there is one; null where none was ever made (nothing is created). */
export function existingIdentity(dir: string): MemberIdentity | null {
  const path = join(dir, 'identity.json');
  if (readIdentityFile(path) === null) return null;
  return MemberIdentity.loadOrCreate({ path, safeStorage: NO_KEYCHAIN });
}
