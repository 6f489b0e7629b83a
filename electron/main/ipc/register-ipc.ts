import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { ChanceryError, serializeError } from '../../../shared/errors';
import { INVOKE_CHANNELS, type InvokeContract, type IpcResult, type MainHandlers } from '../../../shared/ipc/contract';
import { parseArgs } from '../../../shared/ipc/validation';
import { isAppUrl } from '../security/policy';

/**
 * Resolves the calling window, or refuses: the call must come from the top frame of one of our
 * windows showing the app bundle. A frame that navigated elsewhere, an iframe or a stray
 * webContents gets UNTRUSTED_SENDER and reaches no handler.
 */
export type SenderCheck = (event: IpcMainInvokeEvent) => number;

export function makeSenderCheck(isOurWindow: (webContentsId: number) => number | undefined): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    const url = frame?.url;
    if (!frame || frame.parent || !isAppUrl(url)) {
      throw new ChanceryError('UNTRUSTED_SENDER', `IPC refused: sender frame ${JSON.stringify(url ?? null)} is not the Chancery app.`);
    }
    const windowId = isOurWindow(event.sender.id);
    if (windowId === undefined) {
      throw new ChanceryError('UNTRUSTED_SENDER', `IPC refused: webContents ${event.sender.id} is not a Chancery window.`);
    }
    return windowId;
  };
}

/** Registers one handler per channel of the contract: sender check, argument check, envelope. */
export function registerIpc(handlers: MainHandlers, senderCheck: SenderCheck): () => void {
  const keys = Object.keys(INVOKE_CHANNELS) as (keyof InvokeContract)[];
  for (const key of keys) {
    ipcMain.handle(INVOKE_CHANNELS[key], async (event, ...raw: unknown[]): Promise<IpcResult<unknown>> => {
      try {
        const windowId = senderCheck(event);
        const args = parseArgs(key, raw);
        const handler = handlers[key] as (ctx: { windowId: number }, ...a: unknown[]) => unknown;
        return { ok: true, value: await handler({ windowId }, ...(args as unknown[])) };
      } catch (err) {
        if (!(err instanceof ChanceryError)) console.error(`IPC ${key} failed:`, err);
        return { ok: false, error: serializeError(err) };
      }
    });
  }
  return () => keys.forEach((key) => ipcMain.removeHandler(INVOKE_CHANNELS[key]));
}
