import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import type { HandlerDeps } from './handler-deps';

/**
 * `losses.*`: the text this machine typed that another delegation's edit deleted without having
 * seen it, kept by the window's session (session.losses) until the user restores or dismisses it.
 * Changes reach the windows as `losses.changed` (electron/main/losses/workspace-losses.ts).
 */
export function lossesHandlers({ registry }: HandlerDeps) {
  return {
    list: ({ windowId }) => registry.sessionFor(windowId).losses.list(),
    restore: ({ windowId }, id) => registry.sessionFor(windowId).losses.restore(id),
    dismiss: ({ windowId }, id) => {
      registry.sessionFor(windowId).losses.dismiss(id);
      return null;
    },
  } satisfies NamespaceHandlers<'losses'>;
}
