import type { EditorView } from 'prosemirror-view';
import type { EditorController } from '../editor-controller';
import { useDocStore } from '../use-doc-store';
import { withNoteCounts } from './notes-marker-plugin';
import { NotesStore, type NotesSnapshot, type NotesStoreApi } from './notes-store';

/** Notes per clause id, for the marker. */
function countsOf(snapshot: NotesSnapshot): Map<string, number> {
  const counts = new Map<string, number>();
  if (snapshot.status === 'ready') for (const [id, notes] of snapshot.byClause) counts.set(id, notes.length);
  return counts;
}

const makeStore = (api: NotesStoreApi, docId: string) => new NotesStore(api, docId);

/** Keeps the editor's clause markers in step with the store's notes; returns the unbinding. */
function bindNoteCounts(view: EditorView, store: NotesStore): () => void {
  const send = () => {
    if (!view.isDestroyed) view.dispatch(withNoteCounts(view.state.tr, countsOf(store.getSnapshot())));
  };
  send();
  return store.subscribe(send);
}

/**
 * The notes store of one open document, created when its editor mounts and dropped when it
 * unmounts, and fed into the editor's clause marker as soon as both exist. Null until then.
 */
export function useNotes(api: NotesStoreApi, docId: string, controller: EditorController | null): NotesStore | null {
  return useDocStore(api, docId, controller, makeStore, bindNoteCounts);
}
