import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import type { PositionInput } from '../../../headless/positions/position-api';
import type { HandlerDeps } from './handler-deps';

/** `positions.*`: clause positions and agreement figures, read and signed through the session. */
export function positionsHandlers({ registry, identity }: HandlerDeps) {
  return {
    // Checked in slices: the window's openDoc and keystrokes are served between them (see DocChecking).
    view: ({ windowId }, docId) => registry.sessionFor(windowId).positions.checkedDocPositions(docId),
    agreement: ({ windowId }) => {
      const session = registry.sessionFor(windowId);
      // The documents this window opens at once are checked first, then the rest.
      const tabs = session.info().tabs;
      const first = tabs ? [...(tabs.active === null ? [] : [tabs.active]), ...tabs.open] : [];
      return session.positions.checkedPackageAgreement(first);
    },
    history: async ({ windowId }, docId, clauseId) => {
      const { positions } = registry.sessionFor(windowId);
      await positions.checkedDocPositions(docId);
      return positions.history(docId, clauseId);
    },
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
