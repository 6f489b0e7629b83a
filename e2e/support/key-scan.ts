/**
 * Looks for an Ed25519 private key in files, whatever its spelling, knowing only the public key:
 * candidate 32-byte runs of the raw bytes and of every base64, base64url or hex token are tried
 * as a private key seed. A seed that gives the public key is the raw private key, readable by
 * anyone who copies the file.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** DER prefix of a PKCS #8 Ed25519 private key: SEQUENCE, version 0, OID 1.3.101.112, OCTET STRING(OCTET STRING(32)). */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

function publicKeyOfSeed(seed: Buffer): string {
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  return createPublicKey(key).export({ format: 'jwk' }).x ?? '';
}

/** Files up to this size are searched at every byte offset; larger ones (workspace files) token by token. */
const EVERY_OFFSET_BELOW = 16 * 1024;

/**
 * Where a seed may start in `bytes`: every offset of a small file; in every base64(url) or hex
 * token, decoded, its first 32 bytes (a seed, or a 64-byte seed‖public key) and its last 32 (the
 * seed at the end of a PKCS #8 key). Deriving a public key costs about a millisecond, so a large
 * file is searched where a key written as text could stand, not at every byte.
 */
function seedsIn(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  if (bytes.length <= EVERY_OFFSET_BELOW) for (let at = 0; at + 32 <= bytes.length; at++) out.push(bytes.subarray(at, at + 32));
  const text = bytes.toString('latin1');
  const decoded: Buffer[] = [];
  for (const [token] of text.matchAll(/[A-Za-z0-9+/_-]{40,}={0,2}/gu)) decoded.push(Buffer.from(token.replaceAll('-', '+').replaceAll('_', '/'), 'base64'));
  for (const [token] of text.matchAll(/[0-9a-fA-F]{64,}/gu)) decoded.push(Buffer.from(token, 'hex'));
  for (const d of decoded) {
    if (d.length < 32) continue;
    out.push(d.subarray(0, 32), d.subarray(d.length - 32));
  }
  return out;
}

/** True when `bytes` holds the private key of `publicKey` (base64url) in the clear, in any spelling above. */
export function holdsPrivateKey(bytes: Buffer, publicKey: string): boolean {
  const seen = new Set<string>();
  for (const seed of seedsIn(bytes)) {
    const hex = seed.toString('hex');
    if (seen.has(hex)) continue;
    seen.add(hex);
    if (publicKeyOfSeed(seed) === publicKey) return true;
  }
  return false;
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** The files under `dir` that hold `publicKey`'s private key in the clear. */
export function filesHoldingPrivateKey(dir: string, publicKey: string, skip: (path: string) => boolean = () => false): string[] {
  return filesUnder(dir).filter((path) => !skip(path) && holdsPrivateKey(readFileSync(path), publicKey));
}
