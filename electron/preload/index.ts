import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, NAMESPACE_NAMES, callNames, channelOf } from '../../shared/ipc/contract';
import { eventChannel, type EventName, type EventPayload, type RawApi } from '../../shared/ipc/derived';

// The preload only forwards: every method is generated from the name table in shared/, so the
// renderer can reach exactly the contract's channels and nothing else (no raw ipcRenderer).
const api: Record<string, unknown> = {};
for (const namespace of NAMESPACE_NAMES) {
  const methods: Record<string, unknown> = {};
  for (const method of callNames(namespace)) {
    const channel = channelOf(namespace, method);
    methods[method] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
  }
  api[namespace] = methods;
}

api.on = <E extends EventName>(event: E, listener: (...payload: EventPayload<E>) => void) => {
  const channel = eventChannel(String(event));
  if (!channel) throw new Error(`Unknown Chancery event "${String(event)}".`);
  const wrapped = (_e: IpcRendererEvent, ...payload: unknown[]) => listener(...(payload as EventPayload<E>));
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
};

contextBridge.exposeInMainWorld(API_GLOBAL, api as RawApi);
