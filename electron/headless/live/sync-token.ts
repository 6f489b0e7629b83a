import type * as Y from 'yjs';
import type { Invitation } from '../../../shared/live/invitation';
import { makeRelayToken } from '../../../shared/live/relay-token';
import type { RosterEntry } from '../../../shared/positions/model';
import { parseRosterEntry } from '../../../shared/positions/record-schema';
import { pinnedConvener, readRosterEntries } from '../../../shared/positions/roster-doc';
import type { Signer } from '../../../shared/positions/signing';
import type { WorkspaceSession } from '../workspace/workspace-session';

/**
 * A fresh relay token for the sync client (every connection and every document gets its own, as
 * the relay refuses a nonce it has seen): the proof of this key, the invitation this copy joined
 * with, and for the convener the workspace's convene entry (how a relay that never saw the
 * workspace pins it).
 */
export function syncToken(session: WorkspaceSession, signer: Signer, name: string, held: Invitation | undefined): string {
  const key = signer.publicKey;
  const manifest = session.manifestDoc;
  // Until the relay's roster has the claim, only the invitation lets this key in; once it has
  // expired it could only get the token refused, and the claim (made before) speaks instead.
  const invitation = held && new Date().toISOString() <= held.expires ? held : undefined;
  const convene = pinnedConvener(manifest) === key ? conveneEntry(manifest, key) : undefined;
  return makeRelayToken(signer, {
    workspaceId: session.store.meta.workspaceId,
    name,
    ...(invitation ? { invitation } : {}),
    ...(convene ? { convene } : {}),
  });
}

/** The convener's signed `convene` entry in the manifest, if it is there and well-formed. */
function conveneEntry(manifest: Y.Doc, key: string): RosterEntry | undefined {
  for (const [, value] of readRosterEntries(manifest)) {
    try {
      const entry = parseRosterEntry(value);
      if (entry.action === 'convene' && entry.signer === key) return entry;
    } catch {
      // not a well-formed entry: the roster shows it as malformed; it is no proof of anything
    }
  }
  return undefined;
}
