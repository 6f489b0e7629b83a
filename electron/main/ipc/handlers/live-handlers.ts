import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import { parseInvitation } from '../../../../shared/live/invitation';
import { safeFileName, withExtension } from '../../../headless/files/small-text-file';
import { issueInvitation } from '../../../headless/live/invite';
import { invitationFileName, readInvitationFile, withInvitationExtension, writeInvitationFile } from '../../live/invitation-file';
import { importWorkspaceFile, joinWithInvitation } from '../../live/live-joining';
import { rosterState } from '../../positions/roster-state';
import type { HandlerDeps } from './handler-deps';
import { showWorkspace, WORKSPACE_EXTENSION } from './workspace-handlers';

/** A workspace file name to offer for a negotiation's title, without characters file systems refuse. */
export function workspaceFileName(title: string): string {
  return safeFileName(title, WORKSPACE_EXTENSION, 'Negotiation');
}

/**
 * `live.*`: the window's workspace and its relay — status, going online and offline, hosting,
 * invitations, joining, presence and importing a colleague's copy. Only main talks to the
 * network; these calls are how a window asks it to.
 */
export function liveHandlers(deps: HandlerDeps) {
  const { registry, live, identity, dialogs } = deps;
  const sessionOf = (windowId: number) => registry.sessionFor(windowId);
  return {
    status: ({ windowId }) => live.status(sessionOf(windowId)),
    connect: ({ windowId }, relay) => live.connect(sessionOf(windowId), relay),
    disconnect: ({ windowId }) => live.disconnect(sessionOf(windowId)),
    host: ({ windowId }, port) => live.host(sessionOf(windowId), port),
    stopHosting: ({ windowId }) => live.stopHosting(sessionOf(windowId)),
    createInvitation: ({ windowId }, party, role, expires, relay) =>
      issueInvitation(sessionOf(windowId), identity.get().signer, { party, role, expires, relay }),
    saveInvitation: async ({ windowId }, text) => {
      const name = invitationFileName(text); // checks the text before any dialog opens
      const chosen = await dialogs.askSaveInvitationPath(windowId, name);
      if (typeof chosen !== 'string') return chosen;
      const path = withInvitationExtension(chosen);
      writeInvitationFile(path, text);
      return path;
    },
    openInvitationFile: async ({ windowId }) => {
      const chosen = await dialogs.askOpenInvitationPath(windowId);
      if (typeof chosen !== 'string') return chosen;
      return readInvitationFile(chosen);
    },
    join: async ({ windowId }, invitationText) => {
      const invitation = parseInvitation(invitationText); // a bad text is refused before any dialog
      const chosen = await dialogs.askJoinWorkspacePath(windowId, workspaceFileName(invitation.workspaceTitle));
      if (typeof chosen !== 'string') return chosen;
      const me = identity.get();
      const path = await joinWithInvitation({ invitationText, out: withExtension(chosen, WORKSPACE_EXTENSION), signer: me.signer, name: me.name });
      return showWorkspace(deps, windowId, registry.open(path));
    },
    importChanges: async ({ windowId }) => {
      const session = sessionOf(windowId);
      const chosen = await dialogs.askImportWorkspacePath(windowId);
      if (typeof chosen !== 'string') return chosen;
      const me = rosterState(session.positions.roster(), identity.publicKeyIfAvailable()).me;
      const ownParty = me && (me.role === 'head' || me.role === 'member') ? me.party : null;
      const report = importWorkspaceFile(session, chosen, ownParty);
      deps.rounds.changed(session); // the merged file may have brought rounds
      return report;
    },
    setPresence: ({ windowId }, docId, cursor) => {
      live.setPresence(windowId, sessionOf(windowId), docId, cursor);
      return null;
    },
    peers: ({ windowId }) => live.peers(sessionOf(windowId)),
  } satisfies NamespaceHandlers<'live'>;
}

