import { useEffect, useState } from 'react';
import type { EditorController } from '../editor-controller';
import { bindPositions } from './bind-positions';
import { PositionsStore, type PositionsStoreApi } from './positions-store';

/**
 * The positions store of one open document, created when its editor mounts and dropped when it
 * unmounts, and fed into the editor as soon as both exist. Null until then.
 */
export function usePositions(api: PositionsStoreApi, docId: string, controller: EditorController | null): PositionsStore | null {
  const [store, setStore] = useState<PositionsStore | null>(null);

  useEffect(() => {
    const created = new PositionsStore(api, docId);
    setStore(created);
    return () => {
      setStore(null);
      created.destroy();
    };
  }, [api, docId]);

  useEffect(() => {
    if (!store || !controller) return;
    return bindPositions(controller.view, store);
  }, [store, controller]);

  return store;
}
