import * as encoding from 'lib0/encoding';
import type { PresencePeer, PresenceState } from '../../../shared/live/live-model';
import { MANIFEST_DOC_ID } from '../../../shared/workspace/manifest';
import type { WorkspaceSession } from '../workspace/workspace-session';
import type { DocBridge } from './doc-bridge';
import { localUser, mergePeers, newPresenceSession, peersOf, presenceState, remoteUpdate, showsCursor, watchRemote } from './presence';

/**
 * The sync client's presence, over the awareness of each document it syncs: this member's own
 * state (who it is from the roster, where the window is) and everyone else's. Kept apart from the
 * syncing so each stays readable; the sync client tells it when a document's bridge comes and goes.
 */

/** Who this client is and whom to tell about others. */
export interface PresenceOwner {
  session: WorkspaceSession;
  key: string;
  name: string;
  onAwareness?(docId: string, update: Uint8Array, origin: 'remote'): void;
  onPeers?(peers: PresencePeer[]): void;
}

export class SyncPresence {
  readonly #local = new Map<string, PresenceState | null>();
  readonly #unwatch = new Map<string, () => void>();
  readonly #id = newPresenceSession();

  constructor(
    private readonly bridges: ReadonlyMap<string, DocBridge>,
    private readonly owner: PresenceOwner,
  ) {}

  /** The window's presence in a document (null: it left it). */
  setLocal(docId: string, state: PresenceState | null): void {
    this.#local.set(docId, state);
    this.publish(docId);
  }

  /** An awareness update of every remote state in a document (for a window that just opened it). */
  remote(docId: string): Uint8Array {
    const awareness = this.bridges.get(docId)?.provider.awareness;
    return awareness ? remoteUpdate(awareness) : emptyAwarenessUpdate();
  }

  /** Everyone else online in this workspace now, one entry per person and document. */
  peers(): PresencePeer[] {
    const perDoc: ReturnType<typeof peersOf>[] = [];
    let workspaceOnly: ReturnType<typeof peersOf> = [];
    for (const [docId, bridge] of this.bridges) {
      const awareness = bridge.provider.awareness;
      if (!awareness) continue;
      if (docId === MANIFEST_DOC_ID) workspaceOnly = peersOf(awareness, null);
      else perDoc.push(peersOf(awareness, docId));
    }
    return mergePeers(perDoc, workspaceOnly);
  }

  /** A bridge was made for `docId`: follow the others' presence in it and publish ours. */
  follow(docId: string, bridge: DocBridge): void {
    const awareness = bridge.provider.awareness;
    if (awareness) {
      this.#unwatch.set(
        docId,
        watchRemote(awareness, (update) => {
          this.owner.onAwareness?.(docId, update, 'remote');
          this.owner.onPeers?.(this.peers());
        }),
      );
    }
    this.publish(docId);
  }

  /** The bridge of `docId` goes away. */
  forget(docId: string): void {
    this.#unwatch.get(docId)?.();
    this.#unwatch.delete(docId);
  }

  /** Publishes our state everywhere again (the roster may say another party or colour now). */
  publishAll(): void {
    for (const docId of this.bridges.keys()) this.publish(docId);
  }

  /** This member's awareness state in a document: always on the manifest (it keeps the socket alive and says who is online). */
  publish(docId: string): void {
    const awareness = this.bridges.get(docId)?.provider.awareness;
    if (!awareness) return;
    const roster = this.owner.session.positions.resolvedRoster();
    const user = localUser(roster, this.owner.key, this.owner.name, this.#id);
    const state = this.#local.get(docId) ?? null;
    if (docId !== MANIFEST_DOC_ID && state === null) {
      if (awareness.getLocalState() !== null) awareness.setLocalState(null);
      return;
    }
    awareness.setLocalState(presenceState(user, state, showsCursor(roster, this.owner.key)));
  }
}

/** An awareness update with no states (y-protocols' encoding: the count of entries, zero). */
function emptyAwarenessUpdate(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}
