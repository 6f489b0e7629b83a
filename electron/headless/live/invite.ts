import { ChanceryError } from '../../../shared/errors';
import { encodeInvitation, signInvitation } from '../../../shared/live/invitation';
import type { InvitationRole } from '../../../shared/positions/model';
import type { ResolvedRoster } from '../../../shared/positions/roster';
import type { Signer } from '../../../shared/positions/signing';
import { describeMember } from '../positions/authority';
import type { WorkspaceSession } from '../workspace/workspace-session';

/** What an invitation grants, as the issuer asked for it. */
export interface InvitationRequest {
  party: string | null;
  role: InvitationRole;
  /** ISO 8601 UTC: no claim after it counts, and the relay refuses the invitation then. */
  expires: string;
  /** `ws://host:port` of the relay the joiner connects to. */
  relay: string;
}

const ROLE_WORDS: Record<InvitationRole, string> = { head: 'a head of delegation', member: 'a delegate', observer: 'an observer' };

/** How long an invitation stays valid unless the issuer says otherwise. */
export const DEFAULT_INVITATION_DAYS = 7;

/**
 * Throws NOT_AUTHORISED unless `key` may grant `request` — the same rule the roster applies to the
 * claim later, so an invitation signed here is one that will count: the convener any party and
 * role; a party's head only delegates of its own party.
 */
export function requireInviter(roster: ResolvedRoster, key: string, request: InvitationRequest): void {
  if (roster.view.convener === null) {
    throw new ChanceryError('NOT_AUTHORISED', 'Nobody has convened this workspace yet, so nobody can invite to it. Open it in Chancery to convene it first.');
  }
  if (roster.view.convener === key) return;
  const me = roster.member(key);
  if (me?.role === 'head' && request.role === 'member' && request.party === me.party) return;
  const who = me ? `you are ${describeMember(me)}` : "your key is not on this workspace's roster";
  const may = me?.role === 'head' ? `a head of delegation may invite only delegates of ${me.party ?? 'its party'}` : 'only the convener and heads of delegation may invite';
  throw new ChanceryError(
    'NOT_AUTHORISED',
    `You cannot invite ${ROLE_WORDS[request.role]}${request.party ? ` of ${request.party}` : ''}: ${may}, and ${who}.`,
  );
}

/** The request's own consistency: a party at the table for heads and delegates, none for observers, an expiry ahead. */
export function checkInvitationRequest(roster: ResolvedRoster, request: InvitationRequest, now: Date): void {
  if (request.role === 'observer' && request.party !== null) {
    throw new ChanceryError('INVALID_ARGUMENT', `An observer sits in no delegation, but the invitation named party ${request.party}; leave the party out.`);
  }
  if (request.role !== 'observer' && (request.party === null || !roster.partyCodes().includes(request.party))) {
    throw new ChanceryError(
      'INVALID_ARGUMENT',
      `An invitation for ${ROLE_WORDS[request.role]} needs a party at the table; ${request.party === null ? 'none was given' : `${request.party} is not one`} (parties: ${roster.partyCodes().join(', ') || 'none'}).`,
    );
  }
  const expires = Date.parse(request.expires);
  if (Number.isNaN(expires)) throw new ChanceryError('INVALID_ARGUMENT', `${JSON.stringify(request.expires)} is not a date and time; give one such as 2026-04-01T18:00:00Z.`);
  if (expires <= now.getTime()) throw new ChanceryError('INVALID_ARGUMENT', `The invitation would expire at ${request.expires}, which has passed; choose a later time.`);
}

/**
 * Signs an invitation to `session`'s workspace with `signer` and returns its text (to paste into a
 * message or save as a file). Nothing is written to the workspace: the joiner's claim records it.
 */
export function issueInvitation(session: WorkspaceSession, signer: Signer, request: InvitationRequest, now = new Date()): string {
  const roster = session.positions.resolvedRoster();
  requireInviter(roster, signer.publicKey, request);
  checkInvitationRequest(roster, request, now);
  const invitation = signInvitation(
    {
      workspaceId: session.store.meta.workspaceId,
      workspaceTitle: session.manifest().title,
      relay: request.relay,
      party: request.party,
      role: request.role,
      expires: new Date(Date.parse(request.expires)).toISOString(),
      at: now.toISOString(),
    },
    signer,
  );
  return encodeInvitation(invitation);
}
