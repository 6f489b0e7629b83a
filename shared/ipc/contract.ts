import type { SerializedError } from '../errors';
import type { ManifestView } from '../workspace/manifest';

/**
 * The typed IPC contract between renderer and main, defined once. The preload builds
 * `window.chancery` from {@link INVOKE_CHANNELS} and {@link EVENT_CHANNELS}; main registers one
 * handler per channel and its handler table `satisfies` {@link MainHandlers}; argument schemas
 * live in `ipc/validation.ts` so the preload stays free of dependencies (it runs sandboxed).
 */

/** Which documents a window had open in tabs, so reopening the workspace restores them. */
export interface SavedTabs {
  open: string[];
  active: string | null;
}

/** A workspace as the window knows it. */
export interface WorkspaceInfo {
  path: string;
  workspaceId: string;
  title: string;
  /**
   * The documents to show at once: the tabs open when this workspace was last closed on this
   * machine, or else its first document; null for a workspace without documents.
   */
  tabs: SavedTabs | null;
}

/** A recently opened workspace file. */
export interface RecentEntry {
  path: string;
  title: string;
  openedAt: string;
}

/** What a window needs to draw its first screen. */
export interface StartupState {
  workspace: WorkspaceInfo | null;
  recent: RecentEntry[];
  /** Why the workspace requested at launch could not be opened, if it could not. */
  openError: SerializedError | null;
}

/** A dialog the user closed without choosing is not an error; it is this. */
export interface Canceled {
  canceled: true;
}

/** Every invoke returns this envelope: Electron drops error classes and codes when it rejects. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** Request/response calls from renderer to main: method name → [arguments, result]. */
export interface InvokeContract {
  getStartupState: [[], StartupState];
  createWorkspace: [[], WorkspaceInfo | Canceled];
  openWorkspaceDialog: [[], WorkspaceInfo | Canceled];
  openWorkspace: [[path: string], WorkspaceInfo];
  closeWorkspace: [[], null];
  addDocument: [[title: string], { id: string }];
  renameDocument: [[id: string, title: string], null];
  moveDocument: [[id: string, toIndex: number], null];
  deleteDocument: [[id: string], null];
  /** Opens a replica: returns the doc's full state as one Yjs update. `manifest` for the manifest. */
  openDoc: [[docId: string], Uint8Array];
  /** Pushes a replica's update. Resolves only after it is durable in the workspace file. */
  pushUpdate: [[docId: string, update: Uint8Array], null];
  closeDoc: [[docId: string], null];
  /** Remembers the window's open tabs in the workspace file's local settings (never synced). */
  saveTabs: [[tabs: SavedTabs], null];
}

/** Main → renderer notifications: name → payload tuple. */
export interface EventContract {
  /** An update to a doc this window has open, from another replica or from main itself. */
  docUpdate: [docId: string, update: Uint8Array];
  /** The window's workspace changed (opened, closed, or replaced). */
  workspaceChanged: [workspace: WorkspaceInfo | null];
}

/** Channel names. A `satisfies` check keeps this table and the contract in lockstep. */
export const INVOKE_CHANNELS = {
  getStartupState: 'app:get-startup-state',
  createWorkspace: 'workspace:create',
  openWorkspaceDialog: 'workspace:open-dialog',
  openWorkspace: 'workspace:open',
  closeWorkspace: 'workspace:close',
  addDocument: 'documents:add',
  renameDocument: 'documents:rename',
  moveDocument: 'documents:move',
  deleteDocument: 'documents:delete',
  openDoc: 'sync:open-doc',
  pushUpdate: 'sync:push-update',
  closeDoc: 'sync:close-doc',
  saveTabs: 'workspace:save-tabs',
} as const satisfies { [K in keyof InvokeContract]: string };

/** See {@link INVOKE_CHANNELS}. */
export const EVENT_CHANNELS = {
  docUpdate: 'sync:doc-update',
  workspaceChanged: 'workspace:changed',
} as const satisfies { [K in keyof EventContract]: string };

/** The object the preload exposes as `window.chancery`: raw envelopes, unwrapped by the renderer. */
export type RawApi = {
  [K in keyof InvokeContract]: (...args: InvokeContract[K][0]) => Promise<IpcResult<InvokeContract[K][1]>>;
} & {
  on<E extends keyof EventContract>(event: E, listener: (...payload: EventContract[E]) => void): () => void;
};

/** Context main passes to handlers: which window (and so which workspace session) is calling. */
export interface HandlerContext {
  windowId: number;
}

/** What main must implement: one function per invoke channel, taking validated arguments. */
export type MainHandlers = {
  [K in keyof InvokeContract]: (
    ctx: HandlerContext,
    ...args: InvokeContract[K][0]
  ) => InvokeContract[K][1] | Promise<InvokeContract[K][1]>;
};

/** The global name the preload exposes the API under. */
export const API_GLOBAL = 'chancery';

/** Re-exported for the renderer's sidebar, which renders the manifest replica. */
export type { ManifestView };
