import { ChanceryError } from '../../../shared/errors';
import type { Refusal } from './status';

/**
 * Waiting for the sync client to be in step with its relay (`RelaySync.whenSynced`): each waiter
 * is checked again whenever something changed, until it is settled, refused, stopped or too late.
 */

/** What a waiter looks at. */
export interface SyncProgress {
  relay: string;
  refusal(): Refusal | null;
  stopped(): boolean;
  settled(): boolean;
  /** The error for a wait of `timeoutMs` that ran out. */
  timedOut(timeoutMs: number): ChanceryError;
}

/** Why a wait of `timeoutMs` for the relay at `relay` ran out. */
export function syncTimeout(relay: string, everConnected: boolean, unconfirmed: number, timeoutMs: number): ChanceryError {
  if (!everConnected) return new ChanceryError('RELAY_UNREACHABLE', `No relay answers at ${relay} — check the address and that the host is running it.`);
  return new ChanceryError(
    'RELAY_UNREACHABLE',
    `The relay at ${relay} did not confirm every change within ${Math.round(timeoutMs / 1000)} s (${unconfirmed} unconfirmed); they are kept in the file and sent when it does.`,
  );
}

export class SyncWaiters {
  readonly #checks = new Set<() => void>();

  constructor(private readonly progress: SyncProgress) {}

  /** Resolves once settled; RELAY_REFUSED, RELAY_UNREACHABLE (stopped), or `timedOut`'s error. */
  wait(timeoutMs: number): Promise<void> {
    const { progress } = this;
    return new Promise<void>((resolve, reject) => {
      const finish = (outcome: () => void) => {
        this.#checks.delete(check);
        clearTimeout(timer);
        outcome();
      };
      const check = () => {
        const refusal = progress.refusal();
        if (refusal) finish(() => reject(new ChanceryError('RELAY_REFUSED', `The relay at ${progress.relay} refused this workspace: ${refusal.message}.`)));
        else if (progress.stopped()) finish(() => reject(new ChanceryError('RELAY_UNREACHABLE', `The connection to ${progress.relay} was closed before everything was synced.`)));
        else if (progress.settled()) finish(resolve);
      };
      const timer = setTimeout(() => finish(() => reject(progress.timedOut(timeoutMs))), timeoutMs);
      this.#checks.add(check);
      check();
    });
  }

  /** Something changed: every waiter looks again. */
  wake(): void {
    for (const check of [...this.#checks]) check();
  }
}
