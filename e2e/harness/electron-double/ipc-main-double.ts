import type { WebContentsDouble } from './web-contents-double';

/** The event `ipcMain.handle` listeners get: who sent it, and from which frame URL. */
export interface IpcMainInvokeEventDouble {
  sender: WebContentsDouble;
  /**
   * `url` is `app://chancery/…` for the app's own documents; a foreign frame keeps its URL.
   * `parent` is null for a top frame (the only frame the harness runs a preload in).
   */
  senderFrame: { url: string; parent: { url: string } | null };
}

export type InvokeHandler = (event: IpcMainInvokeEventDouble, ...args: unknown[]) => unknown;

const handlers = new Map<string, InvokeHandler>();

export const ipcMain = {
  handle(channel: string, listener: InvokeHandler): void {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    handlers.delete(channel);
  },
};

/** Used by the window double to route an `ipcRenderer.invoke`. */
export function invokeHandler(channel: string): InvokeHandler | undefined {
  return handlers.get(channel);
}
