import type { LiveStatus, PresencePeer, PresenceState } from '../../../shared/live/live-model';
import type { Signer } from '../../../shared/positions/signing';
import { RelaySync } from '../../headless/live/relay-sync';
import type { WorkspaceSession } from '../../headless/workspace/workspace-session';

/** What main asks of a workspace's relay connection (the headless RelaySync; a fake in tests). */
export interface LiveSync {
  readonly relay: string;
  start(): void;
  stop(): Promise<void>;
  status(): LiveStatus;
  whenSynced(timeoutMs?: number): Promise<void>;
  setLocalPresence(docId: string, state: PresenceState | null): void;
  remotePresence(docId: string): Uint8Array;
  peers(): PresencePeer[];
}

/** How main starts one. */
export interface LiveSyncOptions {
  relay: string;
  signer: Signer;
  name: string;
  onStatus(status: LiveStatus): void;
  onAwareness(docId: string, update: Uint8Array, origin: 'remote'): void;
  onPeers(peers: PresencePeer[]): void;
  log(line: string): void;
}

/** Makes the connection for a workspace. */
export type MakeSync = (session: WorkspaceSession, options: LiveSyncOptions) => LiveSync;

/** The real one: the headless sync client, the same the command line uses. */
export const makeRelaySync: MakeSync = (session, options) => new RelaySync(session, options);
