import * as Y from 'yjs';
import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import type { HandlerDeps } from './handler-deps';

/** `sync.*`: a window's replicas of documents, kept in step with the session's hub. */
export function syncHandlers({ registry }: HandlerDeps) {
  return {
    openDoc: ({ windowId }, docId) => {
      const doc = registry.sessionFor(windowId).getDoc(docId);
      registry.markDocOpen(windowId, docId);
      return Y.encodeStateAsUpdate(doc);
    },
    pushUpdate: ({ windowId }, docId, update) => {
      registry.sessionFor(windowId).applyRendererUpdate(docId, update, windowId);
      return null;
    },
    closeDoc: ({ windowId }, docId) => {
      registry.markDocClosed(windowId, docId);
      return null;
    },
  } satisfies NamespaceHandlers<'sync'>;
}
