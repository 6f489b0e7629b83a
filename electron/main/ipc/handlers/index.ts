import type { MainHandlers } from '../../../../shared/ipc/derived';
import { documentsHandlers } from './documents-handlers';
import { exportsHandlers } from './exports-handlers';
import type { HandlerDeps } from './handler-deps';
import { identityHandlers } from './identity-handlers';
import { liveHandlers } from './live-handlers';
import { lossesHandlers } from './losses-handlers';
import { notesHandlers } from './notes-handlers';
import { positionsHandlers } from './positions-handlers';
import { rosterHandlers } from './roster-handlers';
import { roundsHandlers } from './rounds-handlers';
import { syncHandlers } from './sync-handlers';
import { workspaceHandlers } from './workspace-handlers';

export type { Dialogs, HandlerDeps } from './handler-deps';
export { showWorkspace, WORKSPACE_EXTENSION } from './workspace-handlers';

/**
 * The main-process side of every IPC call, one file per namespace. Arguments arrive validated and
 * the sender checked (see register-ipc.ts); handlers throw ChanceryError and the envelope carries
 * its code.
 */
export function createHandlers(deps: HandlerDeps): MainHandlers {
  return {
    workspace: workspaceHandlers(deps),
    documents: documentsHandlers(deps),
    sync: syncHandlers(deps),
    identity: identityHandlers(deps),
    roster: rosterHandlers(deps),
    positions: positionsHandlers(deps),
    live: liveHandlers(deps),
    losses: lossesHandlers(deps),
    notes: notesHandlers(deps),
    exports: exportsHandlers(deps),
    rounds: roundsHandlers(deps),
  };
}
