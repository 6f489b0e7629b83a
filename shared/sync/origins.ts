/**
 * Yjs transaction origins used across Chancery. Observers decide whether to persist, forward or
 * ignore an update by its origin, so origins are a closed, typed union — a bare string origin
 * would silently fall through every check.
 */
export type ChanceryOrigin =
  /** Replaying updates read from the workspace file; already durable, never re-persisted. */
  | { readonly kind: 'load' }
  /** An update a renderer replica pushed over IPC; main persisted it before applying it. */
  | { readonly kind: 'renderer'; readonly windowId: number }
  /** A structured edit made by main itself (manifest commands, sample creation). */
  | { readonly kind: 'command' }
  /** In a renderer replica: an update that arrived from the main-process hub. */
  | { readonly kind: 'hub' }
  /**
   * Main's deterministic repair of clause ids after remote content arrived (duplicates from
   * concurrent splits, pastes or merges; missing ids), see `resolveClauseIds`. Every hub computes
   * the same repair from the same content, so concurrent copies of it agree; it is persisted and
   * forwarded like any edit, but never undone by a window's Mod-z.
   */
  | { readonly kind: 'clause-ids' }
  /**
   * An update from another copy of this workspace (a merged file; the relay next), checked by the
   * hub's gate like a window's. Unlike a window's it may carry signed positions and roster entries:
   * those are how other delegations' positions arrive, and their signatures are judged on reading.
   */
  | { readonly kind: 'peer' };

/** Singletons for the origins that carry no data, so identity comparisons work. */
export const ORIGIN_LOAD: ChanceryOrigin = Object.freeze({ kind: 'load' });
/** See {@link ORIGIN_LOAD}. */
export const ORIGIN_COMMAND: ChanceryOrigin = Object.freeze({ kind: 'command' });
/** See {@link ORIGIN_LOAD}. */
export const ORIGIN_HUB: ChanceryOrigin = Object.freeze({ kind: 'hub' });
/** See {@link ORIGIN_LOAD}. */
export const ORIGIN_CLAUSE_IDS: ChanceryOrigin = Object.freeze({ kind: 'clause-ids' });
/** See {@link ORIGIN_LOAD}. */
export const ORIGIN_PEER: Extract<ChanceryOrigin, { kind: 'peer' }> = Object.freeze({ kind: 'peer' });

/** Narrows an unknown Yjs origin (Yjs types it as `any`) to one of ours. */
export function isChanceryOrigin(origin: unknown): origin is ChanceryOrigin {
  return (
    typeof origin === 'object' &&
    origin !== null &&
    'kind' in origin &&
    ['load', 'renderer', 'command', 'hub', 'clause-ids', 'peer'].includes((origin as { kind: unknown }).kind as string)
  );
}
