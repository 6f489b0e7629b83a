/**
 * Uint8Array values crossing the page boundary. Electron's IPC uses structured clone, so a
 * Uint8Array arrives as a Uint8Array; Playwright bindings and evaluate carry JSON-like values, so
 * both ends encode byte arrays as `{ __u8: base64 }`. The page-side twin lives in page-bridge.ts.
 */

export interface EncodedBytes {
  __u8: string;
}

function isEncodedBytes(value: unknown): value is EncodedBytes {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as { __u8?: unknown }).__u8 === 'string'
  );
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Main → page: Uint8Array (and Buffer, which Electron also delivers as Uint8Array) → `{ __u8 }`. */
export function encodeForPage(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    return { __u8: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  if (Array.isArray(value)) return value.map(encodeForPage);
  if (typeof value === 'object' && value !== null && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodeForPage(v);
    return out;
  }
  return value;
}

/** Page → main: `{ __u8 }` → a plain Uint8Array (not a Buffer), as structured clone would give. */
export function decodeFromPage(value: unknown): unknown {
  if (isEncodedBytes(value)) {
    const buf = Buffer.from(value.__u8, 'base64');
    const out = new Uint8Array(buf.byteLength);
    out.set(buf);
    return out;
  }
  if (Array.isArray(value)) return value.map(decodeFromPage);
  if (typeof value === 'object' && value !== null && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodeFromPage(v);
    return out;
  }
  return value;
}
