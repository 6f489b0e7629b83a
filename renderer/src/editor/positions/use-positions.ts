import type { EditorController } from '../editor-controller';
import { useDocStore } from '../use-doc-store';
import { bindPositions } from './bind-positions';
import { PositionsStore, type PositionsStoreApi } from './positions-store';

const makeStore = (api: PositionsStoreApi, docId: string) => new PositionsStore(api, docId);

/**
 * The positions store of one open document, created when its editor mounts and dropped when it
 * unmounts, and fed into the editor as soon as both exist. Null until then.
 */
export function usePositions(api: PositionsStoreApi, docId: string, controller: EditorController | null): PositionsStore | null {
  return useDocStore(api, docId, controller, makeStore, bindPositions);
}
