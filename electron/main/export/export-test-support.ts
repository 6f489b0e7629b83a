import type { Canceled } from '../../../shared/ipc/contract';
import type { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import type { IdentitySource } from '../identity/identity-source';
import type { SendEvent } from '../positions/workspace-positions';
import { WorkspaceExports } from './workspace-exports';
import { WorkspaceRounds } from './workspace-rounds';

/** Helpers for IPC tests that build the whole handler table but do not exercise exports or rounds. Not used by the app. */

/** The export save dialog, as if the user cancelled it. */
export const CANCELED_EXPORT_DIALOGS = {
  askSaveExportPath: async (): Promise<Canceled> => ({ canceled: true }),
};

/** Export and round modules for a test's registry and identity; PDF printing refused (no window to print in). */
export function testExportDeps(
  registry: WorkspaceRegistry,
  identity: IdentitySource,
  send: SendEvent = () => {},
): { exports: WorkspaceExports; rounds: WorkspaceRounds } {
  return {
    exports: new WorkspaceExports({
      identity,
      send,
      printPdf: () => Promise.reject(new Error('no PDF printer in this test')),
    }),
    rounds: new WorkspaceRounds({ registry, identity, send }),
  };
}
