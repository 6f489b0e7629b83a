import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import { parseMemberCard } from '../../../../shared/positions/member-card';
import type { RosterState } from '../../../../shared/positions/model';
import type { Signer } from '../../../../shared/positions/signing';
import type { WorkspaceSession } from '../../../headless/workspace/workspace-session';
import { rosterState } from '../../positions/roster-state';
import type { HandlerDeps } from './handler-deps';

/**
 * `roster.*`: who may give positions in the window's workspace. Each command is signed with this
 * installation's key by the session (which checks the key's authority) and resolves to the roster
 * as it stands afterwards.
 */
export function rosterHandlers({ registry, identity }: HandlerDeps) {
  const stateOf = (session: WorkspaceSession): RosterState =>
    rosterState(session.positions.roster(), identity.publicKeyIfAvailable());
  /** Runs a signed roster command in the window's workspace and reports the roster after it. */
  const command = (windowId: number, run: (session: WorkspaceSession, signer: Signer) => void) => {
    const session = registry.sessionFor(windowId);
    run(session, identity.get().signer);
    return stateOf(session);
  };
  return {
    get: ({ windowId }) => stateOf(registry.sessionFor(windowId)),
    setParty: ({ windowId }, party) => command(windowId, (s, signer) => s.positions.setParty(signer, party)),
    retireParty: ({ windowId }, code) => command(windowId, (s, signer) => s.positions.retireParty(signer, code)),
    admit: ({ windowId }, cardText, role, party) => {
      const card = parseMemberCard(cardText);
      return command(windowId, (s, signer) => s.positions.admit(signer, card, role, party));
    },
    remove: ({ windowId }, key) => command(windowId, (s, signer) => s.positions.remove(signer, key)),
  } satisfies NamespaceHandlers<'roster'>;
}
