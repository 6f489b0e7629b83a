import { basename, extname } from 'node:path';
import type { WorkspaceInfo } from '../../../../shared/ipc/contract';
import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import type { WorkspaceSession } from '../../../headless/workspace/workspace-session';
import type { HandlerDeps } from './handler-deps';

/** The extension every workspace file carries, added when the user leaves it off. */
export const WORKSPACE_EXTENSION = '.chancery';

function withExtension(path: string): string {
  return extname(path).toLowerCase() === WORKSPACE_EXTENSION ? path : `${path}${WORKSPACE_EXTENSION}`;
}

/**
 * Gives `windowId` the workspace of `session`: convened with this installation's identity if
 * nobody had convened it, its position changes forwarded, connected to its relay if it has one,
 * on the recent list, announced.
 */
export function showWorkspace(deps: HandlerDeps, windowId: number, session: WorkspaceSession): WorkspaceInfo {
  deps.registry.attachWindow(windowId, session);
  deps.positions.prepare(session);
  deps.live.prepare(session);
  const info = session.info();
  deps.recent.add(info.path, info.title);
  deps.workspaceChanged(windowId, info);
  return info;
}

/** `workspace.*`: opening, creating and closing the window's workspace. */
export function workspaceHandlers(deps: HandlerDeps) {
  const { registry, recent, dialogs } = deps;
  return {
    getStartupState: ({ windowId }) => ({
      workspace: registry.maybeSessionFor(windowId)?.info() ?? null,
      recent: recent.list(),
      openError: deps.startupError(windowId),
    }),
    create: async ({ windowId }) => {
      const chosen = await dialogs.askNewWorkspacePath(windowId);
      if (typeof chosen !== 'string') return chosen;
      const path = withExtension(chosen);
      const title = basename(path, extname(path));
      // Convened by showWorkspace, with this installation's identity, like any unconvened workspace.
      return showWorkspace(deps, windowId, registry.create(path, { title, parties: [], documents: [] }));
    },
    openDialog: async ({ windowId }) => {
      const chosen = await dialogs.askOpenWorkspacePath(windowId);
      if (typeof chosen !== 'string') return chosen;
      return showWorkspace(deps, windowId, registry.open(chosen));
    },
    open: ({ windowId }, path) => showWorkspace(deps, windowId, registry.open(path)),
    close: ({ windowId }) => {
      registry.detachWindow(windowId);
      deps.workspaceChanged(windowId, null);
      return null;
    },
    saveTabs: ({ windowId }, tabs) => {
      registry.sessionFor(windowId).saveTabs(tabs);
      return null;
    },
  } satisfies NamespaceHandlers<'workspace'>;
}
