import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import { encodeMemberCard } from '../../../../shared/positions/member-card';
import { cardFileName, readCardFile, withCardExtension, writeCardFile } from '../../../headless/identity/card-file';
import type { HandlerDeps } from './handler-deps';

/** `identity.*`: this installation's name and member card. Nothing here returns the private key. */
export function identityHandlers({ identity, dialogs }: HandlerDeps) {
  return {
    get: () => identity.get().view(),
    setName: (_ctx, name) => identity.get().setName(name),
    memberCard: () => encodeMemberCard(identity.get().memberCard()),
    saveMemberCard: async ({ windowId }) => {
      const me = identity.get();
      const chosen = await dialogs.askSaveCardPath(windowId, cardFileName(me.name));
      if (typeof chosen !== 'string') return chosen;
      const path = withCardExtension(chosen);
      writeCardFile(path, encodeMemberCard(me.memberCard()));
      return path;
    },
    loadMemberCard: async ({ windowId }) => {
      const chosen = await dialogs.askOpenCardPath(windowId);
      if (typeof chosen !== 'string') return chosen;
      return readCardFile(chosen);
    },
  } satisfies NamespaceHandlers<'identity'>;
}
