import { shownTime, type ResolvedRoster } from '../positions/roster';
import { parseRosterEntry } from '../positions/record-schema';
import { unsignedOf, verifySignature, type Ed25519 } from '../positions/signing';
import type { Invitation, RosterEntry } from '../positions/model';
import { invitationId, verifyInvitationSignature } from './invitation';
import type { RelayDoc } from './relay-names';
import { RelayRefusal } from './relay-refusal';
import { PROOF_WINDOW_MS, verifyRelayProof, type RelayToken } from './relay-token';

/**
 * Who may use a workspace on a relay, decided from signed data alone: the relay trusts no client
 * and holds no secret. Its only state is the convener key it pinned at first contact and the
 * manifest it stores, from which it resolves the roster like every peer does. This module is the
 * whole policy, so it is tested without sockets and the relay only applies it.
 */

export { REFUSAL_REASONS, REFUSAL_TEXT, RelayRefusal, isRelayRefusal, refusalReasonOf, type RefusalReason } from './relay-refusal';

/** What a connection may do, once let in; its key and the role and party it has in the workspace. */
export interface RelayAccess {
  /** The workspace this access was granted for; {@link documentAccess} refuses any other. */
  workspaceId: string;
  key: string;
  name: string;
  role: 'convener' | 'head' | 'member' | 'observer';
  party: string | null;
}

/** Everything {@link decideAccess} judges by. */
export interface AccessInput {
  token: RelayToken;
  workspaceId: string;
  now: Date;
  ed: Ed25519;
  /** The relay's pin for this workspace; null on first contact. */
  pinnedConvener: string | null;
  /** Resolved from the relay's stored manifest; null when it has none yet. */
  roster: ResolvedRoster | null;
  /** The replay cache: whether this nonce was seen within `NONCE_MEMORY_MS` (decideAccess does not record it). */
  nonceSeen(nonce: string): boolean;
}

/** The convene entry a first contact presents, if it is one for this workspace signed by the proof's key. */
function validConvene(entry: RosterEntry | undefined, workspaceId: string, key: string, ed: Ed25519): Extract<RosterEntry, { action: 'convene' }> {
  if (entry === undefined) throw new RelayRefusal('not-pinned', 'no convene entry was presented');
  let convene: RosterEntry;
  try {
    convene = parseRosterEntry(entry);
  } catch {
    throw new RelayRefusal('not-pinned', 'the convene entry presented is not well-formed');
  }
  if (convene.action !== 'convene') throw new RelayRefusal('not-pinned', `a ${convene.action} entry was presented instead of the convene entry`);
  if (convene.workspaceId !== workspaceId) throw new RelayRefusal('not-pinned', `the convene entry is for workspace ${convene.workspaceId}`);
  if (convene.signer !== key) throw new RelayRefusal('not-pinned', 'the convene entry was signed by another key than this sign-in');
  if (!verifySignature(ed, convene.signer, unsignedOf(convene), convene.signature)) throw new RelayRefusal('not-pinned', 'the convene entry does not verify');
  return convene;
}

/** Admits a key not (or no longer) on the roster on the strength of its invitation, or refuses why not. */
function byInvitation(inv: Invitation, input: AccessInput, roster: ResolvedRoster | null, pin: string): RelayAccess {
  const { token, workspaceId, now } = input;
  if (!verifyInvitationSignature(inv, input.ed)) throw new RelayRefusal('invitation-forged', 'its signature does not match');
  if (inv.workspaceId !== workspaceId) throw new RelayRefusal('wrong-workspace', `the invitation is for workspace ${inv.workspaceId}`);
  const nowAt = now.toISOString();
  if (nowAt > inv.expires) throw new RelayRefusal('invitation-expired', `it expired on ${shownTime(inv.expires)}`);
  if (roster === null) {
    // No stored roster to chain to: only the pinned convener's own invitations can be judged.
    if (inv.issuer !== pin || inv.role === 'member') throw new RelayRefusal('invitation-forged', 'the relay has no roster to check its issuer against yet');
  } else {
    const verdict = roster.authorisedIssuer(inv, nowAt);
    if (!verdict.valid) throw new RelayRefusal('invitation-forged', verdict.message);
    const claimedBy = roster.claimOf(invitationId(inv));
    if (claimedBy !== null && claimedBy !== token.proof.key) throw new RelayRefusal('invitation-used');
    if (claimedBy === token.proof.key) throw new RelayRefusal('removed', 'this key joined with this invitation and was removed since');
  }
  return { workspaceId, key: token.proof.key, name: token.proof.name, role: inv.role, party: inv.party };
}

/**
 * Decides whether a token lets its holder into `workspaceId`, and as what; throws a
 * {@link RelayRefusal} saying why not. The proof must verify, be for this workspace, be within
 * `PROOF_WINDOW_MS` of `now` and carry an unseen nonce. Then: on first contact (no pin) only a
 * valid convene entry signed by the proof's key gets in, as the convener (the caller pins it);
 * otherwise the key is the pinned convener, or active on the roster, or presents an invitation
 * that verifies, chains to the pin, is for this workspace, has not expired, and is unclaimed (a
 * key whose claim is on the roster gets in as a member of the roster, not by its invitation).
 */
export function decideAccess(input: AccessInput): RelayAccess {
  const { token, workspaceId, now, pinnedConvener } = input;
  const { proof } = token;
  if (!verifyRelayProof(token, input.ed)) throw new RelayRefusal('bad-proof');
  if (proof.workspaceId !== workspaceId) throw new RelayRefusal('wrong-workspace', `the sign-in is for workspace ${proof.workspaceId}`);
  const skew = Date.parse(proof.at) - now.getTime();
  if (!(Math.abs(skew) <= PROOF_WINDOW_MS)) {
    throw new RelayRefusal('stale-proof', `signed at ${proof.at}, the relay's clock says ${now.toISOString()}`);
  }
  if (input.nonceSeen(proof.nonce)) throw new RelayRefusal('replayed');

  if (pinnedConvener === null) {
    const convene = validConvene(token.convene, workspaceId, proof.key, input.ed);
    return { workspaceId, key: proof.key, name: convene.name, role: 'convener', party: null };
  }
  const roster = trustedRoster(input.roster, pinnedConvener);
  const known = rosterAccess({ workspaceId, key: proof.key, name: proof.name }, roster, pinnedConvener);
  if (known !== null) return known;
  if (token.invitation !== undefined) return byInvitation(token.invitation, input, roster, pinnedConvener);
  if (wasOnRoster(roster, proof.key)) throw new RelayRefusal('removed');
  throw new RelayRefusal('not-admitted');
}

/** A roster resolved against another convener than the pin cannot speak for this workspace: null then. */
function trustedRoster(roster: ResolvedRoster | null, pin: string | null): ResolvedRoster | null {
  return roster !== null && pin !== null && roster.view.convener === pin ? roster : null;
}

/** Whether the roster ever had `key` (it is not active now: removed, or its party retired). */
function wasOnRoster(roster: ResolvedRoster | null, key: string): boolean {
  return roster?.view.members.some((m) => m.key === key) ?? false;
}

/**
 * What the trusted roster (and the pin) grant `who` by themselves, or null for a key the roster
 * does not admit now. The pinned convener speaks for a party (and sees its private document) only
 * when admitted to one; an active member is what the roster says.
 */
function rosterAccess(who: Pick<RelayAccess, 'workspaceId' | 'key' | 'name'>, roster: ResolvedRoster | null, pin: string): RelayAccess | null {
  const member = roster?.member(who.key) ?? null;
  if (who.key === pin) {
    if (member !== null && (member.role === 'head' || member.role === 'member')) {
      return { ...who, name: member.name, role: member.role, party: member.party };
    }
    return { ...who, name: member?.name ?? who.name, role: 'convener', party: null };
  }
  if (member !== null && member.role !== 'convener') return { ...who, name: member.name, role: member.role, party: member.party };
  return null;
}

/**
 * What a connection let in as `granted` may do NOW, by the relay's current roster, rather than by
 * what {@link decideAccess} decided at its upgrade (against whatever manifest the relay held then):
 * on the very first contact the relay holds none, so a convener who is also a party's head is let
 * in as "convener, no party", and a member admitted a moment ago is still a stranger let in by an
 * invitation. The relay judges each document a connection opens by this, so once the manifest with
 * that admission has arrived the party's private document is theirs — no reconnection needed.
 *
 * The rules are decideAccess's without the proof (checked at the upgrade): a key the roster does
 * not know (yet) keeps what its invitation granted; a key the roster knew and no longer admits is
 * refused as removed ({@link RelayRefusal} 'removed').
 */
export function currentAccess(granted: RelayAccess, roster: ResolvedRoster | null, pin: string | null): RelayAccess {
  const trusted = trustedRoster(roster, pin);
  if (trusted === null || pin === null) return granted;
  const known = rosterAccess(granted, trusted, pin);
  if (known !== null) return known;
  if (wasOnRoster(trusted, granted.key)) throw new RelayRefusal('removed');
  return granted;
}

/**
 * What `access` may do with one relay document: `'write'` or `'read'`, or a {@link RelayRefusal}
 * `forbidden-document`. Everyone let in writes the manifest and the framework documents except
 * observers, who read them. A party's private document is only for that party's heads and members
 * (the convener has none unless admitted to the party); observers never see one.
 */
export function documentAccess(access: RelayAccess, doc: RelayDoc): 'write' | 'read' {
  if (doc.workspaceId !== access.workspaceId) throw new RelayRefusal('forbidden-document', `it belongs to workspace ${doc.workspaceId}`);
  switch (doc.kind) {
    case 'manifest':
    case 'document':
      return access.role === 'observer' ? 'read' : 'write';
    case 'private':
      if ((access.role === 'head' || access.role === 'member') && access.party === doc.party) return 'write';
      throw new RelayRefusal('forbidden-document', `${doc.party}'s private notes are only for ${doc.party}'s delegation`);
  }
}
