import { z } from 'zod';
import { ChanceryError } from '../errors';
import { CLAUSE_ID_PATTERN } from '../schema/clause-ids';
import { ID_PATTERN, ID_RULE } from '../workspace/ids';
import { POSITION_STATUSES, type PositionRecord, type RosterEntry } from './model';

/**
 * The exact shape of a stored position or roster entry. The gate refuses anything else before it
 * is stored, and readers re-check what they load (an old file, a merge), so every other function
 * can rely on these types. Objects are strict: an extra field would be signed data the UI never
 * shows, or unsigned data beside a signature that seems to cover it.
 */

/** Longest comment kept with a position. */
export const MAX_COMMENT_LENGTH = 2000;
/** Longest alternative wording put forward with a dispute. */
export const MAX_PROPOSAL_LENGTH = 10_000;
/** Longest name (of a party, a member, the convener). */
export const MAX_NAME_LENGTH = 200;
/** Longest colour value (a CSS colour). */
export const MAX_COLOUR_LENGTH = 64;

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, as `Date#toISOString` writes it; one spelling per instant, so ordering by string is ordering by time. */
export const AT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/u;

/** True for an `at` Chancery writes: the pattern and a real instant (no 31 February). */
export function isRecordTime(value: unknown): value is string {
  return typeof value === 'string' && AT_PATTERN.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
}

const at = z.string().refine(isRecordTime, 'a UTC time written YYYY-MM-DDTHH:mm:ss.sssZ');
/** 32 raw bytes in base64url without padding: 43 characters, the last one carrying 4 bits only. */
const key = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/u, 'an Ed25519 public key (43 base64url characters)');
/** 64 raw bytes in base64url without padding: 86 characters, the last one carrying 2 bits only. */
const signature = z.string().regex(/^[A-Za-z0-9_-]{85}[AQgw]$/u, 'an Ed25519 signature (86 base64url characters)');
const id = z.string().regex(ID_PATTERN, ID_RULE);
const name = z.string().max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`).refine((s) => s.trim() !== '', 'a non-empty name');
const v = z.literal(1);

/** A signed position (see `PositionRecord`). */
export const positionRecordSchema = z.strictObject({
  v,
  workspaceId: id,
  docId: id,
  clauseId: z.string().regex(CLAUSE_ID_PATTERN, 'a clause id ("c-" and 16 hex digits)'),
  party: id,
  status: z.enum(POSITION_STATUSES),
  textHash: z.string().regex(/^[0-9a-f]{64}$/u, 'a SHA-256 hash (64 lowercase hex digits)'),
  comment: z.string().max(MAX_COMMENT_LENGTH, `at most ${MAX_COMMENT_LENGTH} characters`).optional(),
  proposal: z.string().max(MAX_PROPOSAL_LENGTH, `at most ${MAX_PROPOSAL_LENGTH} characters`).optional(),
  at,
  member: key,
  signature,
});

const base = { v, workspaceId: id, at, signer: key, signature };

/** A signed roster entry (see `RosterEntry`), told apart by `action`. */
export const rosterEntrySchema = z
  .discriminatedUnion('action', [
    z.strictObject({ ...base, action: z.literal('convene'), name }),
    z.strictObject({
      ...base,
      action: z.literal('party'),
      party: id,
      name,
      colour: z.string().min(1).max(MAX_COLOUR_LENGTH, `a colour of at most ${MAX_COLOUR_LENGTH} characters`),
      retired: z.boolean().optional(),
    }),
    z.strictObject({ ...base, action: z.literal('admit'), key, name, role: z.enum(['head', 'member', 'observer']), party: id.optional() }),
    z.strictObject({ ...base, action: z.literal('remove'), key }),
  ])
  .superRefine((entry, ctx) => {
    if (entry.action !== 'admit') return;
    if (entry.role === 'observer' && entry.party !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['party'], message: 'no party for an observer' });
    }
    if (entry.role !== 'observer' && entry.party === undefined) {
      ctx.addIssue({ code: 'custom', path: ['party'], message: `the party of the ${entry.role}` });
    }
  });

function fail(what: string, error: z.ZodError, input: unknown): never {
  const issue = error.issues[0];
  if (!issue) throw new ChanceryError('INVALID_UPDATE', `${what} is not in the Chancery format.`);
  if (issue.code === 'unrecognized_keys') {
    throw new ChanceryError('INVALID_UPDATE', `${what} is not in the Chancery format: field "${issue.keys.join('", "').slice(0, 80)}" is not one it has.`);
  }
  if (issue.path.length === 0) throw new ChanceryError('INVALID_UPDATE', `${what} is not in the Chancery format: it is not a record (${JSON.stringify(input)?.slice(0, 40) ?? typeof input}).`);
  const field = issue.path.join('.');
  const given = issue.path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), input);
  const why =
    issue.code === 'invalid_type'
      ? given === undefined
        ? 'is missing'
        : `has the wrong type (${issue.expected} expected)`
      : issue.code === 'invalid_value'
        ? `should be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
        : issue.code === 'invalid_union' && field === 'action'
          ? 'should be one of "convene", "party", "admit", "remove"'
        : `should be ${issue.message}`;
  throw new ChanceryError('INVALID_UPDATE', `${what} is not in the Chancery format: field "${field}" ${why}.`);
}

/** Checks a stored position's shape; throws INVALID_UPDATE naming the first bad field. */
export function parsePositionRecord(value: unknown): PositionRecord {
  const result = positionRecordSchema.safeParse(value);
  if (!result.success) fail('A position', result.error, value);
  return result.data as PositionRecord;
}

/** Checks a stored roster entry's shape; throws INVALID_UPDATE naming the first bad field. */
export function parseRosterEntry(value: unknown): RosterEntry {
  const result = rosterEntrySchema.safeParse(value);
  if (!result.success) fail('A roster entry', result.error, value);
  return result.data as RosterEntry;
}
