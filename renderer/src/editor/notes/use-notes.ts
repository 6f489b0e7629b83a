import { useEffect, useState } from 'react';
import type { EditorController } from '../editor-controller';
import { withNoteCounts } from './notes-marker-plugin';
import { NotesStore, type NotesSnapshot, type NotesStoreApi } from './notes-store';

/** Notes per clause id, for the marker. */
function countsOf(snapshot: NotesSnapshot): Map<string, number> {
  const counts = new Map<string, number>();
  if (snapshot.status === 'ready') for (const [id, notes] of snapshot.byClause) counts.set(id, notes.length);
  return counts;
}

/**
 * The notes store of one open document, created when its editor mounts and dropped when it
 * unmounts, and fed into the editor's clause marker as soon as both exist. Null until then.
 */
export function useNotes(api: NotesStoreApi, docId: string, controller: EditorController | null): NotesStore | null {
  const [store, setStore] = useState<NotesStore | null>(null);

  useEffect(() => {
    const created = new NotesStore(api, docId);
    setStore(created);
    return () => {
      setStore(null);
      created.destroy();
    };
  }, [api, docId]);

  useEffect(() => {
    if (!store || !controller) return;
    const { view } = controller;
    const send = () => {
      if (!view.isDestroyed) view.dispatch(withNoteCounts(view.state.tr, countsOf(store.getSnapshot())));
    };
    send();
    return store.subscribe(send);
  }, [store, controller]);

  return store;
}
