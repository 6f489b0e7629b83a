import { BrowserWindow, dialog } from 'electron';
import type { SerializedError } from '../../../shared/errors';
import { EVENT_CHANNELS, type Canceled, type EventContract } from '../../../shared/ipc/contract';
import { preloadPath } from '../app-paths';
import { APP_ENTRY_URL, SECURE_WEB_PREFERENCES } from '../security/policy';

/**
 * Chancery's windows, keyed by their webContents id (which is also the `windowId` handlers see).
 * Each remembers why its workspace could not be opened at launch, so the welcome screen can say so.
 */
export class WindowManager {
  private readonly windows = new Map<number, BrowserWindow>();
  private readonly startupErrors = new Map<number, SerializedError>();

  constructor(private readonly onWindowClosed: (windowId: number) => void) {}

  create(startupError: SerializedError | null = null): BrowserWindow {
    const win = new BrowserWindow({
      width: 1280,
      height: 860,
      title: 'Chancery',
      show: false,
      backgroundColor: '#f7f5f0',
      webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath() },
    });
    const id = win.webContents.id;
    this.windows.set(id, win);
    if (startupError) this.startupErrors.set(id, startupError);
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

  send<E extends keyof EventContract>(windowId: number, event: E, ...payload: EventContract[E]): void {
    const win = this.windows.get(windowId);
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNELS[event], ...payload);
  }

  setTitle(windowId: number, title: string): void {
    this.windows.get(windowId)?.setTitle(title);
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
}
