import type { NoteAuthor } from '../../headless/notes/note-service';
import { delegationOf } from '../../headless/notes/note-access';
import type { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import type { WorkspaceSession } from '../../headless/workspace/workspace-session';
import type { IdentitySource } from '../identity/identity-source';
import type { SendEvent } from '../positions/workspace-positions';

/** What {@link WorkspaceNotes} needs from the rest of main. */
export interface WorkspaceNotesDeps {
  registry: Pick<WorkspaceRegistry, 'windowsOf'>;
  identity: IdentitySource;
  send: SendEvent;
}

/**
 * Main's side of private notes: which delegation's notes this installation's user may see in a
 * workspace (the party its key heads or sits in, nobody else's), who is writing, and forwarding a
 * change of that party's notes on a document to exactly the windows of that workspace that have
 * the document open. Another party's notes — which this copy never holds unless the user sits in
 * that party — are never sent to a window.
 */
export class WorkspaceNotes {
  private readonly watched = new WeakSet<WorkspaceSession>();

  constructor(private readonly deps: WorkspaceNotesDeps) {}

  /** The user's party in `session`; NOT_AUTHORISED for observers, a convener in no party, keys not admitted. */
  partyOf(session: WorkspaceSession): string {
    this.watch(session);
    return delegationOf(session.positions.resolvedRoster(), this.deps.identity.publicKeyIfAvailable());
  }

  /** The user as a note's author: their key and the name the roster has for it (the same on every copy). */
  author(session: WorkspaceSession): NoteAuthor {
    const { publicKey, name } = this.deps.identity.get();
    return { key: publicKey, name: session.positions.resolvedRoster().member(publicKey)?.name ?? name };
  }

  /** Starts forwarding `session`'s note changes to its windows. Idempotent. */
  watch(session: WorkspaceSession): void {
    if (this.watched.has(session)) return;
    this.watched.add(session);
    // Not unsubscribed: a closed session emits nothing more, and the listener goes with it.
    session.notes.onChange((party, docId) => this.forward(session, party, docId));
  }

  private forward(session: WorkspaceSession, party: string, docId: string): void {
    const windows = this.deps.registry.windowsOf(session, docId);
    if (windows.length === 0) return;
    let mine: string;
    try {
      mine = delegationOf(session.positions.resolvedRoster(), this.deps.identity.publicKeyIfAvailable());
    } catch {
      return; // the user sits in no delegation (any more): no window shows notes
    }
    if (mine !== party) return;
    let notes;
    try {
      notes = session.notes.list(party, docId);
    } catch {
      return; // the document left the workspace meanwhile: its windows close it
    }
    for (const id of windows) this.deps.send(id, 'notes.changed', docId, notes);
  }
}
