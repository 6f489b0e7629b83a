import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from './app-double';

/**
 * Electron's `safeStorage`, for real: AES-256-GCM under a key kept in a file of the user-data
 * folder (`.harness-keychain`, mode 0600, made on first use) — the stand-in for the OS keychain,
 * so main takes its encrypted path and an identity survives a relaunch on the same folder. A
 * ciphertext from another user-data folder (another "machine") does not decrypt.
 * `CHANCERY_HARNESS_NO_KEYCHAIN=1` plays a Linux desktop without a keyring: no encryption
 * available, backend `basic_text`.
 */

const KEY_FILE = '.harness-keychain';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function noKeychain(): boolean {
  return process.env.CHANCERY_HARNESS_NO_KEYCHAIN === '1';
}

function keychainKey(): Buffer {
  const path = join(app.getPath('userData'), KEY_FILE);
  try {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length === 32) return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}

function refuseWithoutKeychain(what: string): void {
  if (noKeychain()) throw new Error(`Error while ${what}: encryption is not available`);
}

export const safeStorage = {
  isEncryptionAvailable(): boolean {
    return !noKeychain();
  },
  getSelectedStorageBackend(): string {
    return noKeychain() ? 'basic_text' : 'gnome_libsecret';
  },
  encryptString(plainText: string): Buffer {
    refuseWithoutKeychain('encrypting the text');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', keychainKey(), iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  decryptString(encrypted: Buffer): string {
    refuseWithoutKeychain('decrypting the ciphertext');
    if (encrypted.length < IV_BYTES + TAG_BYTES) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const decipher = createDecipheriv('aes-256-gcm', keychainKey(), encrypted.subarray(0, IV_BYTES));
    decipher.setAuthTag(encrypted.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(encrypted.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  },
};
