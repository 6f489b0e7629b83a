import type { Invitation } from '../../../shared/live/invitation';
import type { LiveStatus, PresencePeer } from '../../../shared/live/live-model';
import type { Signer } from '../../../shared/positions/signing';

/** The sync client's options (relay-sync.ts), apart so the class stays readable. */

/** How the sync client paces its reconnection attempts (tests make it quick). */
export interface RetryPacing {
  /** First delay after a failed attempt; it doubles up to `maxDelayMs`. */
  delayMs?: number;
  maxDelayMs?: number;
}

export interface RelaySyncOptions {
  /** `ws://host:port` of the relay. */
  relay: string;
  signer: Signer;
  /** This member's display name (the identity's). */
  name: string;
  /** The invitation this copy joined with, until its claim is on the relay's roster (default: the stored one). */
  invitation?: Invitation;
  onStatus?(status: LiveStatus): void;
  /** Remote presence changed in a document: a y-protocols awareness update of the remote states. */
  onAwareness?(docId: string, update: Uint8Array, origin: 'remote'): void;
  onPeers?(peers: PresencePeer[]): void;
  /** One line per event worth telling an operator (refused updates, refusals). */
  log?(line: string): void;
  retry?: RetryPacing;
  maxFrameBytes?: number;
}

/** The status, with how many edits from the relay the hub refused since the start. */
export type RelaySyncStatus = LiveStatus & { refusedUpdates: number };
