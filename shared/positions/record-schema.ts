import { z } from 'zod';
import { ChanceryError } from '../errors';
import { CLAUSE_ID_PATTERN } from '../schema/clause-ids';
import { ID_PATTERN, ID_RULE } from '../workspace/ids';
import { POSITION_STATUSES, type Invitation, type PositionRecord, type RosterEntry } from './model';

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
/** Longest workspace title carried in an invitation. */
export const MAX_TITLE_LENGTH = 200;
/** Longest relay address carried in an invitation. */
export const MAX_RELAY_LENGTH = 2000;

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, as `Date#toISOString` writes it; one spelling per instant, so ordering by string is ordering by time. */
export const AT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/u;

/** True for an `at` Chancery writes: the pattern and a real instant (no 31 February). */
export function isRecordTime(value: unknown): value is string {
  return typeof value === 'string' && AT_PATTERN.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
}

/** A record time (see {@link isRecordTime}); exported so invitations and relay proofs share the rule. */
export const atSchema = z.string().refine(isRecordTime, 'a UTC time written YYYY-MM-DDTHH:mm:ss.sssZ');
/** 32 raw bytes in base64url without padding: 43 characters, the last one carrying 4 bits only. */
export const keySchema = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/u, 'an Ed25519 public key (43 base64url characters)');
/** 64 raw bytes in base64url without padding: 86 characters, the last one carrying 2 bits only. */
export const signatureSchema = z.string().regex(/^[A-Za-z0-9_-]{85}[AQgw]$/u, 'an Ed25519 signature (86 base64url characters)');
/** 16 random bytes in base64url without padding: 22 characters, the last one carrying 2 bits only. */
export const nonceSchema = z.string().regex(/^[A-Za-z0-9_-]{21}[AQgw]$/u, '16 random bytes (22 base64url characters)');
/** A workspace id, document id or party code ({@link ID_PATTERN}). */
export const idSchema = z.string().regex(ID_PATTERN, ID_RULE);
/** A person's, party's or convener's name: not blank, at most {@link MAX_NAME_LENGTH} characters. */
export const nameSchema = z.string().max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`).refine((s) => s.trim() !== '', 'a non-empty name');
const at = atSchema;
const key = keySchema;
const signature = signatureSchema;
const id = idSchema;
const name = nameSchema;
const v = z.literal(1);

/** `ws://host[:port][/path]` or `wss://…`, lower-case scheme, no query, fragment or credentials. */
const RELAY_PATTERN = /^wss?:\/\/[^\s/?#@]+(?:\/[^\s?#]*)?$/u;
const wsUrl = z.url({ protocol: /^wss?$/u });

/** A relay address as an invitation carries it (what the joiner's app connects to). */
export const relayUrlSchema = z
  .string()
  .max(MAX_RELAY_LENGTH, `at most ${MAX_RELAY_LENGTH} characters`)
  .regex(RELAY_PATTERN, 'a relay address (ws://host:port or wss://host/…)')
  .refine((s) => wsUrl.safeParse(s).success, 'a relay address (ws://host:port or wss://host/…)');

/**
 * A signed invitation (see `Invitation`): strict like every record, with an expiry after its
 * issue time, and a party exactly when the role is not observer.
 */
export const invitationSchema = z
  .strictObject({
    v,
    kind: z.literal('invitation'),
    workspaceId: id,
    workspaceTitle: z.string().max(MAX_TITLE_LENGTH, `at most ${MAX_TITLE_LENGTH} characters`).refine((s) => s.trim() !== '', 'a non-empty title'),
    relay: relayUrlSchema,
    party: id.nullable(),
    role: z.enum(['head', 'member', 'observer']),
    expires: at,
    at,
    issuer: key,
    nonce: nonceSchema,
    signature,
  })
  .superRefine((inv, ctx) => {
    if (inv.expires <= inv.at) ctx.addIssue({ code: 'custom', path: ['expires'], message: `a time after it was issued (${inv.at})` });
    if (inv.role === 'observer' && inv.party !== null) ctx.addIssue({ code: 'custom', path: ['party'], message: 'null for an observer' });
    if (inv.role !== 'observer' && inv.party === null) ctx.addIssue({ code: 'custom', path: ['party'], message: `the party of the ${inv.role}` });
  });

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
    z.strictObject({ ...base, action: z.literal('claim'), name, invitation: invitationSchema }),
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

/**
 * "<what> is not in the Chancery format: field "x" …", naming the first bad field: the message of
 * every shape error, so the stored records, invitations and relay tokens all say it the same way.
 */
export function formatProblem(what: string, error: z.ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return `${what} is not in the Chancery format.`;
  if (issue.code === 'unrecognized_keys') {
    const prefix = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
    return `${what} is not in the Chancery format: field "${prefix}${issue.keys.join('", "').slice(0, 80)}" is not one it has.`;
  }
  if (issue.path.length === 0) return `${what} is not in the Chancery format: it is not a record (${JSON.stringify(input)?.slice(0, 40) ?? typeof input}).`;
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
          ? 'should be one of "convene", "party", "admit", "remove", "claim"'
        : `should be ${issue.message}`;
  // The bad value itself, when it is short text or a number, so the reader sees what was wrong.
  const shown = (typeof given === 'string' && given.length <= 80) || typeof given === 'number' ? ` (${JSON.stringify(given)})` : '';
  return `${what} is not in the Chancery format: field "${field}"${given === undefined ? '' : shown} ${why}.`;
}

function fail(what: string, error: z.ZodError, input: unknown): never {
  throw new ChanceryError('INVALID_UPDATE', formatProblem(what, error, input));
}

/** Checks a stored position's shape; throws INVALID_UPDATE naming the first bad field. */
export function parsePositionRecord(value: unknown): PositionRecord {
  const result = positionRecordSchema.safeParse(value);
  if (!result.success) fail('A position', result.error, value);
  return result.data as PositionRecord;
}

/** Checks an invitation's shape (nested in a claim, or pasted); throws INVALID_UPDATE naming the first bad field. */
export function parseInvitationRecord(value: unknown): Invitation {
  const result = invitationSchema.safeParse(value);
  if (!result.success) fail('An invitation', result.error, value);
  return result.data as Invitation;
}

/** Checks a stored roster entry's shape; throws INVALID_UPDATE naming the first bad field. */
export function parseRosterEntry(value: unknown): RosterEntry {
  const result = rosterEntrySchema.safeParse(value);
  if (!result.success) fail('A roster entry', result.error, value);
  return result.data as RosterEntry;
}
