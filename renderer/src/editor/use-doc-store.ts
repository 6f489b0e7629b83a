import { useEffect, useState } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { EditorController } from './editor-controller';

/**
 * A per-document store (positions, notes) created when its editor mounts and dropped when it
 * unmounts, and bound to the editor's view as soon as both exist (`bind` returns its unbinding).
 * Null until the store exists. `make` is called again only when `api` or `docId` change.
 */
export function useDocStore<S extends { destroy(): void }, A>(
  api: A,
  docId: string,
  controller: EditorController | null,
  make: (api: A, docId: string) => S,
  bind: (view: EditorView, store: S) => () => void,
): S | null {
  const [store, setStore] = useState<S | null>(null);

  useEffect(() => {
    const created = make(api, docId);
    setStore(created);
    return () => {
      setStore(null);
      created.destroy();
    };
    // `make` and `bind` are module-level functions: the store depends only on the api and the document.
  }, [api, docId]);

  useEffect(() => {
    if (!store || !controller) return;
    return bind(controller.view, store);
  }, [store, controller]);

  return store;
}
