import {
  API_GLOBAL,
  INVOKE_CHANNELS,
  type EventContract,
  type InvokeContract,
  type IpcResult,
  type RawApi,
} from '../../../shared/ipc/contract';
import { ChanceryError, deserializeError, serializeError } from '../../../shared/errors';

/**
 * The renderer's only door to the main process. The preload exposes `window.chancery` as a
 * {@link RawApi} whose calls resolve to `IpcResult` envelopes (Electron drops error classes when
 * an invoke rejects); this module unwraps them, so the rest of the renderer calls plain async
 * functions that either return the value or throw a typed {@link ChanceryError}.
 *
 * No other module reads `window.chancery`: tests and the sync layer receive an object of this
 * shape instead, which keeps everything below the UI free of globals.
 */

/** The unwrapped API: each call resolves to its value or rejects with a ChanceryError. */
export type ChanceryApi = {
  [K in keyof InvokeContract]: (...args: InvokeContract[K][0]) => Promise<InvokeContract[K][1]>;
} & {
  /** Subscribes to a main → renderer event; returns the function that unsubscribes. */
  on<E extends keyof EventContract>(event: E, listener: (...payload: EventContract[E]) => void): () => void;
};

declare global {
  interface Window {
    /** Set by the preload; absent when the page is opened outside Chancery. */
    [API_GLOBAL]?: RawApi;
  }
}

/** Every invoke channel of the contract, so a new channel reaches the renderer without a second list. */
const INVOKE_NAMES = Object.keys(INVOKE_CHANNELS) as (keyof InvokeContract)[];

async function unwrap<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  let result: IpcResult<T>;
  try {
    result = await pending;
  } catch (err) {
    // The envelope itself did not arrive (the channel broke, or the preload threw): still a
    // ChanceryError, so callers have one error type to handle.
    throw deserializeError(serializeError(err));
  }
  if (result.ok) return result.value;
  throw deserializeError(result.error);
}

/** Wraps a raw preload API. Exported for tests; the app uses {@link getApi}. */
export function createApi(raw: RawApi): ChanceryApi {
  const api: Record<string, unknown> = {};
  for (const name of INVOKE_NAMES) {
    const call = raw[name] as (...args: unknown[]) => Promise<IpcResult<unknown>>;
    api[name] = (...args: unknown[]) => unwrap(call.apply(raw, args));
  }
  api.on = <E extends keyof EventContract>(event: E, listener: (...payload: EventContract[E]) => void) => {
    const off = raw.on(event, (...payload: EventContract[E]) => {
      // A throwing listener must not break delivery to the others (nor the preload's loop).
      try {
        listener(...payload);
      } catch (err) {
        console.error(`Chancery: a "${event}" listener failed`, err);
      }
    });
    return typeof off === 'function' ? off : () => {};
  };
  return api as ChanceryApi;
}

let cached: ChanceryApi | null = null;

/**
 * The API for this window. Throws a ChanceryError with a readable message when the preload did
 * not run (the page was opened in an ordinary browser), which the app shows instead of a blank
 * screen.
 */
export function getApi(): ChanceryApi {
  if (cached) return cached;
  const raw = typeof window === 'undefined' ? undefined : window[API_GLOBAL];
  if (!raw) {
    throw new ChanceryError(
      'INTERNAL',
      'This window is not connected to Chancery (the preload bridge is missing). Close it and start Chancery again.',
    );
  }
  cached = createApi(raw);
  return cached;
}
