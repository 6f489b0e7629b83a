import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import type { HandlerDeps } from './handler-deps';

/**
 * `exports.*`: the window's workspace (or one document, or a round) exported to a file the user
 * picks. Main asks where to save, so a window can never name a path itself; progress goes to the
 * asking window only.
 */
export function exportsHandlers({ registry, exports, dialogs }: HandlerDeps) {
  return {
    run: ({ windowId }, choice) =>
      exports.run(windowId, registry.sessionFor(windowId), choice, (id, name, format) => dialogs.askSaveExportPath(id, name, format)),
  } satisfies NamespaceHandlers<'exports'>;
}
