import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import type { PositionInput } from '../../../headless/positions/position-api';
import type { HandlerDeps } from './handler-deps';

/** `positions.*`: clause positions and agreement figures, read and signed through the session. */
export function positionsHandlers({ registry, identity }: HandlerDeps) {
  return {
    view: ({ windowId }, docId) => registry.sessionFor(windowId).positions.docPositions(docId),
    agreement: ({ windowId }) => registry.sessionFor(windowId).positions.packageAgreement(),
    history: ({ windowId }, docId, clauseId) => registry.sessionFor(windowId).positions.history(docId, clauseId),
    set: ({ windowId }, docId, clauseId, party, status, comment, proposal) => {
      const session = registry.sessionFor(windowId);
      // An empty comment or proposal is no comment: the record leaves the field out.
      const input: PositionInput = {
        status,
        ...(comment?.trim() ? { comment } : {}),
        ...(proposal?.trim() ? { proposal } : {}),
      };
      session.positions.setPosition(identity.get().signer, docId, clauseId, party, input);
      return null;
    },
  } satisfies NamespaceHandlers<'positions'>;
}
