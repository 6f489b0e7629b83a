import { ChanceryError } from '../../../shared/errors';
import type { MemberCard, PositionRecord, PositionStatus, RosterParty, RosterView } from '../../../shared/positions/model';
import { POSITION_STATUSES } from '../../../shared/positions/model';
import { MAX_COLOUR_LENGTH, MAX_COMMENT_LENGTH, MAX_NAME_LENGTH, MAX_PROPOSAL_LENGTH } from '../../../shared/positions/record-schema';
import type { ResolvedRoster } from '../../../shared/positions/roster';
import { signPosition, type Signer } from '../../../shared/positions/signing';
import { ID_RULE, isValidId } from '../../../shared/workspace/ids';
import { requirePartyMember } from './authority';
import type { DocPositionState } from './doc-position-state';
import type { PositionInput } from './position-api';

/**
 * The checks and clean-ups on what a member typed before it is signed: a signature makes a record
 * permanent on every copy, so anything malformed is refused here (INVALID_ARGUMENT, naming the bad
 * value) rather than stored and shown as invalid forever.
 */

/**
 * The `at` of a new record: now, or 1 ms after the latest one this machine has seen for the same
 * clause and party (or roster), whichever is later, so a change always wins over what the member
 * saw even when another delegate's clock runs ahead.
 */
export function nextAt(latest: string | null, now: Date = new Date()): string {
  const after = latest === null ? -Infinity : Date.parse(latest) + 1;
  return new Date(Math.max(now.getTime(), after)).toISOString();
}

/** The later of two record times (either may be absent). */
export function maxAt(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** The latest `at` of the valid entries of a roster (what a new entry must follow). */
export function latestRosterAt(roster: RosterView): string | null {
  let latest: string | null = null;
  for (const e of roster.events) if (e.verdict.valid && (latest === null || e.entry.at > latest)) latest = e.entry.at;
  return latest;
}

function bad(message: string): never {
  throw new ChanceryError('INVALID_ARGUMENT', message);
}

function optionalText(value: unknown, what: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') bad(`The ${what} must be text, got ${typeof value}.`);
  const trimmed = value.trim();
  if (trimmed.length > max) bad(`The ${what} has ${trimmed.length} characters; at most ${max} are kept. Shorten it and save again.`);
  return trimmed === '' ? undefined : trimmed;
}

/** A position's status, comment and proposal as they will be signed: trimmed, empty ones left out. */
export function cleanPositionInput(input: PositionInput): { status: PositionStatus; comment?: string; proposal?: string } {
  if (!(POSITION_STATUSES as readonly unknown[]).includes(input?.status)) {
    bad(`${JSON.stringify(input?.status)} is not a position; choose one of ${POSITION_STATUSES.join(', ')}.`);
  }
  const comment = optionalText(input.comment, 'comment', MAX_COMMENT_LENGTH);
  const proposal = optionalText(input.proposal, 'proposed wording', MAX_PROPOSAL_LENGTH);
  if (proposal !== undefined && input.status !== 'disputed') {
    bad(`Proposed wording goes with a dispute only, not with "${input.status}"; clear it or choose Disputed.`);
  }
  return { status: input.status, ...(comment !== undefined ? { comment } : {}), ...(proposal !== undefined ? { proposal } : {}) };
}

function requiredName(value: unknown, what: string): string {
  const name = optionalText(value, what, MAX_NAME_LENGTH);
  if (name === undefined) bad(`The ${what} is empty; give a name of 1–${MAX_NAME_LENGTH} characters.`);
  return name;
}

/** A party as the convener defines it: a valid code, a name, a colour. */
export function cleanParty(party: RosterParty): RosterParty {
  if (!isValidId(party?.code)) bad(`Party code ${JSON.stringify(party?.code)} is not valid; use ${ID_RULE}.`);
  const colour = typeof party.colour === 'string' ? party.colour.trim() : '';
  if (colour === '' || colour.length > MAX_COLOUR_LENGTH) bad(`The colour of party ${party.code} must be a CSS colour of 1–${MAX_COLOUR_LENGTH} characters, got ${JSON.stringify(party.colour)}.`);
  return { code: party.code, name: requiredName(party.name, `name of party ${party.code}`), colour };
}

/** A member card's name, trimmed; the card itself was parsed by `parseMemberCard`. */
export function cleanCard(card: MemberCard): MemberCard {
  if (typeof card?.key !== 'string' || !/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/u.test(card.key)) {
    throw new ChanceryError('INVALID_MEMBER_CARD', `The member card's key ${JSON.stringify(String(card?.key).slice(0, 60))} is not an Ed25519 public key; ask the delegate to copy their card again.`);
  }
  return { v: 1, name: requiredName(card.name, 'member name on the card'), key: card.key };
}

/** A convener's name. */
export function cleanName(name: string, what: string): string {
  return requiredName(name, what);
}

/** CLAUSE_NOT_FOUND for a clause the document does not have (now). */
export function noClause(docId: string, clauseId: string): never {
  throw new ChanceryError('CLAUSE_NOT_FOUND', `Document ${docId} has no clause ${JSON.stringify(clauseId)} (it may have been deleted meanwhile); reload the document and try again.`);
}

/**
 * The signed record of `party`'s new position on a clause, every check done first, in the order
 * the member is best told of what is wrong: the input (INVALID_ARGUMENT), whether the signer may
 * speak for the party (NOT_AUTHORISED), the document (`state` is asked for only then) and clause.
 */
export function signedPosition(
  ctx: { roster: ResolvedRoster; workspaceId: string; state: () => DocPositionState },
  signer: Signer,
  target: { docId: string; clauseId: string; party: string },
  input: PositionInput,
): PositionRecord {
  const { docId, clauseId, party } = target;
  const clean = cleanPositionInput(input);
  const me = requirePartyMember(ctx.roster, signer.publicKey, party);
  const state = ctx.state();
  const textHash = state.hashOf(clauseId);
  if (textHash === undefined) noClause(docId, clauseId);
  if (clean.status === 'withdrawn' && state.view(clauseId)?.parties.find((p) => p.party === party)?.status === 'open') {
    throw new ChanceryError('INVALID_ARGUMENT', `${party} has no position on clause ${clauseId} to withdraw.`);
  }
  const unsigned = {
    v: 1 as const,
    workspaceId: ctx.workspaceId,
    docId,
    clauseId,
    party,
    ...clean,
    textHash,
    // Never before the signer's own admission either (a head whose clock runs ahead admitted them).
    at: nextAt(maxAt(state.latestAt(clauseId, party), me.since)),
    member: signer.publicKey,
  };
  return signPosition(unsigned, signer);
}
