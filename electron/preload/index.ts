import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, EVENT_CHANNELS, INVOKE_CHANNELS, type EventContract, type RawApi } from '../../shared/ipc/contract';

// The preload only forwards: every method is generated from the channel table in shared/, so the
// renderer can reach exactly the contract's channels and nothing else (no raw ipcRenderer).
const api: Record<string, unknown> = {};
for (const [method, channel] of Object.entries(INVOKE_CHANNELS)) {
  api[method] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
}
api.on = <E extends keyof EventContract>(event: E, listener: (...payload: EventContract[E]) => void) => {
  const channel = EVENT_CHANNELS[event];
  if (!channel) throw new Error(`Unknown Chancery event "${String(event)}".`);
  const wrapped = (_e: IpcRendererEvent, ...payload: unknown[]) => listener(...(payload as EventContract[E]));
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
};

contextBridge.exposeInMainWorld(API_GLOBAL, api as RawApi);
