import type { SerializedError } from '../../../../shared/errors';
import type { Canceled, WorkspaceInfo } from '../../../../shared/ipc/contract';
import type { WorkspaceRegistry } from '../../../headless/workspace/workspace-registry';
import type { IdentitySource } from '../../identity/identity-source';
import type { WorkspacePositions } from '../../positions/workspace-positions';
import type { RecentWorkspaces } from '../../workspace/recent-workspaces';

/** The file dialogs handlers open; Electron's in the app, stubs in tests. */
export interface Dialogs {
  askNewWorkspacePath(windowId: number): Promise<string | Canceled>;
  askOpenWorkspacePath(windowId: number): Promise<string | Canceled>;
  askSaveCardPath(windowId: number, suggestedName: string): Promise<string | Canceled>;
  askOpenCardPath(windowId: number): Promise<string | Canceled>;
}

/** The parts of the desktop the handlers need; Electron-backed in the app, fakes in unit tests. */
export interface HandlerDeps {
  registry: WorkspaceRegistry;
  recent: RecentWorkspaces;
  identity: IdentitySource;
  positions: WorkspacePositions;
  dialogs: Dialogs;
  workspaceChanged(windowId: number, workspace: WorkspaceInfo | null): void;
  startupError(windowId: number): SerializedError | null;
}
