import { ChanceryError } from '../../../shared/errors';
import { ID_RULE, isValidId } from '../../../shared/workspace/ids';

/**
 * Argument checks for the store's public methods. The store is reached from IPC handlers and the
 * CLI, so a bad id is reported as INVALID_ARGUMENT with the offending value, before SQLite sees it,
 * rather than stored and discovered later.
 */

const MAX_SETTING_KEY = 200;

/** Shows a bad value safely: quoted, and short even if a caller passed something huge. */
function show(value: unknown): string {
  if (typeof value !== 'string') return `a ${value === null ? 'null' : typeof value}`;
  const quoted = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return quoted;
}

export function assertDocId(docId: unknown, path: string): asserts docId is string {
  if (isValidId(docId)) return;
  throw new ChanceryError(
    'INVALID_ARGUMENT',
    `Document id ${show(docId)} is not valid for "${path}": use ${ID_RULE}.`,
  );
}

export function assertWorkspaceId(id: unknown, path: string): asserts id is string {
  if (isValidId(id)) return;
  throw new ChanceryError(
    'INVALID_ARGUMENT',
    `Workspace id ${show(id)} is not valid for "${path}": use ${ID_RULE}.`,
  );
}

/** A Yjs update is never empty (even an empty doc encodes to two bytes). */
export function assertUpdateBytes(
  update: unknown,
  what: string,
  docId: string,
  path: string,
): asserts update is Uint8Array {
  if (update instanceof Uint8Array && update.byteLength > 0) return;
  const got = update instanceof Uint8Array ? 'an empty byte array' : show(update);
  throw new ChanceryError(
    'INVALID_ARGUMENT',
    `Cannot store ${what} for document "${docId}" in "${path}": expected the non-empty bytes of a Yjs ` +
      `update, got ${got}.`,
  );
}

export function assertSettingKey(key: unknown, path: string): asserts key is string {
  if (typeof key === 'string' && key.length > 0 && key.length <= MAX_SETTING_KEY) return;
  throw new ChanceryError(
    'INVALID_ARGUMENT',
    `Setting name ${show(key)} is not valid for "${path}": use a non-empty text of at most ` +
      `${MAX_SETTING_KEY} characters.`,
  );
}

export function assertSettingValue(key: string, value: unknown, path: string): asserts value is string {
  if (typeof value === 'string') return;
  throw new ChanceryError(
    'INVALID_ARGUMENT',
    `Setting "${key}" in "${path}" must be text, got ${show(value)}; encode other values (e.g. as JSON) first.`,
  );
}

/** Views the caller's bytes as a Buffer (what better-sqlite3 binds as a BLOB) without copying. */
export function asBlob(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Turns a BLOB read back into a plain Uint8Array that owns its whole ArrayBuffer. Structured clone
 * (Electron IPC) sends a view's entire underlying buffer, so a view into shared memory could carry
 * neighbouring bytes (another doc, a private note) to a renderer. better-sqlite3 allocates each
 * BLOB separately today, so this is normally a zero-copy view; the copy guards a future change.
 */
export function fromBlob(blob: Buffer): Uint8Array {
  if (blob.byteOffset === 0 && blob.byteLength === blob.buffer.byteLength) {
    return new Uint8Array(blob.buffer, 0, blob.byteLength);
  }
  return new Uint8Array(blob);
}
