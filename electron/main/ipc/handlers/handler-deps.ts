import type { SerializedError } from '../../../../shared/errors';
import type { ExportFormat } from '../../../../shared/export/export-model';
import type { Canceled, WorkspaceInfo } from '../../../../shared/ipc/contract';
import type { WorkspaceRegistry } from '../../../headless/workspace/workspace-registry';
import type { WorkspaceExports } from '../../export/workspace-exports';
import type { WorkspaceRounds } from '../../export/workspace-rounds';
import type { IdentitySource } from '../../identity/identity-source';
import type { WorkspaceLive } from '../../live/workspace-live';
import type { WorkspaceNotes } from '../../notes/workspace-notes';
import type { WorkspacePositions } from '../../positions/workspace-positions';
import type { RecentWorkspaces } from '../../workspace/recent-workspaces';

/** The file dialogs handlers open; Electron's in the app, stubs in tests. */
export interface Dialogs {
  askNewWorkspacePath(windowId: number): Promise<string | Canceled>;
  askOpenWorkspacePath(windowId: number): Promise<string | Canceled>;
  askSaveCardPath(windowId: number, suggestedName: string): Promise<string | Canceled>;
  askOpenCardPath(windowId: number): Promise<string | Canceled>;
  /** Where to save an invitation; `suggestedName` is offered in the dialog. */
  askSaveInvitationPath(windowId: number, suggestedName: string): Promise<string | Canceled>;
  askOpenInvitationPath(windowId: number): Promise<string | Canceled>;
  /** Where to keep the local copy of a workspace being joined; `suggestedName` from its title. */
  askJoinWorkspacePath(windowId: number, suggestedName: string): Promise<string | Canceled>;
  /** A colleague's copy of the workspace to merge in ("Import changes from a file…"). */
  askImportWorkspacePath(windowId: number): Promise<string | Canceled>;
  /** Where to save an export; `suggestedName` (with the format's extension) is offered, filtered to `format`. */
  askSaveExportPath(windowId: number, suggestedName: string, format: ExportFormat): Promise<string | Canceled>;
}

/** The parts of the desktop the handlers need; Electron-backed in the app, fakes in unit tests. */
export interface HandlerDeps {
  registry: WorkspaceRegistry;
  recent: RecentWorkspaces;
  identity: IdentitySource;
  positions: WorkspacePositions;
  /** The user's delegation's private notes: its party, its author name, change events to windows. */
  notes: WorkspaceNotes;
  /** Live co-editing: each open workspace's relay connection, presence, hosting. */
  live: WorkspaceLive;
  /** Exports per window: the save dialog, the export service, progress to the asking window. */
  exports: WorkspaceExports;
  /** Named rounds: cut by the convener, listed, read, compared; `rounds.changed` to every window. */
  rounds: WorkspaceRounds;
  dialogs: Dialogs;
  workspaceChanged(windowId: number, workspace: WorkspaceInfo | null): void;
  startupError(windowId: number): SerializedError | null;
}
