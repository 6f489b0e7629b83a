import { API_GLOBAL, NAMESPACE_NAMES, callNames, type CallsOf, type IpcResult, type Namespace } from '../../../shared/ipc/contract';
import type { ArgsOf, EventName, EventPayload, RawApi, ResultOf, Subscribe } from '../../../shared/ipc/derived';
import { ChanceryError, deserializeError, serializeError } from '../../../shared/errors';

/**
 * The renderer's only door to the main process. The preload exposes `window.chancery` as a
 * {@link RawApi} whose calls resolve to `IpcResult` envelopes (Electron drops error classes when
 * an invoke rejects); this module unwraps them, so the rest of the renderer calls plain async
 * functions that either return the value or throw a typed {@link ChanceryError}.
 *
 * The API is namespaced like the contract: `api.workspace.open(path)`, `api.positions.set(...)`.
 * Events are subscribed to by `<namespace>.<event>` name: `api.on('positions.changed', (docId,
 * clauses, summary) => ...)` returns the unsubscriber.
 *
 * No other module reads `window.chancery`: tests and the sync layer receive an object of this
 * shape instead, which keeps everything below the UI free of globals.
 */

/** One namespace of the unwrapped API: each call resolves to its value or rejects with a ChanceryError. */
export type ApiNamespace<N extends Namespace> = {
  [M in keyof CallsOf<N>]: (...args: ArgsOf<N, M>) => Promise<ResultOf<N, M>>;
};

/** The unwrapped API. */
export type ChanceryApi = { [N in Namespace]: ApiNamespace<N> } & {
  /** Subscribes to a main → renderer event (`'<namespace>.<event>'`); returns the function that unsubscribes. */
  on: Subscribe;
};

declare global {
  interface Window {
    /** Set by the preload; absent when the page is opened outside Chancery. */
    [API_GLOBAL]?: RawApi;
  }
}

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
  // Every namespace and method of the contract, so a new one reaches the renderer without a second list.
  for (const namespace of NAMESPACE_NAMES) {
    const rawNamespace = raw[namespace] as unknown as Record<string, (...args: unknown[]) => Promise<IpcResult<unknown>>>;
    const wrapped: Record<string, unknown> = {};
    for (const method of callNames(namespace)) {
      wrapped[method] = (...args: unknown[]) => unwrap(rawNamespace[method]!.apply(rawNamespace, args));
    }
    api[namespace] = wrapped;
  }
  const on = <E extends EventName>(event: E, listener: (...payload: EventPayload<E>) => void) => {
    const off = raw.on(event, (...payload: EventPayload<E>) => {
      // A throwing listener must not break delivery to the others (nor the preload's loop).
      try {
        listener(...payload);
      } catch (err) {
        console.error(`Chancery: a "${event}" listener failed`, err);
      }
    });
    return typeof off === 'function' ? off : () => {};
  };
  api.on = on;
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
