import { z } from 'zod';
import { ChanceryError } from '../errors';
import { RELAY_ADDRESS_EXAMPLE, RELAY_ADDRESS_PATTERN } from '../live/relay-address';
import { POSITION_STATUSES } from '../positions/model';
import { EXPORT_FORMATS } from '../export/export-model';
import { ROUND_NAME_MAX } from '../rounds/round-model';
import { isClauseId } from '../schema/clause-ids';
import { ID_PATTERN, ID_RULE } from '../workspace/ids';
import { channelOf, type CallsOf, type Namespace } from './contract';
import type { ArgsOf } from './derived';

const docId = z.string().regex(ID_PATTERN, `a document id (${ID_RULE})`);
const title = z.string().trim().min(1, 'a non-empty title').max(200, 'at most 200 characters');
const path = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'no NUL bytes');
const update = z.instanceof(Uint8Array).refine((u) => u.byteLength <= 64 * 1024 * 1024, 'at most 64 MiB');
const clauseId = z.string().refine(isClauseId, 'a clause id ("c-" and 16 hex digits)');
const partyCode = z.string().regex(ID_PATTERN, `a party code (${ID_RULE})`);
const displayName = z.string().trim().min(1, 'a non-empty name').max(200, 'at most 200 characters');
const colour = z.string().regex(/^#[0-9a-f]{6}$/iu, 'a colour as #rrggbb');
/** A raw 32-byte Ed25519 public key, base64url without padding. */
const publicKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/u, 'a public key (43 base64url characters)');
/** The text form of a member card: a short prefix and base64url JSON, well under this. */
const MAX_CARD_TEXT = 64 * 1024;
/** An invitation's text form: a prefix and base64url JSON of a few hundred bytes. */
const MAX_INVITATION_TEXT = 16 * 1024;
/** A relay address as users type it: ws:// or wss://, host, port. */
const relayUrl = z.string().trim().max(2048).regex(RELAY_ADDRESS_PATTERN, `a relay address such as ${RELAY_ADDRESS_EXAMPLE}`);
const isoTime = z.iso.datetime({ offset: false, precision: 3, message: 'a time as ISO 8601 UTC with milliseconds' });
/** A y-prosemirror relative position as JSON: small, plain data. */
const relativePosition = z.unknown().refine((v) => v !== undefined && JSON.stringify(v).length <= 1024, 'a relative position');
const noteText = z.string().trim().min(1, 'a non-empty note').max(20_000, 'a note of at most 20000 characters');
const opaqueId = z.string().regex(ID_PATTERN, `an id (${ID_RULE})`);
/** Rounds have UUIDs; ids of the general rule are accepted too, so a round id never needs escaping either way. */
const roundId = z.union([z.uuid(), z.string().regex(ID_PATTERN)], { message: `a round id (a UUID, or ${ID_RULE})` });
const roundName = z
  .string()
  .trim()
  .min(1, 'a non-empty round name')
  .max(ROUND_NAME_MAX, `a round name of at most ${ROUND_NAME_MAX} characters`)
  .refine((n) => !/[\p{Cc}]/u.test(n), 'a round name without control characters');
const exportChoice = z.strictObject({
  format: z.enum(EXPORT_FORMATS),
  docId: docId.nullable(),
  clean: z.boolean(),
  agreedOnly: z.boolean(),
  roundId: roundId.nullable(),
  compareToRoundId: roundId.nullable(),
});

/** An argument schema per method of namespace `N`, checked against its arguments tuple. */
type ArgSchemas<N extends Namespace> = { [M in keyof CallsOf<N>]: z.ZodType<ArgsOf<N, M>> };

/**
 * Argument schemas per namespace and method. Main checks every call against these before any
 * handler runs: a compromised or buggy renderer must not be able to reach the store, the roster or
 * the signing key with a malformed value. `satisfies` ties the table to the contract, so a new
 * method without a schema does not compile.
 */
export const ARG_SCHEMAS = {
  workspace: {
    getStartupState: z.tuple([]),
    create: z.tuple([]),
    openDialog: z.tuple([]),
    open: z.tuple([path]),
    close: z.tuple([]),
    saveTabs: z.tuple([z.strictObject({ open: z.array(docId).max(100), active: docId.nullable() })]),
  },
  documents: {
    add: z.tuple([title]),
    rename: z.tuple([docId, title]),
    move: z.tuple([docId, z.number().int().min(0).max(10_000)]),
    delete: z.tuple([docId]),
  },
  sync: {
    openDoc: z.tuple([docId]),
    pushUpdate: z.tuple([docId, update]),
    closeDoc: z.tuple([docId]),
  },
  identity: {
    get: z.tuple([]),
    setName: z.tuple([displayName]),
    memberCard: z.tuple([]),
    saveMemberCard: z.tuple([]),
    loadMemberCard: z.tuple([]),
  },
  roster: {
    get: z.tuple([]),
    setParty: z.tuple([z.strictObject({ code: partyCode, name: displayName, colour })]),
    retireParty: z.tuple([partyCode]),
    admit: z.tuple([
      z.string().min(1, 'a member card').max(MAX_CARD_TEXT, 'at most 64 KiB'),
      z.enum(['head', 'member', 'observer']),
      partyCode.nullable(),
    ]),
    remove: z.tuple([publicKey]),
  },
  positions: {
    view: z.tuple([docId]),
    agreement: z.tuple([]),
    history: z.tuple([docId, clauseId]),
    set: z.tuple([
      docId,
      clauseId,
      partyCode,
      z.enum(POSITION_STATUSES),
      z.string().max(2000, 'a comment of at most 2000 characters').nullable(),
      z.string().max(10_000, 'a proposal of at most 10000 characters').nullable(),
    ]),
  },
  live: {
    status: z.tuple([]),
    connect: z.tuple([relayUrl.nullable()]),
    disconnect: z.tuple([]),
    host: z.tuple([z.number().int().min(0).max(65_535)]),
    stopHosting: z.tuple([]),
    createInvitation: z.tuple([partyCode.nullable(), z.enum(['head', 'member', 'observer']), isoTime, relayUrl]),
    saveInvitation: z.tuple([z.string().min(1).max(MAX_INVITATION_TEXT)]),
    openInvitationFile: z.tuple([]),
    join: z.tuple([z.string().min(1, 'an invitation').max(MAX_INVITATION_TEXT, 'at most 16 KiB')]),
    importChanges: z.tuple([]),
    setPresence: z.tuple([docId, z.strictObject({ anchor: relativePosition, head: relativePosition }).nullable()]),
    peers: z.tuple([]),
  },
  losses: {
    list: z.tuple([]),
    restore: z.tuple([opaqueId]),
    dismiss: z.tuple([opaqueId]),
  },
  notes: {
    list: z.tuple([docId]),
    add: z.tuple([docId, clauseId, noteText]),
    edit: z.tuple([opaqueId, noteText]),
    remove: z.tuple([opaqueId]),
  },
  exports: {
    run: z.tuple([exportChoice]),
  },
  rounds: {
    list: z.tuple([]),
    cut: z.tuple([roundName]),
    view: z.tuple([roundId]),
    compare: z.tuple([roundId, roundId.nullable()]),
  },
} satisfies { [N in Namespace]: ArgSchemas<N> };

function shown(raw: unknown[]): string {
  const text = JSON.stringify(raw, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v));
  return (text ?? 'undefined').slice(0, 200);
}

/** Validates raw IPC arguments; throws INVALID_ARGUMENT naming the channel and the bad value. */
export function parseArgs<N extends Namespace, M extends keyof CallsOf<N> & string>(
  namespace: N,
  method: M,
  raw: unknown[],
): ArgsOf<N, M> {
  const schemas = ARG_SCHEMAS[namespace] as Record<string, z.ZodType | undefined>;
  const schema = Object.hasOwn(schemas, method) ? schemas[method] : undefined;
  if (!schema) {
    throw new ChanceryError('UNKNOWN_CHANNEL', `There is no IPC method ${channelOf(namespace, method)}. Update Chancery so its windows and main process match.`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` argument ${issue.path.join('.')}` : '';
    throw new ChanceryError(
      'INVALID_ARGUMENT',
      `Invalid call to ${channelOf(namespace, method)}:${where} ${issue?.message ?? 'malformed'} (got ${shown(raw)}).`,
    );
  }
  return result.data as ArgsOf<N, M>;
}
