import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, basename } from 'node:path';
import { z } from 'zod';
import { ChanceryError } from '../../../shared/errors';
import { MAX_NAME_LENGTH } from '../../../shared/positions/record-schema';

/**
 * The on-disk form of the member identity (`identity.json` in the user-data folder) and the only
 * code that reads or writes it. The private key is stored encrypted by the OS (safeStorage) where
 * the OS offers that, and otherwise as plain base64 in a file only this user can read.
 */

/** How the private key is kept in the file. */
export type KeyProtection = 'os-encryption' | 'file-permissions';

const fileSchema = z.strictObject({
  v: z.literal(1),
  name: z.string().min(1).max(MAX_NAME_LENGTH),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/u),
  privateKey: z.strictObject({
    protection: z.enum(['os-encryption', 'file-permissions']),
    /** base64 of the safeStorage ciphertext, or of the PKCS#8 DER key itself. */
    data: z.string().min(1).max(16 * 1024),
  }),
});

/** The identity file's content. */
export type IdentityFile = z.infer<typeof fileSchema>;

/** What to do about an identity file that cannot be used; it is never replaced automatically. */
export function identityFailure(path: string, why: string, cause?: unknown): ChanceryError {
  return new ChanceryError(
    'IDENTITY_FAILED',
    `Your member identity in "${path}" cannot be used: ${why}. Restore that file from a backup and start ` +
      'Chancery again; or, to start with a new identity, move the file aside and start Chancery again ' +
      '(a new identity must be enrolled again by your head of delegation in every negotiation).',
    cause === undefined ? undefined : { cause },
  );
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Reads and checks the file; null when there is none yet (first start). Throws IDENTITY_FAILED otherwise. */
export function readIdentityFile(path: string): IdentityFile | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw identityFailure(path, `it cannot be read (${reason(err)})`, err);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw identityFailure(path, 'it is not valid JSON (the file is damaged)', err);
  }
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw identityFailure(path, `it is damaged (${issue?.path.join('.') || 'content'}: ${issue?.message ?? 'malformed'})`);
  }
  return parsed.data;
}

/**
 * Writes the file atomically, readable by this user only: a temporary file (mode 0600) in the same
 * folder, flushed to disk, then renamed over the old one, so a crash leaves the old identity or the
 * new one, never half of either.
 */
export function writeIdentityFile(path: string, content: IdentityFile): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(content, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new ChanceryError(
      'IDENTITY_FAILED',
      `Chancery could not save your member identity to "${path}" (${reason(err)}). Check that the folder can be written to, then try again.`,
      { cause: err },
    );
  }
}
