import type { Canceled } from '../../../shared/ipc/contract';
import type { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import type { IdentitySource } from '../identity/identity-source';
import type { SendEvent } from '../positions/workspace-positions';
import { WorkspaceLive } from './workspace-live';

/** Helpers for IPC tests that build the whole handler table but do not exercise live co-editing. Not used by the app. */

const canceled = async (): Promise<Canceled> => ({ canceled: true });

/** The live dialogs, each as if the user cancelled it. */
export const CANCELED_LIVE_DIALOGS = {
  askSaveInvitationPath: canceled,
  askOpenInvitationPath: canceled,
  askJoinWorkspacePath: canceled,
  askImportWorkspacePath: canceled,
};

/** A live module for a test's registry and identity; hosting (if a test hosts) on loopback under `relayDir`. */
export function testLive(registry: WorkspaceRegistry, identity: IdentitySource, relayDir: string, send: SendEvent = () => {}): WorkspaceLive {
  return new WorkspaceLive({
    registry,
    identity: () => {
      const me = identity.get();
      return { signer: me.signer, name: me.name };
    },
    send,
    relayDataDir: () => relayDir,
    relayHost: '127.0.0.1',
    log: () => {},
  });
}
