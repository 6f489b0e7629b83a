import { createHash } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ChanceryError } from '../../../shared/errors';

/**
 * The bytes of one named round as the `versions` table stores them. Full document states, not Yjs
 * snapshots: the live documents are garbage-collected, so a snapshot could not be replayed later.
 *
 * Layout (lib0 encoding): the tag "chancery-round", the format version, the SHA-256 of the
 * payload, then the payload: the round's id (binding the bytes to their row), who cut it and its
 * figures, the manifest's state (with the roster), and per listed document its id, title and
 * state. Private delegation documents are never part of it: the caller passes the manifest's
 * documents only. A flipped bit anywhere fails the digest, and the round is refused as damaged.
 */

const TAG = 'chancery-round';
/** Format of the bundle; a newer one is refused with a message saying to update Chancery. */
export const ROUND_BUNDLE_VERSION = 1;

/** What a round holds, decoded. */
export interface RoundBundle {
  id: string;
  cutBy: string;
  documents: number;
  clauses: number;
  percent: number;
  manifestState: Uint8Array;
  docs: { id: string; title: string; state: Uint8Array }[];
}

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

/** Encodes a round for storage. */
export function encodeRoundBundle(bundle: RoundBundle): Uint8Array {
  const body = encoding.createEncoder();
  encoding.writeVarString(body, bundle.id);
  encoding.writeVarString(body, bundle.cutBy);
  encoding.writeVarUint(body, bundle.documents);
  encoding.writeVarUint(body, bundle.clauses);
  encoding.writeFloat64(body, bundle.percent);
  encoding.writeVarUint8Array(body, bundle.manifestState);
  encoding.writeVarUint(body, bundle.docs.length);
  for (const doc of bundle.docs) {
    encoding.writeVarString(body, doc.id);
    encoding.writeVarString(body, doc.title);
    encoding.writeVarUint8Array(body, doc.state);
  }
  const payload = encoding.toUint8Array(body);
  const out = encoding.createEncoder();
  encoding.writeVarString(out, TAG);
  encoding.writeVarUint(out, ROUND_BUNDLE_VERSION);
  encoding.writeVarUint8Array(out, sha256(payload));
  encoding.writeVarUint8Array(out, payload);
  return encoding.toUint8Array(out);
}

function damaged(name: string, what: string): ChanceryError {
  return new ChanceryError(
    'ROUND_DAMAGED',
    `Round "${name}" cannot be read: ${what}. The file was altered or the disk damaged it; the current text is not affected. ` +
      `Restore the workspace from a backup or a colleague's copy to get the round back.`,
  );
}

/**
 * Decodes a stored round, checking its tag, version, digest and id. `name` and `id` are the row's,
 * for the message and the binding check. Anything wrong -> ROUND_DAMAGED naming the round.
 */
export function decodeRoundBundle(data: unknown, name: string, id: string): RoundBundle {
  if (!(data instanceof Uint8Array)) throw damaged(name, `it is stored as ${data === null ? 'NULL' : typeof data}, not as round data`);
  let payload: Uint8Array;
  try {
    const dec = decoding.createDecoder(data);
    if (decoding.readVarString(dec) !== TAG) throw damaged(name, 'it does not start as a round does');
    const version = decoding.readVarUint(dec);
    if (version > ROUND_BUNDLE_VERSION) {
      throw new ChanceryError(
        'ROUND_DAMAGED',
        `Round "${name}" was cut by a newer Chancery (round format ${version}; this one reads ${ROUND_BUNDLE_VERSION}). Update Chancery to open it.`,
      );
    }
    const digest = decoding.readVarUint8Array(dec);
    payload = decoding.readVarUint8Array(dec);
    if (decoding.hasContent(dec)) throw damaged(name, 'it has bytes after its end');
    if (!Buffer.from(digest).equals(Buffer.from(sha256(payload)))) throw damaged(name, 'it does not match its checksum');
  } catch (err) {
    if (err instanceof ChanceryError) throw err;
    throw damaged(name, 'it is cut short or garbled');
  }
  try {
    const dec = decoding.createDecoder(payload);
    const bundle: RoundBundle = {
      id: decoding.readVarString(dec),
      cutBy: decoding.readVarString(dec),
      documents: decoding.readVarUint(dec),
      clauses: decoding.readVarUint(dec),
      percent: decoding.readFloat64(dec),
      manifestState: decoding.readVarUint8Array(dec),
      docs: [],
    };
    const n = decoding.readVarUint(dec);
    for (let i = 0; i < n; i++) {
      bundle.docs.push({ id: decoding.readVarString(dec), title: decoding.readVarString(dec), state: decoding.readVarUint8Array(dec) });
    }
    if (bundle.id !== id) throw damaged(name, `its data belongs to round ${bundle.id}, not to ${id}`);
    return bundle;
  } catch (err) {
    if (err instanceof ChanceryError) throw err;
    throw damaged(name, 'its content is cut short or garbled');
  }
}
