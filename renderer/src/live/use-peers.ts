import { useEffect, useState } from 'react';
import type { PresencePeer } from '../../../shared/live/live-model';
import type { ChanceryApi } from '../ipc/api';

/**
 * Everyone else online in the workspace, as main sees it through the relay, kept current from
 * `live.peersChanged`.
 */
export function usePeers(api: Pick<ChanceryApi, 'live' | 'on'>): PresencePeer[] {
  const [peers, setPeers] = useState<PresencePeer[]>([]);
  useEffect(() => {
    let live = true;
    let changed = false;
    const off = api.on('live.peersChanged', (next) => {
      changed = true;
      if (live) setPeers(next);
    });
    api.live.peers().then(
      (first) => {
        if (live && !changed) setPeers(first);
      },
      // Presence is a courtesy: a failure here leaves the list empty rather than interrupting work.
      (err: unknown) => console.warn('Chancery: who is online could not be read', err),
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return peers;
}
