import { z } from 'zod';
import { ChanceryError } from '../errors';
import { MAX_NAME_LENGTH } from '../positions/record-schema';
import { isClauseId } from '../schema/clause-ids';
import { ID_PATTERN, ID_RULE } from '../workspace/ids';
import type { DelegationNote } from './note-model';

/**
 * The most a note may hold. Generous for a drafting note (a page or two of instructions from the
 * capital), yet small enough that one member cannot swell the delegation's private document, which
 * every member's copy downloads whole.
 */
export const MAX_NOTE_TEXT = 20_000;

/** A raw 32-byte Ed25519 public key, base64url without padding (as the roster writes keys). */
const PUBLIC_KEY = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/u;

/**
 * Note text as Chancery writes it: not blank, at most {@link MAX_NOTE_TEXT} characters. Kept as
 * typed (no trimming here: the IPC trims what a window sends), so a note reads back exactly.
 */
export const NoteTextSchema = z
  .string()
  .max(MAX_NOTE_TEXT, `a note of at most ${MAX_NOTE_TEXT} characters`)
  .refine((text) => text.trim() !== '', 'a note that is not blank');

/**
 * One note as it is stored in the private document: plain JSON with exactly these fields. Strict,
 * because whatever passes here is kept and spread to every member of the delegation.
 */
export const DelegationNoteSchema = z.strictObject({
  id: z.string().regex(ID_PATTERN, `a note id (${ID_RULE})`),
  docId: z.string().regex(ID_PATTERN, `a document id (${ID_RULE})`),
  clauseId: z.string().refine(isClauseId, 'a clause id ("c-" and 16 hex digits)'),
  text: NoteTextSchema,
  // The roster's rule for names: a note shows the name its author had in the roster.
  author: z
    .string()
    .max(MAX_NAME_LENGTH, `an author name of at most ${MAX_NAME_LENGTH} characters`)
    .refine((s) => s.trim() !== '', 'an author name'),
  authorKey: z.string().regex(PUBLIC_KEY, 'a public key (43 base64url characters)'),
  at: z.iso.datetime({ offset: false, precision: 3, message: 'a time as ISO 8601 UTC with milliseconds' }),
}) satisfies z.ZodType<DelegationNote>;

/** The first problem zod found, in a few words, for one-line error messages. */
function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it is not a note';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/**
 * Reads a value as a note, or throws INVALID_ARGUMENT saying which field is wrong. Used on every
 * note written (so main never stores one the gate of another copy would refuse) and by the gate.
 */
export function parseNote(value: unknown): DelegationNote {
  const parsed = DelegationNoteSchema.safeParse(value);
  if (!parsed.success) throw new ChanceryError('INVALID_ARGUMENT', `A delegation note is not valid (${firstProblem(parsed.error)}).`);
  return parsed.data;
}

/** Checks note text a member typed; INVALID_ARGUMENT for blank or oversized text (the size, never the text, is named). */
export function checkNoteText(text: string): string {
  const parsed = NoteTextSchema.safeParse(text);
  if (!parsed.success) {
    throw new ChanceryError('INVALID_ARGUMENT', `A note must not be blank and may hold at most ${MAX_NOTE_TEXT} characters (this one has ${text.length}).`);
  }
  return parsed.data;
}
