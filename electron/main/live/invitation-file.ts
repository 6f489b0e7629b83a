import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { ChanceryError } from '../../../shared/errors';
import { parseInvitation } from '../../../shared/live/invitation';

/**
 * Invitation files (`.chancery-invitation`): the invitation's text form on one line, so the same
 * invitation can be pasted into a message or carried on a stick. An invitation is a few hundred
 * bytes; a file larger than {@link MAX_INVITATION_FILE_BYTES} is not one and is not read.
 */

/** The extension every invitation file carries, added when the user leaves it off. */
export const INVITATION_FILE_EXTENSION = '.chancery-invitation';

/** The most an invitation file may hold (the IPC limit on invitation text). */
export const MAX_INVITATION_FILE_BYTES = 16 * 1024;

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `path` with the invitation extension, added when the user left it off in the save dialog. */
export function withInvitationExtension(path: string): string {
  return extname(path).toLowerCase() === INVITATION_FILE_EXTENSION ? path : `${path}${INVITATION_FILE_EXTENSION}`;
}

/** A file name to offer for an invitation, from its party and role, without characters file systems refuse. */
export function invitationFileName(text: string): string {
  const inv = parseInvitation(text);
  const who = inv.role === 'observer' ? 'observer' : `${inv.party ?? ''} ${inv.role === 'head' ? 'head of delegation' : 'delegate'}`;
  const raw = `${inv.workspaceTitle} - invitation ${who}`;
  const safe = raw.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').replace(/\s+/gu, ' ').trim().slice(0, 120);
  return `${safe || 'Invitation'}${INVITATION_FILE_EXTENSION}`;
}

/** Writes the invitation text (checked first: a damaged text is never saved as if it were one). */
export function writeInvitationFile(path: string, text: string): void {
  parseInvitation(text);
  try {
    writeFileSync(path, `${text.trim()}\n`, { encoding: 'utf8' });
  } catch (err) {
    throw new ChanceryError(
      'STORAGE_FAILED',
      `Chancery could not save the invitation to "${path}" (${reason(err)}). Choose another folder, or copy the invitation as text instead.`,
      { cause: err },
    );
  }
}

/** Reads an invitation file and checks it; resolves to the invitation's text (INVALID_INVITATION if it is not one). */
export function readInvitationFile(path: string): string {
  let text: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > MAX_INVITATION_FILE_BYTES) {
        throw new ChanceryError(
          'INVALID_INVITATION',
          `"${path}" is not an invitation: it holds ${size} bytes, and an invitation is at most ${MAX_INVITATION_FILE_BYTES}. Ask whoever invited you to send it again.`,
        );
      }
      const buffer = Buffer.alloc(size);
      const read = readSync(fd, buffer, 0, size, 0);
      text = buffer.subarray(0, read).toString('utf8').trim();
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof ChanceryError) throw err;
    throw new ChanceryError('STORAGE_FAILED', `Chancery could not read "${path}" (${reason(err)}). Check the file, then try again.`, { cause: err });
  }
  try {
    parseInvitation(text);
  } catch (err) {
    if (err instanceof ChanceryError) throw new ChanceryError(err.code, `"${path}": ${err.message}`, { cause: err });
    throw err;
  }
  return text;
}
