import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { modifyAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import type { RelayDoc } from '../../../shared/live/relay-names';
import { recordId } from '../../../shared/positions/canonical';
import { parseRosterEntry } from '../../../shared/positions/record-schema';
import { ROSTER_ROOT } from '../../../shared/positions/roster-doc';
import type { SignatureCache } from '../../../shared/positions/signing';
import type { ScratchCheck } from '../workspace/update-gate';
import type { Frame } from './frame-decode';

/**
 * What a read-only connection (an observer's) may still send, besides reading:
 *
 * - its presence, so others see it online — but never a selection in the text: every awareness
 *   state is passed on with its `cursor` field removed ({@link awarenessAsSignedIn});
 * - its own join claim: an observer enrols itself like anyone invited, by signing the invitation's
 *   claim into the manifest's roster. The relay accepts a manifest update from a read-only
 *   connection only if, applied to the gate's scratch copy, its ONLY change is adding roster
 *   entries that are `claim`s signed by that connection's own key ({@link claimOnly}); anything
 *   else is dropped as every other observer edit is.
 */

/** Hocuspocus' Awareness message type on the wire. */
const AWARENESS = 1;

/**
 * What becomes of a frame from a read-only connection: its edits never pass — but a sync step 2
 * the relay already holds does (it completes the observer's sync), and so does a manifest update
 * that only adds its own join claim; everything else passes (awareness: with the cursors taken
 * out by the caller). 'bad' for an update that cannot be read.
 */
export function readOnlyVerdict(
  frame: Frame,
  doc: RelayDoc,
  relay: { loaded(name: string): Y.Doc | undefined; admitClaim(name: string, update: Uint8Array): boolean },
): 'pass' | 'drop' | 'bad' {
  if (frame.type !== 'sync-step2' && frame.type !== 'sync-update') return 'pass';
  const loaded = relay.loaded(frame.doc);
  if (loaded === undefined) return 'drop';
  try {
    if (frame.type === 'sync-step2' && Y.snapshotContainsUpdate(Y.snapshot(loaded), frame.update)) return 'pass';
  } catch {
    return 'bad';
  }
  return doc.kind === 'manifest' && relay.admitClaim(frame.doc, frame.update) ? 'pass' : 'drop';
}

/** Who a connection signed in as, as presence must show it (the relay's word, not the client's). */
export interface SignedInUser {
  name: string;
  party: string | null;
  colour: string;
}

/**
 * The awareness state as the client sent it, with its `user` name, party and colour replaced by
 * who the connection signed in as (a client cannot appear as someone else), and without its
 * selection when the connection may not point into the text. Other fields (the session id, the
 * cursor of a writer) pass as sent; a state that is not an object passes unchanged (null removes).
 */
function stamped(state: unknown, user: SignedInUser, keepCursor: boolean): unknown {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state;
  const { cursor, user: claimed, ...rest } = state as Record<string, unknown>;
  const session = claimed !== null && typeof claimed === 'object' && 'session' in claimed ? (claimed as { session: unknown }).session : undefined;
  return {
    ...rest,
    user: { name: user.name, party: user.party, colour: user.colour, ...(typeof session === 'string' ? { session: session.slice(0, 64) } : {}) },
    ...(keepCursor && cursor !== undefined ? { cursor } : {}),
  };
}

/**
 * The awareness frame `data` (document name, type, y-protocols awareness update) re-encoded with
 * every state stamped with the signed-in user ({@link stamped}), and its `cursor` removed unless
 * `keepCursor` (observers never carry one). The frame filter has read it whole before
 * (frame-decode.ts), so it decodes; INVALID_ARGUMENT if it does not.
 */
export function awarenessAsSignedIn(data: Uint8Array, user: SignedInUser, keepCursor: boolean): Uint8Array {
  try {
    const d = decoding.createDecoder(data);
    const doc = decoding.readVarString(d);
    if (decoding.readVarUint(d) !== AWARENESS) throw new Error('not an awareness frame');
    const update = modifyAwarenessUpdate(decoding.readVarUint8Array(d), (state) => stamped(state, user, keepCursor));
    const e = encoding.createEncoder();
    encoding.writeVarString(e, doc);
    encoding.writeVarUint(e, AWARENESS);
    encoding.writeVarUint8Array(e, update);
    return encoding.toUint8Array(e);
  } catch (err) {
    throw new ChanceryError('INVALID_ARGUMENT', `an unreadable awareness frame (${err instanceof Error ? err.message : String(err)})`);
  }
}

function notAClaim(why: string): never {
  throw new ChanceryError('INVALID_UPDATE', `a read-only member may only add its own join claim to the roster; this edit ${why}`);
}

/**
 * The extra gate check for a manifest update from a read-only connection signed in as `key`: the
 * transaction on the scratch copy deleted nothing (so no entry was replaced) and changed nothing
 * but new keys of the roster map, each holding a well-formed `claim` entry under its own record
 * id, signed by `key` with a signature that verifies. Whether the claim counts (a valid
 * invitation, not used, not expired) is the roster's to judge, as for any entry.
 */
export function claimOnly(key: string, signatures: SignatureCache): ScratchCheck {
  return (scratch: Y.Doc, tr: Y.Transaction) => {
    if (tr.deleteSet.clients.size > 0) notAClaim('deletes or replaces something');
    const roster = scratch.getMap<unknown>(ROSTER_ROOT);
    const added: string[] = [];
    for (const [type, keys] of tr.changed) {
      // A root type nobody had asked for when the update was applied is a placeholder, which
      // asking for it (the manifest check does) replaces by a Y.Map holding the same entries.
      if (type !== (roster as unknown) && type._map !== roster._map) notAClaim('changes more than the roster');
      for (const id of keys) {
        if (id === null) notAClaim('adds something that is not a roster entry');
        added.push(id);
      }
    }
    for (const id of added) {
      let entry;
      try {
        entry = parseRosterEntry(roster.get(id));
      } catch {
        return notAClaim('adds something that is not a roster entry');
      }
      if (entry.action !== 'claim') notAClaim(`adds a ${entry.action} entry`);
      if (entry.signer !== key) notAClaim('adds a claim signed by another key than its own');
      if (recordId(entry) !== id) notAClaim('stores a claim under another id than its own');
      if (!signatures.check(id, entry)) notAClaim('adds a claim whose signature does not verify');
    }
  };
}
