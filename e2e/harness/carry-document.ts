/**
 * Brings one document of a colleague's copy of a workspace into another file, with the app closed,
 * through the hub's validated path for updates from outside (the gate, then durable storage, then
 * the apply): what the relay and "merge two files" will do once they exist. Specs use it to make
 * a record given offline on one machine arrive on another.
 */
import * as Y from 'yjs';
import { WorkspaceSession } from '../../electron/headless/workspace/workspace-session';

/** The whole state of `docId` in the workspace file `from` (opened read-only, never written). */
export function documentStateOf(from: string, docId: string): Uint8Array {
  const session = WorkspaceSession.openReadOnly(from);
  try {
    return Y.encodeStateAsUpdate(session.getDoc(docId));
  } finally {
    session.close();
  }
}

/**
 * Applies `from`'s state of `docId` to the workspace file `into` (both closed): checked by the
 * update gate and stored before it is applied, as another copy's update (a merged file, the relay)
 * enters the hub.
 * Returns the number of position records `into` holds for the document afterwards.
 */
export function carryDocument(from: string, into: string, docId: string): number {
  const update = documentStateOf(from, docId);
  const session = WorkspaceSession.open(into);
  try {
    session.applyPeerUpdate(docId, update);
    return session.getDoc(docId).getMap('positions').size;
  } finally {
    session.close();
  }
}
