import { existsSync } from 'node:fs';
import type { MergeReport } from '../../../shared/live/live-model';
import type { Signer } from '../../../shared/positions/signing';
import { joinWorkspace } from '../../headless/live/join';
import { mergeWorkspaceFile } from '../../headless/live/merge';
import type { WorkspaceSession } from '../../headless/workspace/workspace-session';

/** How long joining may wait for the relay, for the negotiation and then for the enrolment. */
const JOIN_TIMEOUT_MS = 60_000;

/**
 * Joins with an invitation into a new local file at `out` and returns its path, the file closed
 * again: the window then opens it like any workspace (registered, convened, connected the one
 * usual way). When everything arrived but the relay has not yet confirmed the enrolment, the file
 * is complete and is opened all the same: the claim goes to the relay as soon as it is online,
 * which the connection status shows. Otherwise nothing is left at `out`, and the error says why.
 */
export async function joinWithInvitation(input: {
  invitationText: string;
  out: string;
  signer: Signer;
  name: string;
  log?: (line: string) => void;
}): Promise<string> {
  const existed = existsSync(input.out);
  try {
    const session = await joinWorkspace({ invitationText: input.invitationText, out: input.out, signer: input.signer, name: input.name, timeoutMs: JOIN_TIMEOUT_MS });
    const path = session.store.path;
    session.close();
    return path;
  } catch (err) {
    if (existed || !existsSync(input.out)) throw err;
    input.log?.(`joined into ${input.out}; the enrolment is sent when online (${err instanceof Error ? err.message : String(err)})`);
    return input.out;
  }
}

/**
 * Merges a colleague's copy of the workspace into `session` through the same checks as any remote
 * update; `ownParty` is the user's delegation, whose private notes alone may come across.
 */
export function importWorkspaceFile(session: WorkspaceSession, sourcePath: string, ownParty: string | null): MergeReport {
  return mergeWorkspaceFile(session, sourcePath, { ownParty });
}
