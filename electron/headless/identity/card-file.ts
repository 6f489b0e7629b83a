import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { ChanceryError } from '../../../shared/errors';
import type { MemberCard } from '../../../shared/positions/model';
import { parseMemberCard } from '../../../shared/positions/member-card';

/**
 * Member card files (`.chancery-card`): the card's text form, one line, so the same card can be
 * pasted into a message or carried as a file. A card is tiny; anything larger than
 * {@link MAX_CARD_FILE_BYTES} is not one and is refused before it is read.
 */

/** The extension every card file carries, added when the user leaves it off. */
export const CARD_FILE_EXTENSION = '.chancery-card';

/** The most a card file may hold (a card is well under 1 KiB). */
export const MAX_CARD_FILE_BYTES = 64 * 1024;

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `path` with the card extension, added when the user left it off in the save dialog. */
export function withCardExtension(path: string): string {
  return extname(path).toLowerCase() === CARD_FILE_EXTENSION ? path : `${path}${CARD_FILE_EXTENSION}`;
}

/** A file name to offer for `name`'s card, without characters file systems refuse. */
export function cardFileName(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').replace(/\s+/gu, ' ').trim().slice(0, 100);
  return `${safe || 'Member card'}${CARD_FILE_EXTENSION}`;
}

/** Writes the card text to `path`. */
export function writeCardFile(path: string, cardText: string): void {
  try {
    writeFileSync(path, `${cardText}\n`, { encoding: 'utf8' });
  } catch (err) {
    throw new ChanceryError(
      'STORAGE_FAILED',
      `Chancery could not save the member card to "${path}" (${reason(err)}). Choose another folder, or copy the card as text instead.`,
      { cause: err },
    );
  }
}

/** Reads and checks a card file; INVALID_MEMBER_CARD when it is too large or not a card. */
export function readCardFile(path: string): MemberCard {
  let text: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > MAX_CARD_FILE_BYTES) {
        throw new ChanceryError(
          'INVALID_MEMBER_CARD',
          `"${path}" is not a member card: it holds ${size} bytes, and a card is at most ${MAX_CARD_FILE_BYTES}. Ask the delegate to save their card again from Settings.`,
        );
      }
      const buffer = Buffer.alloc(size);
      const read = readSync(fd, buffer, 0, size, 0);
      text = buffer.subarray(0, read).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof ChanceryError) throw err;
    throw new ChanceryError('STORAGE_FAILED', `Chancery could not read "${path}" (${reason(err)}). Check the file, then try again.`, { cause: err });
  }
  try {
    return parseMemberCard(text);
  } catch (err) {
    if (err instanceof ChanceryError) {
      throw new ChanceryError(err.code, `"${path}": ${err.message}`, { cause: err });
    }
    throw err;
  }
}
