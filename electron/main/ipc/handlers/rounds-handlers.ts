import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import type { HandlerDeps } from './handler-deps';

/**
 * `rounds.*`: named rounds of the window's workspace — listed, cut (by the convener only, checked
 * in main whatever the window shows), read and compared, always from their stored states.
 */
export function roundsHandlers({ registry, rounds }: HandlerDeps) {
  return {
    list: ({ windowId }) => rounds.list(registry.sessionFor(windowId)),
    cut: ({ windowId }, name) => rounds.cut(registry.sessionFor(windowId), name),
    view: ({ windowId }, roundId) => rounds.view(registry.sessionFor(windowId), roundId),
    compare: ({ windowId }, olderRoundId, newerRoundId) => rounds.compare(registry.sessionFor(windowId), olderRoundId, newerRoundId),
  } satisfies NamespaceHandlers<'rounds'>;
}
