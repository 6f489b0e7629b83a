import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { ChanceryError } from '../../../shared/errors';

/**
 * The small one-line text files Chancery hands between people (member cards, invitations): a
 * file name offered from a title, the extension added when the user leaves it off, a size limit
 * checked before anything is read, and one-line errors that name the file.
 */

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `raw` as a file name with `extension`, without characters file systems refuse; `fallback` when nothing is left. */
export function safeFileName(raw: string, extension: string, fallback: string, maxChars = 120): string {
  const safe = raw.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').replace(/\s+/gu, ' ').trim().slice(0, maxChars);
  return `${safe || fallback}${extension}`;
}

/** `path` with `extension` (compared without case), added when the user left it off in the save dialog. */
export function withExtension(path: string, extension: string): string {
  return extname(path).toLowerCase() === extension ? path : `${path}${extension}`;
}

/** What the messages call the file's content, and what the user can do instead of saving it. */
export interface TextFileKind {
  /** "the member card", "the invitation". */
  what: string;
  /** "copy the card as text instead". */
  instead: string;
}

/** Writes `text` and a newline to `path`; STORAGE_FAILED, naming the path, when the disk refuses. */
export function writeTextFile(path: string, text: string, kind: TextFileKind): void {
  try {
    writeFileSync(path, `${text}\n`, { encoding: 'utf8' });
  } catch (err) {
    throw new ChanceryError(
      'STORAGE_FAILED',
      `Chancery could not save ${kind.what} to "${path}" (${reason(err)}). Choose another folder, or ${kind.instead}.`,
      { cause: err },
    );
  }
}

/**
 * Reads `path` as UTF-8 after checking its size: a file larger than `maxBytes` is not what it
 * claims to be, and `tooLarge(size)` says so (thrown as is). Other failures: STORAGE_FAILED.
 */
export function readSmallTextFile(path: string, maxBytes: number, tooLarge: (size: number) => ChanceryError): string {
  try {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > maxBytes) throw tooLarge(size);
      const buffer = Buffer.alloc(size);
      const read = readSync(fd, buffer, 0, size, 0);
      return buffer.subarray(0, read).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof ChanceryError) throw err;
    throw new ChanceryError('STORAGE_FAILED', `Chancery could not read "${path}" (${reason(err)}). Check the file, then try again.`, { cause: err });
  }
}

/** Runs `parse`, prefixing a ChanceryError's message with the file it came from. */
export function parsedFrom<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ChanceryError) throw new ChanceryError(err.code, `"${path}": ${err.message}`, { cause: err });
    throw err;
  }
}
