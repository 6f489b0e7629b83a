import { ChanceryError } from '../../../shared/errors';
import type { PositionRecord } from '../../../shared/positions/model';
import type { ResolvedRoster } from '../../../shared/positions/roster';
import { signPosition, type Signer } from '../../../shared/positions/signing';
import { requirePartyMember } from './authority';
import type { DocPositionState } from './doc-position-state';
import type { PositionInput } from './position-api';
import { cleanPositionInput, maxAt, nextAt } from './record-builders';

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
