import type { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import type { WorkspaceSession } from '../../headless/workspace/workspace-session';
import type { SendEvent } from '../positions/workspace-positions';

/** What {@link WorkspaceLosses} needs from the rest of main. */
export interface WorkspaceLossesDeps {
  registry: Pick<WorkspaceRegistry, 'windowsOf'>;
  send: SendEvent;
}

/**
 * Forwards each workspace's kept text (session.losses) to every window showing that workspace,
 * whenever it changes: a peer's update kept something, or another window restored or dismissed
 * an entry. Each window filters by its active document.
 */
export class WorkspaceLosses {
  private readonly watched = new WeakSet<WorkspaceSession>();

  constructor(private readonly deps: WorkspaceLossesDeps) {}

  /** Call whenever a window is given `session`. Idempotent. */
  prepare(session: WorkspaceSession): void {
    if (this.watched.has(session)) return;
    this.watched.add(session);
    // Not unsubscribed: a closed session changes no more, and the listener goes with it.
    session.losses.onChange((losses) => {
      for (const id of this.deps.registry.windowsOf(session)) this.deps.send(id, 'losses.changed', losses);
    });
  }
}
