import { ipcMain } from 'electron';
import { ChanceryError, serializeError } from '../../../shared/errors';
import { INVOKE_CHANNELS, type InvokeContract, type IpcResult, type MainHandlers } from '../../../shared/ipc/contract';
import { parseArgs } from '../../../shared/ipc/validation';
import type { SenderCheck } from './sender-check';

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
