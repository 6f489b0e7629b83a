import { useEffect, useState } from 'react';
import type { LiveStatus } from '../../../shared/live/live-model';
import type { ChanceryApi } from '../ipc/api';

/** The slice of the API the connection status needs; tests pass a fake. */
export type LiveStatusApi = Pick<ChanceryApi, 'live' | 'on'>;

/** A workspace without a relay, as shown until main's first answer arrives. */
export const NOT_SHARED: LiveStatus = { state: 'local', relay: null, unconfirmed: 0, refusal: null, hosting: null };

/**
 * The workspace's connection to its relay as main reports it, kept current from
 * `live.statusChanged`. Main owns the connection; the window only shows it.
 */
export function useLiveStatus(api: LiveStatusApi): { status: LiveStatus; accept: (status: LiveStatus) => void; error: unknown } {
  const [status, setStatus] = useState<LiveStatus>(NOT_SHARED);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    // Subscribe first: a change announced while the first answer is in flight is the newer one.
    let changed = false;
    const off = api.on('live.statusChanged', (next) => {
      changed = true;
      if (live) setStatus(next);
    });
    api.live.status().then(
      (first) => {
        if (live && !changed) setStatus(first);
      },
      (err: unknown) => {
        if (live) setError(err);
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return { status, accept: setStatus, error };
}
