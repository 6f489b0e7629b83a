import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import type { HandlerDeps } from './handler-deps';

/** `documents.*`: the list of documents, through the session's manifest commands. */
export function documentsHandlers({ registry }: HandlerDeps) {
  return {
    add: ({ windowId }, title) => ({ id: registry.sessionFor(windowId).addDocument(title) }),
    rename: ({ windowId }, id, title) => {
      registry.sessionFor(windowId).renameDocument(id, title);
      return null;
    },
    move: ({ windowId }, id, toIndex) => {
      registry.sessionFor(windowId).moveDocument(id, toIndex);
      return null;
    },
    delete: ({ windowId }, id) => {
      registry.sessionFor(windowId).deleteDocument(id);
      return null;
    },
  } satisfies NamespaceHandlers<'documents'>;
}
