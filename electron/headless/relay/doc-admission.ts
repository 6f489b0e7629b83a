import { OutgoingMessage } from '@hocuspocus/server';
import { documentAccess, type RelayAccess } from '../../../shared/live/relay-access';
import { parseRelayDocName, type RelayDoc } from '../../../shared/live/relay-names';
import { isRelayRefusal, REFUSAL_TEXT, type RefusalReason } from '../../../shared/live/relay-refusal';

/**
 * The frame filter's verdict on a document a socket names for the first time (relay-socket.ts):
 * a name of this workspace, and what the socket's key may do with it NOW — judged by the current
 * roster through `access()`, not by what was decided at the upgrade.
 */

/** What the filter does with the document: serve it (write or read), refuse it alone, or close the socket. */
export type Admission =
  | { kind: 'serve'; doc: RelayDoc; mode: 'write' | 'read' }
  | { kind: 'deny'; doc: RelayDoc }
  | { kind: 'malformed'; why: string }
  | { kind: 'refuse'; reason: RefusalReason };

export function judgeDocument(name: string, workspaceId: string, access: () => RelayAccess): Admission {
  let doc: RelayDoc;
  try {
    doc = parseRelayDocName(name);
  } catch {
    return { kind: 'malformed', why: 'not a Chancery relay document name' };
  }
  if (doc.workspaceId !== workspaceId) return { kind: 'malformed', why: 'a document of another workspace than this connection signed in to' };
  try {
    return { kind: 'serve', doc, mode: documentAccess(access(), doc) };
  } catch (err) {
    if (!isRelayRefusal(err)) return { kind: 'malformed', why: 'a document this relay cannot serve' };
    // Another party's private notes: refused alone; the member itself is refused (removed) with the socket.
    return err.reason === 'forbidden-document' ? { kind: 'deny', doc } : { kind: 'refuse', reason: err.reason };
  }
}

/** The answer to an authentication of a document refused to this member: PermissionDenied "no access to this document". */
export function permissionDenied(name: string): Uint8Array {
  return new OutgoingMessage(name).writePermissionDenied(REFUSAL_TEXT['forbidden-document']).toUint8Array();
}
