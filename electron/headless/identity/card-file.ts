import { ChanceryError } from '../../../shared/errors';
import type { MemberCard } from '../../../shared/positions/model';
import { parseMemberCard } from '../../../shared/positions/member-card';
import { parsedFrom, readSmallTextFile, safeFileName, withExtension, writeTextFile } from '../files/small-text-file';

/**
 * Member card files (`.chancery-card`): the card's text form, one line, so the same card can be
 * pasted into a message or carried as a file. A card is tiny; anything larger than
 * {@link MAX_CARD_FILE_BYTES} is not one and is refused before it is read.
 */

/** The extension every card file carries, added when the user leaves it off. */
export const CARD_FILE_EXTENSION = '.chancery-card';

/** The most a card file may hold (a card is well under 1 KiB). */
export const MAX_CARD_FILE_BYTES = 64 * 1024;

/** `path` with the card extension, added when the user left it off in the save dialog. */
export function withCardExtension(path: string): string {
  return withExtension(path, CARD_FILE_EXTENSION);
}

/** A file name to offer for `name`'s card, without characters file systems refuse. */
export function cardFileName(name: string): string {
  return safeFileName(name, CARD_FILE_EXTENSION, 'Member card', 100);
}

/** Writes the card text to `path`. */
export function writeCardFile(path: string, cardText: string): void {
  writeTextFile(path, cardText, { what: 'the member card', instead: 'copy the card as text instead' });
}

/** Reads and checks a card file; INVALID_MEMBER_CARD when it is too large or not a card. */
export function readCardFile(path: string): MemberCard {
  const text = readSmallTextFile(
    path,
    MAX_CARD_FILE_BYTES,
    (size) =>
      new ChanceryError(
        'INVALID_MEMBER_CARD',
        `"${path}" is not a member card: it holds ${size} bytes, and a card is at most ${MAX_CARD_FILE_BYTES}. Ask the delegate to save their card again from Settings.`,
      ),
  );
  return parsedFrom(path, () => parseMemberCard(text));
}
