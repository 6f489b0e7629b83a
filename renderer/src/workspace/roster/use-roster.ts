import { useCallback, useEffect, useState } from 'react';
import type { RosterState } from '../../../../shared/positions/model';
import type { ChanceryApi } from '../../ipc/api';

/** The slice of the API the roster needs; tests pass a fake. */
export type RosterApi = Pick<ChanceryApi, 'roster' | 'on'>;

export interface RosterHook {
  /** The roster as main resolved it; null until the first answer. */
  state: RosterState | null;
  error: unknown;
  /** Shows a state a roster command resolved to, unless a newer one has already arrived. */
  accept: (state: RosterState) => void;
}

/**
 * The roster is append-only: a state that has seen more signed entries is the newer one. So a
 * command's answer and the `roster.changed` event for the same change, or for a later one, may
 * arrive in either order and the window still ends on the latest.
 */
function newer(current: RosterState | null, next: RosterState): RosterState {
  if (current && current.roster.events.length > next.roster.events.length) return current;
  return next;
}

/**
 * The open workspace's roster (parties, members, observers, history, and where this
 * installation's key stands), kept current from `roster.changed`. Main resolves and verifies it;
 * the window only shows it.
 */
export function useRoster(api: RosterApi): RosterHook {
  const [state, setState] = useState<RosterState | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    // Subscribe first, so a change made while the first answer is in flight is not missed.
    const off = api.on('roster.changed', (next) => {
      if (live) setState((current) => newer(current, next));
    });
    api.roster.get().then(
      (next) => live && setState((current) => newer(current, next)),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const accept = useCallback((next: RosterState) => setState((current) => newer(current, next)), []);
  return { state, error, accept };
}
