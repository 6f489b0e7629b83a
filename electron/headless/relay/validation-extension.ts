import { OutgoingMessage, type Extension, type beforeHandleMessagePayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { isChanceryError } from '../../../shared/errors';
import { CLOSE_MALFORMED } from './close-codes';
import { syncWriteOf } from './frame-decode';
import { socketOf, type RelayContext } from './relay-context';

/**
 * Checks every edit before Hocuspocus applies it, with the hub's own gate: the update is applied
 * to a scratch copy of the document and what it touched there is checked — the content schema for
 * framework documents, the whole manifest for the manifest (its convener pinned by the relay
 * never changes), only the notes for a private document. A refused edit closes that socket with
 * 4400 "refused: <why>" and is never stored, applied or forwarded; other clients are unaffected.
 *
 * One exception: a client's edit typed while it was still syncing can arrive before its sync
 * step 2, and then depends on edits the relay does not have yet. That is not a fault: the edit is
 * held back (not stored, not applied) and the client is sent a sync step 1, so it answers with a
 * sync step 2 holding everything the relay lacks — that edit included — whose acknowledgement
 * takes the place of the held-back edit's in the client's count of unconfirmed changes.
 *
 * Runs before the persistence extension (higher priority), which stores what passes.
 */

/**
 * Whether `update` starts, for some client, past what `stateOf` (the gate's scratch copy: the
 * document plus edits admitted and waiting to be stored) has of that client: it arrived before
 * edits it follows.
 */
export function arrivesEarly(stateOf: (client: number) => number, update: Uint8Array): boolean {
  for (const [client, clock] of Y.parseUpdateMeta(update).from) {
    if (clock > stateOf(client)) return true;
  }
  return false;
}

/** A promise that never settles: halts Hocuspocus' handling of a frame without an error it would print. */
export function halt(): Promise<never> {
  return new Promise<never>(() => {});
}

/** The short cause of a gate refusal, for the close reason (the full message goes to the log). */
function shortWhy(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}

export class ValidationExtension implements Extension {
  readonly extensionName = 'chancery-validation';
  readonly priority = 250;

  constructor(private readonly relay: RelayContext) {}

  async beforeHandleMessage(data: beforeHandleMessagePayload): Promise<void> {
    const socket = socketOf(data.context);
    if (socket.isClosing) return halt();
    if (data.connection.readOnly) return; // Hocuspocus applies nothing from a read-only connection
    const write = syncWriteOf(data.update);
    if (write === null) return;
    const ws = this.relay.workspaceOf(socket);
    const gate = ws.gate(data.documentName, data.document);
    let early = false;
    try {
      early = !write.step2 && arrivesEarly((client) => gate.stateOf(client), write.update);
    } catch {
      // unreadable: the gate says so below
    }
    if (early) {
      data.connection.send(new OutgoingMessage(data.documentName).createSyncMessage().writeFirstSyncStepFor(data.document).toUint8Array());
      return halt();
    }
    try {
      gate.admit(write.update);
    } catch (err) {
      const why = shortWhy(err);
      this.relay.log(`refused an edit to ${data.documentName} from ${this.relay.who(socket.access)}: ${isChanceryError(err) ? err.message : why}`);
      socket.closeWith(CLOSE_MALFORMED, `refused: ${why}`);
      return halt();
    }
  }
}
