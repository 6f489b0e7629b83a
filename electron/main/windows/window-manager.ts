import { BrowserWindow, dialog } from 'electron';
import type { SerializedError } from '../../../shared/errors';
import type { Canceled, WorkspaceInfo } from '../../../shared/ipc/contract';
import { EXPORT_EXTENSIONS, type ExportFormat } from '../../../shared/export/export-model';
import { eventChannel, type EventName, type EventPayload } from '../../../shared/ipc/derived';
import { preloadPath } from '../app-paths';
import { CARD_FILE_EXTENSION } from '../../headless/identity/card-file';
import { INVITATION_FILE_EXTENSION } from '../live/invitation-file';
import { APP_ENTRY_URL } from '../security/policy';

const APP_NAME = 'Chancery';
/** Dialog filters take extensions without the dot. */
const CARD_EXTENSION = CARD_FILE_EXTENSION.slice(1);
const INVITATION_EXTENSION = INVITATION_FILE_EXTENSION.slice(1);
/** What the save dialog's filter calls each export format. */
const EXPORT_FILTER_NAMES: Readonly<Record<ExportFormat, string>> = { docx: 'Word document', pdf: 'PDF document', html: 'Web page', md: 'Markdown text' };

type TitledWorkspace = Pick<WorkspaceInfo, 'title'>;

/** What the title bar shows: the negotiation's title, so several open windows can be told apart. */
export function windowTitle(workspace: TitledWorkspace | null): string {
  return workspace ? `${workspace.title} — ${APP_NAME}` : APP_NAME;
}

/**
 * Chancery's windows, keyed by their webContents id (which is also the `windowId` handlers see).
 * Each remembers why its workspace could not be opened at launch, so the welcome screen can say so.
 */
export class WindowManager {
  private readonly windows = new Map<number, BrowserWindow>();
  private readonly startupErrors = new Map<number, SerializedError>();

  constructor(private readonly onWindowClosed: (windowId: number) => void) {}

  /** A window on `workspace` (its title in the title bar from the start), or the welcome screen. */
  create(startupError: SerializedError | null = null, workspace: TitledWorkspace | null = null): BrowserWindow {
    // The preferences are written out here, not spread from the policy, so that a scanner reading
    // this call (Electronegativity, in npm test) sees them; window-manager.test.ts fails if they
    // differ from SECURE_WEB_PREFERENCES (it cannot be a `satisfies` here: the scanner would no
    // longer find the keys inside the wrapped object).
    // Electronegativity's AUXCLICK check (MEDIUM) wants `disableBlinkFeatures: 'Auxclick'`: that
    // would change nothing, Chromium no longer having such a switch (the auxclick event stays).
    // A middle click on a link asks the window-open handler, which denies every new window, and
    // will-navigate keeps the window on the app (harden-web-contents.ts; e2e/security.e2e.ts).
    const win = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK (explained above)
      width: 1280,
      height: 860,
      title: windowTitle(workspace),
      show: false,
      backgroundColor: '#f7f5f0',
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: true,
        // Electronegativity asks for a review of every preload (PRELOAD check, MEDIUM). Reviewed:
        // it runs sandboxed, exposes only the contract's calls and events through contextBridge and
        // nothing else, and main checks every call's sender and arguments (ipc/register-ipc.ts).
        preload: preloadPath(), // eng-disable PRELOAD_JS_CHECK (reviewed, see above)
      },
    });
    const id = win.webContents.id;
    this.windows.set(id, win);
    if (startupError) this.startupErrors.set(id, startupError);
    // Main owns the title bar (the workspace title); the page's <title> must not replace it.
    win.on('page-title-updated', (event) => event.preventDefault());
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      this.windows.delete(id);
      this.startupErrors.delete(id);
      this.onWindowClosed(id);
    });
    void win.loadURL(APP_ENTRY_URL);
    return win;
  }

  /** The window id for a webContents, if it is one of ours. */
  idOf(webContentsId: number): number | undefined {
    return this.windows.has(webContentsId) ? webContentsId : undefined;
  }

  startupError(windowId: number): SerializedError | null {
    return this.startupErrors.get(windowId) ?? null;
  }

  /** Sends a contract event (`'<namespace>.<event>'`) to one window, if it is still open. */
  send<E extends EventName>(windowId: number, event: E, ...payload: EventPayload<E>): void {
    const win = this.windows.get(windowId);
    const channel = eventChannel(event);
    if (channel && win && !win.isDestroyed()) win.webContents.send(channel, ...payload);
  }

  /** Shows the window's workspace in its title bar (null: back on the welcome screen). */
  showWorkspaceTitle(windowId: number, workspace: TitledWorkspace | null): void {
    const win = this.windows.get(windowId);
    if (win && !win.isDestroyed()) win.setTitle(windowTitle(workspace));
  }

  async askNewWorkspacePath(windowId: number): Promise<string | Canceled> {
    const win = this.windows.get(windowId);
    const options = {
      title: 'New negotiation',
      buttonLabel: 'Create',
      defaultPath: 'Negotiation.chancery',
      filters: [{ name: 'Chancery workspace', extensions: ['chancery'] }],
      properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
    };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? { canceled: true } : result.filePath;
  }

  async askOpenWorkspacePath(windowId: number): Promise<string | Canceled> {
    const win = this.windows.get(windowId);
    const options = {
      title: 'Open negotiation',
      filters: [{ name: 'Chancery workspace', extensions: ['chancery'] }],
      properties: ['openFile' as const],
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const [path] = result.filePaths;
    return result.canceled || !path ? { canceled: true } : path;
  }

  /** Where to save this installation's member card; `suggestedName` is offered in the dialog. */
  async askSaveCardPath(windowId: number, suggestedName: string): Promise<string | Canceled> {
    const win = this.windows.get(windowId);
    const options = {
      title: 'Save member card',
      buttonLabel: 'Save',
      defaultPath: suggestedName,
      filters: [{ name: 'Chancery member card', extensions: [CARD_EXTENSION] }],
      properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
    };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? { canceled: true } : result.filePath;
  }

  /** A member card file to enrol. */
  async askOpenCardPath(windowId: number): Promise<string | Canceled> {
    const win = this.windows.get(windowId);
    const options = {
      title: 'Load member card',
      filters: [{ name: 'Chancery member card', extensions: [CARD_EXTENSION] }],
      properties: ['openFile' as const],
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const [path] = result.filePaths;
    return result.canceled || !path ? { canceled: true } : path;
  }

  /** Where to save an invitation; `suggestedName` is offered in the dialog. */
  async askSaveInvitationPath(windowId: number, suggestedName: string): Promise<string | Canceled> {
    const win = this.windows.get(windowId);
    const options = {
      title: 'Save invitation',
      buttonLabel: 'Save',
      defaultPath: suggestedName,
      filters: [{ name: 'Chancery invitation', extensions: [INVITATION_EXTENSION] }],
      properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
    };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? { canceled: true } : result.filePath;
  }

  /** An invitation file to join with. */
  async askOpenInvitationPath(windowId: number): Promise<string | Canceled> {
    const win = this.windows.get(windowId);
    const options = {
      title: 'Open invitation',
      filters: [{ name: 'Chancery invitation', extensions: [INVITATION_EXTENSION] }],
      properties: ['openFile' as const],
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const [path] = result.filePaths;
    return result.canceled || !path ? { canceled: true } : path;
  }

  /** Where to keep the local copy of a negotiation being joined; `suggestedName` from its title. */
  async askJoinWorkspacePath(windowId: number, suggestedName: string): Promise<string | Canceled> {
    const win = this.windows.get(windowId);
    const options = {
      title: 'Join negotiation',
      buttonLabel: 'Join',
      defaultPath: suggestedName,
      filters: [{ name: 'Chancery workspace', extensions: ['chancery'] }],
      properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
    };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? { canceled: true } : result.filePath;
  }

  /** A colleague's copy of the open negotiation, to merge in. */
  async askImportWorkspacePath(windowId: number): Promise<string | Canceled> {
    const win = this.windows.get(windowId);
    const options = {
      title: 'Import changes from a file',
      buttonLabel: 'Import',
      filters: [{ name: 'Chancery workspace', extensions: ['chancery'] }],
      properties: ['openFile' as const],
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const [path] = result.filePaths;
    return result.canceled || !path ? { canceled: true } : path;
  }

  /** Where to save an export, filtered to its format's extension; `suggestedName` is offered. */
  async askSaveExportPath(windowId: number, suggestedName: string, format: ExportFormat): Promise<string | Canceled> {
    const win = this.windows.get(windowId);
    const options = {
      title: 'Export',
      buttonLabel: 'Export',
      defaultPath: suggestedName,
      filters: [{ name: EXPORT_FILTER_NAMES[format], extensions: [EXPORT_EXTENSIONS[format].slice(1)] }],
      properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
    };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? { canceled: true } : result.filePath;
  }
}
