import { ipcMain } from 'electron';
import { ChanceryError, serializeError } from '../../../shared/errors';
import { NAMESPACE_NAMES, callNames, channelOf, type IpcResult } from '../../../shared/ipc/contract';
import type { HandlerContext, MainHandlers } from '../../../shared/ipc/derived';
import { parseArgs } from '../../../shared/ipc/validation';
import type { SenderCheck } from './sender-check';

type AnyHandler = (ctx: HandlerContext, ...args: unknown[]) => unknown;

/**
 * Registers one handler per method of the contract, on its derived channel: sender check, then
 * argument check, then the handler; every outcome goes back as an envelope. Returns the function
 * that removes them all.
 */
export function registerIpc(handlers: MainHandlers, senderCheck: SenderCheck): () => void {
  const channels: string[] = [];
  for (const namespace of NAMESPACE_NAMES) {
    const table = handlers[namespace] as unknown as Record<string, AnyHandler>;
    for (const method of callNames(namespace)) {
      const channel = channelOf(namespace, method);
      const handler = table[method]!;
      ipcMain.handle(channel, async (event, ...raw: unknown[]): Promise<IpcResult<unknown>> => {
        try {
          const windowId = senderCheck(event);
          const args = parseArgs(namespace, method, raw) as unknown[];
          return { ok: true, value: await handler({ windowId }, ...args) };
        } catch (err) {
          if (!(err instanceof ChanceryError)) console.error(`IPC ${channel} failed:`, err);
          return { ok: false, error: serializeError(err) };
        }
      });
      channels.push(channel);
    }
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
