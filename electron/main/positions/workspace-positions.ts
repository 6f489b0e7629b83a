import { ChanceryError } from '../../../shared/errors';
import type { EventName, EventPayload } from '../../../shared/ipc/derived';
import type { PositionChange } from '../../headless/positions/position-api';
import type { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import type { WorkspaceSession } from '../../headless/workspace/workspace-session';
import type { IdentitySource } from '../identity/identity-source';
import { rosterState } from './roster-state';

/** Sends a contract event to one window (WindowManager.send in the app, a recorder in tests). */
export type SendEvent = <E extends EventName>(windowId: number, event: E, ...payload: EventPayload<E>) => void;

/** What {@link WorkspacePositions} needs from the rest of main. */
export interface WorkspacePositionsDeps {
  registry: Pick<WorkspaceRegistry, 'windowsOf'>;
  identity: IdentitySource;
  send: SendEvent;
}

/**
 * Main's side of positions for each workspace a window shows: convenes a workspace nobody has
 * convened yet with this installation's identity (the app's user is the one who made or first
 * opened it), and forwards the session's position changes to exactly the windows that need them —
 * roster changes to every window of the workspace, a document's clause states only to windows
 * with that document open, agreement figures to every window of the workspace.
 */
export class WorkspacePositions {
  private readonly watched = new WeakSet<WorkspaceSession>();

  constructor(private readonly deps: WorkspacePositionsDeps) {}

  /**
   * Call whenever a window is given `session`. Idempotent. Convening needs the identity; when it
   * cannot be used the workspace opens unconvened (the identity error is shown where it is needed).
   */
  prepare(session: WorkspaceSession): void {
    this.watch(session);
    if (session.positions.roster().convener !== null) return;
    let identity;
    try {
      identity = this.deps.identity.get();
    } catch (err) {
      if (err instanceof ChanceryError && err.code === 'IDENTITY_FAILED') return;
      throw err;
    }
    session.positions.convene(identity.signer, identity.name);
  }

  private watch(session: WorkspaceSession): void {
    if (this.watched.has(session)) return;
    this.watched.add(session);
    // Not unsubscribed: a closed session emits nothing more, and the listener goes with it.
    session.positions.onChange((change) => this.forward(session, change));
  }

  private forward(session: WorkspaceSession, change: PositionChange): void {
    const { registry, send } = this.deps;
    switch (change.kind) {
      case 'roster': {
        // One identity per installation: every window gets the same `me`.
        const state = rosterState(change.roster, this.deps.identity.publicKeyIfAvailable());
        for (const id of registry.windowsOf(session)) send(id, 'roster.changed', state);
        return;
      }
      case 'doc':
        for (const id of registry.windowsOf(session, change.docId)) {
          send(id, 'positions.changed', change.docId, change.clauses, change.summary);
        }
        return;
      case 'package':
        for (const id of registry.windowsOf(session)) send(id, 'positions.agreementChanged', change.agreement);
        return;
    }
  }
}
