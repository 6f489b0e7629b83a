import { basename, extname } from 'node:path';
import * as Y from 'yjs';
import type { Canceled, MainHandlers, WorkspaceInfo } from '../../../shared/ipc/contract';
import type { SerializedError } from '../../../shared/errors';
import type { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import type { RecentWorkspaces } from '../workspace/recent-workspaces';
import type { WorkspaceSession } from '../../headless/workspace/workspace-session';

/** The parts of the desktop the handlers need; Electron-backed in the app, fakes in unit tests. */
export interface HandlerDeps {
  registry: WorkspaceRegistry;
  recent: RecentWorkspaces;
  askNewWorkspacePath(windowId: number): Promise<string | Canceled>;
  askOpenWorkspacePath(windowId: number): Promise<string | Canceled>;
  workspaceChanged(windowId: number, workspace: WorkspaceInfo | null): void;
  startupError(windowId: number): SerializedError | null;
}

/** The extension every workspace file carries, added when the user leaves it off. */
export const WORKSPACE_EXTENSION = '.chancery';

function withExtension(path: string): string {
  return extname(path).toLowerCase() === WORKSPACE_EXTENSION ? path : `${path}${WORKSPACE_EXTENSION}`;
}

/**
 * The main-process side of every IPC channel. Arguments arrive validated and the sender checked
 * (see register-ipc.ts); handlers throw ChanceryError and the envelope carries its code.
 */
export function createHandlers(deps: HandlerDeps) {
  const { registry, recent } = deps;

  const show = (windowId: number, session: WorkspaceSession): WorkspaceInfo => {
    registry.attachWindow(windowId, session);
    const info = session.info();
    recent.add(info.path, info.title);
    deps.workspaceChanged(windowId, info);
    return info;
  };

  const handlers = {
    getStartupState: ({ windowId }) => ({
      workspace: registry.maybeSessionFor(windowId)?.info() ?? null,
      recent: recent.list(),
      openError: deps.startupError(windowId),
    }),
    createWorkspace: async ({ windowId }) => {
      const chosen = await deps.askNewWorkspacePath(windowId);
      if (typeof chosen !== 'string') return chosen;
      const path = withExtension(chosen);
      const title = basename(path, extname(path));
      return show(windowId, registry.create(path, { title, parties: [], documents: [] }));
    },
    openWorkspaceDialog: async ({ windowId }) => {
      const chosen = await deps.askOpenWorkspacePath(windowId);
      if (typeof chosen !== 'string') return chosen;
      return show(windowId, registry.open(chosen));
    },
    openWorkspace: ({ windowId }, path) => show(windowId, registry.open(path)),
    closeWorkspace: ({ windowId }) => {
      registry.detachWindow(windowId);
      deps.workspaceChanged(windowId, null);
      return null;
    },
    addDocument: ({ windowId }, title) => ({ id: registry.sessionFor(windowId).addDocument(title) }),
    renameDocument: ({ windowId }, id, title) => {
      registry.sessionFor(windowId).renameDocument(id, title);
      return null;
    },
    moveDocument: ({ windowId }, id, toIndex) => {
      registry.sessionFor(windowId).moveDocument(id, toIndex);
      return null;
    },
    deleteDocument: ({ windowId }, id) => {
      registry.sessionFor(windowId).deleteDocument(id);
      return null;
    },
    openDoc: ({ windowId }, docId) => {
      const doc = registry.sessionFor(windowId).getDoc(docId);
      registry.markDocOpen(windowId, docId);
      return Y.encodeStateAsUpdate(doc);
    },
    pushUpdate: ({ windowId }, docId, update) => {
      registry.sessionFor(windowId).applyRendererUpdate(docId, update, windowId);
      return null;
    },
    closeDoc: ({ windowId }, docId) => {
      registry.markDocClosed(windowId, docId);
      return null;
    },
    saveTabs: ({ windowId }, tabs) => {
      registry.sessionFor(windowId).saveTabs(tabs);
      return null;
    },
  } satisfies MainHandlers;
  return handlers;
}
