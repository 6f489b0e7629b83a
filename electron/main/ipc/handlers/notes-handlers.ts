import type { NamespaceHandlers } from '../../../../shared/ipc/derived';
import type { WorkspaceSession } from '../../../headless/workspace/workspace-session';
import type { HandlerDeps } from './handler-deps';

/**
 * `notes.*`: the private notes of the user's own delegation on the clauses of a document. The party
 * is never the window's to choose: it is the one this installation's key heads or sits in, per the
 * roster, so a window cannot ask for another delegation's notes; observers, a convener who sits in
 * no party and keys not admitted get NOT_AUTHORISED. Writes are main commands on the party's
 * private document, stored before the reply and synced to the party's other members.
 */
export function notesHandlers({ registry, notes }: HandlerDeps) {
  const scope = (windowId: number): { session: WorkspaceSession; party: string } => {
    const session = registry.sessionFor(windowId);
    return { session, party: notes.partyOf(session) };
  };
  return {
    list: ({ windowId }, docId) => {
      const { session, party } = scope(windowId);
      return session.notes.list(party, docId);
    },
    add: ({ windowId }, docId, clauseId, text) => {
      const { session, party } = scope(windowId);
      return session.notes.add(party, docId, clauseId, text, notes.author(session));
    },
    edit: ({ windowId }, noteId, text) => {
      const { session, party } = scope(windowId);
      return session.notes.edit(party, noteId, text, notes.author(session));
    },
    remove: ({ windowId }, noteId) => {
      const { session, party } = scope(windowId);
      session.notes.remove(party, noteId);
      return null;
    },
  } satisfies NamespaceHandlers<'notes'>;
}
