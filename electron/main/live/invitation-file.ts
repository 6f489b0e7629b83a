import { ChanceryError } from '../../../shared/errors';
import { parseInvitation } from '../../../shared/live/invitation';
import { parsedFrom, readSmallTextFile, safeFileName, withExtension, writeTextFile } from '../../headless/files/small-text-file';

/**
 * Invitation files (`.chancery-invitation`): the invitation's text form on one line, so the same
 * invitation can be pasted into a message or carried on a stick. An invitation is a few hundred
 * bytes; a file larger than {@link MAX_INVITATION_FILE_BYTES} is not one and is not read.
 */

/** The extension every invitation file carries, added when the user leaves it off. */
export const INVITATION_FILE_EXTENSION = '.chancery-invitation';

/** The most an invitation file may hold (the IPC limit on invitation text). */
export const MAX_INVITATION_FILE_BYTES = 16 * 1024;

/** `path` with the invitation extension, added when the user left it off in the save dialog. */
export function withInvitationExtension(path: string): string {
  return withExtension(path, INVITATION_FILE_EXTENSION);
}

/** A file name to offer for an invitation, from its party and role, without characters file systems refuse. */
export function invitationFileName(text: string): string {
  const inv = parseInvitation(text);
  const who = inv.role === 'observer' ? 'observer' : `${inv.party ?? ''} ${inv.role === 'head' ? 'head of delegation' : 'delegate'}`;
  return safeFileName(`${inv.workspaceTitle} - invitation ${who}`, INVITATION_FILE_EXTENSION, 'Invitation');
}

/** Writes the invitation text (checked first: a damaged text is never saved as if it were one). */
export function writeInvitationFile(path: string, text: string): void {
  parseInvitation(text);
  writeTextFile(path, text.trim(), { what: 'the invitation', instead: 'copy the invitation as text instead' });
}

/** Reads an invitation file and checks it; resolves to the invitation's text (INVALID_INVITATION if it is not one). */
export function readInvitationFile(path: string): string {
  const text = readSmallTextFile(
    path,
    MAX_INVITATION_FILE_BYTES,
    (size) =>
      new ChanceryError(
        'INVALID_INVITATION',
        `"${path}" is not an invitation: it holds ${size} bytes, and an invitation is at most ${MAX_INVITATION_FILE_BYTES}. Ask whoever invited you to send it again.`,
      ),
  ).trim();
  parsedFrom(path, () => parseInvitation(text));
  return text;
}
