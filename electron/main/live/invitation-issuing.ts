import { ChanceryError } from '../../../shared/errors';
import { encodeInvitation, signInvitation } from '../../../shared/live/invitation';
import type { InvitationRole, RosterView } from '../../../shared/positions/model';
import type { Signer } from '../../../shared/positions/signing';
import type { WorkspaceSession } from '../../headless/workspace/workspace-session';
import { rosterState } from '../positions/roster-state';

/** What the user asked for in the Invite dialog. */
export interface InvitationRequest {
  party: string | null;
  role: InvitationRole;
  /** ISO 8601 UTC: no claim after it counts, and the relay refuses the invitation. */
  expires: string;
  /** The relay address the invitation sends the joiner to. */
  relay: string;
}

const ROLE_WORDS: Record<InvitationRole, string> = { head: 'a head of delegation', member: 'a delegate', observer: 'an observer' };

/**
 * Who may issue which invitation, the same rule the roster applies to the claim later (so an
 * invitation this app signs is one that will count): the convener any party and role; the head of
 * a delegation only delegates of its own party; nobody else anything.
 */
export function checkInvitationAuthority(roster: RosterView, key: string, request: InvitationRequest): void {
  if (roster.convener === key) return;
  const me = rosterState(roster, key).me;
  if (me?.role === 'head' && request.role === 'member' && request.party === me.party) return;
  const who = me?.role === 'head' ? `As head of delegation of ${me.party ?? '?'}, you may invite only delegates of ${me.party ?? 'your party'}` : 'Only the convener and heads of delegation may invite';
  throw new ChanceryError(
    'NOT_AUTHORISED',
    `${who}; this invitation was for ${ROLE_WORDS[request.role]}${request.party ? ` of ${request.party}` : ''}. Ask the convener to issue it.`,
  );
}

/** The request's own consistency: a party for heads and delegates, none for observers, an expiry ahead. */
export function checkInvitationRequest(roster: RosterView, request: InvitationRequest, now: Date): void {
  if (request.role === 'observer' && request.party !== null) {
    throw new ChanceryError('INVALID_ARGUMENT', `An observer sits in no delegation, but the invitation named party ${request.party}. Leave the party empty.`);
  }
  if (request.role !== 'observer') {
    if (request.party === null) {
      throw new ChanceryError('INVALID_ARGUMENT', `An invitation for ${ROLE_WORDS[request.role]} needs the party they will speak for.`);
    }
    if (!roster.parties.some((p) => p.code === request.party)) {
      throw new ChanceryError('INVALID_ARGUMENT', `There is no party ${request.party} at the table. Define it in the roster first.`);
    }
  }
  if (Date.parse(request.expires) <= now.getTime()) {
    throw new ChanceryError('INVALID_ARGUMENT', `The invitation would expire at ${request.expires}, which has passed. Choose a later date.`);
  }
}

/**
 * Signs an invitation to `session`'s workspace with this installation's key and returns its text
 * form (to paste into a message or save as a file). Refuses what the issuer may not grant.
 */
export function issueInvitation(session: WorkspaceSession, signer: Signer, request: InvitationRequest, now = new Date()): string {
  const roster = session.positions.roster();
  checkInvitationAuthority(roster, signer.publicKey, request);
  checkInvitationRequest(roster, request, now);
  const invitation = signInvitation(
    {
      workspaceId: session.store.meta.workspaceId,
      workspaceTitle: session.manifest().title,
      relay: request.relay,
      party: request.party,
      role: request.role,
      expires: request.expires,
      at: now.toISOString(),
    },
    signer,
  );
  return encodeInvitation(invitation);
}
