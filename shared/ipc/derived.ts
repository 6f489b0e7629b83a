import { NAMESPACES, channelOf, type CallsOf, type EventsOf, type IpcResult, type Namespace } from './contract';

/**
 * Types derived from the contract, for the three places that implement it: the preload
 * ({@link RawApi}), main ({@link NamespaceHandlers}, {@link MainHandlers}) and the renderer (its
 * unwrapped API in `renderer/src/ipc/api.ts`). Nothing here is written per method: a method added
 * to the contract reaches all three, and each fails to compile until it is implemented. Also the
 * one lookup from an event name to its channel, shared by the preload and main's `send`.
 */

/** The arguments tuple of a call. */
export type ArgsOf<N extends Namespace, M extends keyof CallsOf<N>> = CallsOf<N>[M] extends [infer A extends unknown[], unknown] ? A : never;

/** The result of a call. */
export type ResultOf<N extends Namespace, M extends keyof CallsOf<N>> = CallsOf<N>[M] extends [unknown, infer R] ? R : never;

/**
 * An event's name as subscribers give it: `<namespace>.<event>`, e.g. `'positions.changed'`. (Its
 * channel is `<namespace>:<event>`; see `channelOf`.)
 */
export type EventName = { [N in Namespace]: `${N}.${keyof EventsOf<N> & string}` }[Namespace];

/** The payload tuple of an {@link EventName}. */
export type EventPayload<E extends EventName> = E extends `${infer N extends Namespace}.${infer V}`
  ? V extends keyof EventsOf<N>
    ? EventsOf<N>[V] extends unknown[]
      ? EventsOf<N>[V]
      : never
    : never
  : never;

/**
 * The channel an event travels on (`positions.changed` → `positions:changed`), or null when the
 * contract has no such event: the preload refuses those, main cannot name them (its `send` is typed).
 */
export function eventChannel(name: string): string | null {
  const dot = name.indexOf('.');
  if (dot <= 0) return null;
  const namespace = name.slice(0, dot);
  const event = name.slice(dot + 1);
  if (!Object.hasOwn(NAMESPACES, namespace)) return null;
  const events: object = NAMESPACES[namespace as Namespace].events;
  return Object.hasOwn(events, event) ? channelOf(namespace as Namespace, event) : null;
}

/** Subscribes to a main → renderer event; returns the function that unsubscribes. */
export type Subscribe = <E extends EventName>(event: E, listener: (...payload: EventPayload<E>) => void) => () => void;

/** One namespace of the object the preload exposes: raw envelopes, unwrapped by the renderer. */
export type RawNamespace<N extends Namespace> = {
  [M in keyof CallsOf<N>]: (...args: ArgsOf<N, M>) => Promise<IpcResult<ResultOf<N, M>>>;
};

/** The object the preload exposes as `window.chancery`: `chancery.<namespace>.<method>(...)` and `chancery.on(event, ...)`. */
export type RawApi = { [N in Namespace]: RawNamespace<N> } & { on: Subscribe };

/** Context main passes to handlers: which window (and so which workspace session) is calling. */
export interface HandlerContext {
  windowId: number;
}

/** What main implements for namespace `N`: one function per method, taking validated arguments. */
export type NamespaceHandlers<N extends Namespace> = {
  [M in keyof CallsOf<N>]: (ctx: HandlerContext, ...args: ArgsOf<N, M>) => ResultOf<N, M> | Promise<ResultOf<N, M>>;
};

/** Every namespace's handlers, as main registers them. */
export type MainHandlers = { [N in Namespace]: NamespaceHandlers<N> };
