/**
 * Row 6's workspaces on a relay, made the way users make them, headless and with the production
 * modules: member identities in user-data folders (what the app and `chancery` read), a generated
 * workspace convened by one of them (a convener who heads no party), put on the relay by a
 * RelaySync of the convener's copy, an invitation signed by the convener, and a join
 * (joinWorkspace: fetch, claim, confirmed) into the invited member's own file.
 */
import { loadIdentity } from '../../electron/headless/identity/user-data';
import type { MemberIdentity } from '../../electron/headless/identity/member-identity';
import { issueInvitation } from '../../electron/headless/live/invite';
import { joinWorkspace } from '../../electron/headless/live/join';
import { saveLiveSettings } from '../../electron/headless/live/live-settings';
import { RelaySync } from '../../electron/headless/live/relay-sync';
import { WorkspaceSession } from '../../electron/headless/workspace/workspace-session';
import type { InvitationRole } from '../../shared/positions/model';

/** How long each step may wait for the relay (a 30k-word document goes up in well under a second). */
export const LIVE_SETUP_TIMEOUT_MS = 60_000;

/** The member identity in user-data folder `dir` (made there on first use), named `name`. */
export function benchIdentity(dir: string, name: string): MemberIdentity {
  const identity = loadIdentity(dir);
  if (identity.name !== name) identity.setName(name);
  return identity;
}

/** Connects `session` to `relay` as `member` until the relay confirmed everything, then disconnects. */
export async function syncOnce(session: WorkspaceSession, relay: string, member: MemberIdentity): Promise<void> {
  const sync = new RelaySync(session, { relay, signer: member.signer, name: member.name, retry: { delayMs: 100, maxDelayMs: 1000 } });
  sync.start();
  try {
    await sync.whenSynced(LIVE_SETUP_TIMEOUT_MS);
  } finally {
    await sync.stop();
  }
}

/**
 * Convenes the (unconvened) workspace file at `path` with `convener`, remembers `relay` in it, and
 * puts it on the relay: the first contact pins the convener there. The file is closed again.
 */
export async function conveneOnRelay(path: string, convener: MemberIdentity, relay: string): Promise<void> {
  const session = WorkspaceSession.open(path);
  try {
    if (session.positions.roster().convener === null) session.positions.convene(convener.signer, convener.name);
    saveLiveSettings(session, relay);
    await syncOnce(session, relay, convener);
  } finally {
    session.close();
  }
}

/** An invitation to the workspace at `path`, signed by `issuer`, valid for a day. */
export function benchInvitation(path: string, issuer: MemberIdentity, request: { party: string | null; role: InvitationRole; relay: string }): string {
  const session = WorkspaceSession.openReadOnly(path);
  try {
    return issueInvitation(session, issuer.signer, { ...request, expires: new Date(Date.now() + 24 * 3600_000).toISOString() });
  } finally {
    session.close();
  }
}

/** Joins with `invitationText` as `member` into a new file at `out` (closed again once the relay confirmed the claim). */
export async function joinAs(invitationText: string, out: string, member: MemberIdentity): Promise<void> {
  const session = await joinWorkspace({ invitationText, out, signer: member.signer, name: member.name, timeoutMs: LIVE_SETUP_TIMEOUT_MS });
  session.close();
}
