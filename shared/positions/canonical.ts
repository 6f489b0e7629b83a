import { encodeUtf8 } from 'lib0/string';
import { digest } from 'lib0/hash/sha256';
import type { Invitation, PositionRecord, RosterEntry } from './model';
import { canonicalJson, toBase64Url } from './signing';

/**
 * The id a record is stored under: base64url(SHA-256(RFC 8785 canonical JSON of the whole signed
 * record)). Content-addressed, so two peers adding the same record write the same key (no
 * duplicate), and a key cannot hold any record but its own (the gate checks it). An invitation's id
 * is its hash too: the roster tells its claims apart by it.
 */
export function recordId(record: PositionRecord | RosterEntry | Invitation): string {
  return toBase64Url(digest(encodeUtf8(canonicalJson(record))));
}
