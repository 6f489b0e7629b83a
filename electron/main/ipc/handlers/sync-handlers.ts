import * as Y from 'yjs';
import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import { hasPrivatePrefix } from '../../../../shared/notes/private-doc';
import { privateRefusal } from '../../../headless/workspace/workspace-session';
import type { HandlerDeps } from './handler-deps';

/** `sync.*`: a window's replicas of documents, kept in step with the session's hub. */
export function syncHandlers({ registry }: HandlerDeps) {
  return {
    openDoc: ({ windowId }, docId) => {
      // A delegation's private doc never becomes a window replica: its notes travel only as notes.*.
      if (hasPrivatePrefix(docId)) throw privateRefusal(docId);
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
