import { existsSync } from 'node:fs';
import { ChanceryError } from '../../../shared/errors';
import { checkInvitation, parseInvitation } from '../../../shared/live/invitation';
import { makeRelayToken } from '../../../shared/live/relay-token';
import { privateDocId } from '../../../shared/live/relay-names';
import type { Signer } from '../../../shared/positions/signing';
import { nodeEd25519 } from '../crypto/node-ed25519';
import { WorkspaceSession } from '../workspace/workspace-session';
import { saveLiveSettings } from './live-settings';
import { RelaySync, type RetryPacing } from './relay-sync';
import { fetchWorkspace } from './workspace-fetch';

export interface JoinInput {
  /** The invitation as pasted (or read from its file). */
  invitationText: string;
  /** Where the new workspace file goes; never overwritten. */
  out: string;
  signer: Signer;
  /** The joiner's name, as the roster will show it. */
  name: string;
  /** How long fetching, and then confirming the enrolment, may each take. */
  timeoutMs?: number;
  retry?: RetryPacing;
  log?(line: string): void;
}

const DEFAULT_JOIN_TIMEOUT_MS = 30_000;

/**
 * Joins a workspace with an invitation: checks it (INVITATION_EXPIRED once past its expiry),
 * fetches the whole workspace from the relay the invitation names, creates the local file from
 * it (the same workspace id, the relay's manifest with its pinned convener), enrols this key by
 * signing the invitation's claim, remembers the relay and the invitation, and pushes the claim.
 * Resolves to the open session once the relay confirmed everything (the connection used for it is
 * closed; the caller goes online again as it does for any workspace).
 *
 * Nothing is created unless everything arrived: a refusal (RELAY_REFUSED, with the relay's
 * reason), an unreachable relay (RELAY_UNREACHABLE) or a workspace that does not check leaves no
 * file. Only the last step can fail with the file in place, complete: the claim then reaches the
 * relay the next time the workspace is online.
 */
export async function joinWorkspace(input: JoinInput): Promise<WorkspaceSession> {
  const invitation = parseInvitation(input.invitationText);
  checkInvitation(invitation, nodeEd25519, new Date());
  if (existsSync(input.out)) {
    throw new ChanceryError('WORKSPACE_EXISTS', `${input.out} already exists; choose another name for the joined workspace (Chancery never overwrites a file).`);
  }
  const timeoutMs = input.timeoutMs ?? DEFAULT_JOIN_TIMEOUT_MS;
  const token = () => makeRelayToken(input.signer, { workspaceId: invitation.workspaceId, name: input.name, invitation });
  const party = invitation.role === 'observer' ? null : invitation.party;
  const rows = await fetchWorkspace({
    relay: invitation.relay,
    workspaceId: invitation.workspaceId,
    token,
    privateDocId: party === null ? null : privateDocId(party),
    timeoutMs,
  });

  const session = WorkspaceSession.createFromStates(input.out, invitation.workspaceId, rows);
  try {
    session.positions.claimInvitation(input.signer, invitation, input.name);
    saveLiveSettings(session, invitation.relay, input.invitationText);
  } catch (err) {
    session.close();
    throw err;
  }
  const sync = new RelaySync(session, {
    relay: invitation.relay,
    signer: input.signer,
    name: input.name,
    invitation,
    ...(input.retry ? { retry: input.retry } : {}),
    ...(input.log ? { log: input.log } : {}),
  });
  sync.start();
  try {
    await sync.whenSynced(timeoutMs);
  } catch (err) {
    await sync.stop();
    session.close();
    const why = err instanceof Error ? err.message : String(err);
    throw new ChanceryError(
      err instanceof ChanceryError ? err.code : 'RELAY_UNREACHABLE',
      `Joined: ${input.out} holds the workspace, but the relay has not confirmed your enrolment yet (${why}). Run "chancery sync ${input.out}" to send it.`,
      { cause: err },
    );
  }
  await sync.stop();
  return session;
}
