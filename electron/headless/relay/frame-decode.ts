import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';

/**
 * Reads one client frame of the Hocuspocus protocol completely, before Hocuspocus sees it: the
 * document name, the message type and its payload. Hocuspocus itself reads frames lazily and
 * answers a malformed one with a stack trace on the console and a half-closed document; the relay
 * instead refuses any frame it cannot read whole, any type a client has no business sending (the
 * server-to-server and server-to-client ones), and closes the socket (4400).
 */

/** Hocuspocus' message types (its `MessageType` enum), by the numbers on the wire. */
const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const QUERY_AWARENESS = 3;
const STATELESS = 5;
const CLOSE = 7;
/** y-protocols' sync sub-types. */
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
/** Hocuspocus' AuthMessageType.Token: the only auth message a client sends. */
const AUTH_TOKEN = 0;

/** A frame as the relay understands it. `bytes` is the frame exactly as received. */
export type Frame = { doc: string; bytes: number } & (
  | { type: 'sync-step1' }
  | { type: 'sync-step2' | 'sync-update'; update: Uint8Array }
  | { type: 'awareness' }
  | { type: 'auth'; token: string }
  | { type: 'query-awareness' | 'stateless' | 'close' }
);

function malformed(why: string): never {
  throw new ChanceryError('INVALID_ARGUMENT', why);
}

/** Reads the awareness update whole (y-protocols' encoding) and checks every state is JSON. */
function checkAwareness(update: Uint8Array): void {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(d); // client id
    decoding.readVarUint(d); // clock
    JSON.parse(decoding.readVarString(d));
  }
}

/** Decodes a client frame; throws INVALID_ARGUMENT saying what is wrong with it. */
export function decodeFrame(data: Uint8Array): Frame {
  try {
    const d = decoding.createDecoder(data);
    const doc = decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    const bytes = data.byteLength;
    switch (type) {
      case SYNC: {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (sub === STEP1) {
          Y.decodeStateVector(payload);
          return { doc, bytes, type: 'sync-step1' };
        }
        if (sub === STEP2) return { doc, bytes, type: 'sync-step2', update: payload };
        if (sub === UPDATE) return { doc, bytes, type: 'sync-update', update: payload };
        return malformed(`sync message of unknown kind ${sub}`);
      }
      case AWARENESS:
        checkAwareness(decoding.readVarUint8Array(d));
        return { doc, bytes, type: 'awareness' };
      case AUTH: {
        const sub = decoding.readVarUint(d);
        if (sub !== AUTH_TOKEN) return malformed(`authentication message of kind ${sub}, which only a server sends`);
        return { doc, bytes, type: 'auth', token: decoding.readVarString(d) };
      }
      case QUERY_AWARENESS:
        return { doc, bytes, type: 'query-awareness' };
      case STATELESS:
        decoding.readVarString(d);
        return { doc, bytes, type: 'stateless' };
      case CLOSE:
        return { doc, bytes, type: 'close' };
      default:
        return malformed(`message type ${type} is not one a client sends`);
    }
  } catch (err) {
    if (err instanceof ChanceryError) throw err;
    return malformed(`undecodable frame (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** The outgoing answer to a document's authentication, if `data` is one (read by the socket wrapper). */
export function readAuthAnswer(data: Uint8Array): { doc: string; denied: string | null } | null {
  try {
    const d = decoding.createDecoder(data);
    const doc = decoding.readVarString(d);
    if (decoding.readVarUint(d) !== AUTH) return null;
    const sub = decoding.readVarUint(d);
    if (sub === 1) return { doc, denied: decoding.readVarString(d) }; // PermissionDenied
    return { doc, denied: null };
  } catch {
    return null;
  }
}

/**
 * The Yjs update a frame carries if it is a sync step 2 or a sync update (what would change the
 * document), else null. For the extensions, which see frames the filter has already read whole.
 */
export function syncWriteOf(data: Uint8Array): { update: Uint8Array; step2: boolean } | null {
  const d = decoding.createDecoder(data);
  decoding.readVarString(d);
  if (decoding.readVarUint(d) !== SYNC) return null;
  const sub = decoding.readVarUint(d);
  return sub === STEP2 || sub === UPDATE ? { update: decoding.readVarUint8Array(d), step2: sub === STEP2 } : null;
}
