import { fingerprint } from '../../../../shared/positions/fingerprint';

/** Fingerprints are slow on purpose (many hash rounds); a roster shows each key on every render. */
const cache = new Map<string, string>();

/**
 * The six-group fingerprint of a roster key, for comparing by phone; a key that is not an Ed25519
 * key (a damaged or forged entry, which the roster marks invalid anyway) reads as such instead of
 * breaking the dialog.
 */
export function keyFingerprint(key: string): string {
  let shown = cache.get(key);
  if (shown === undefined) {
    try {
      shown = fingerprint(key);
    } catch {
      shown = 'not a valid key';
    }
    cache.set(key, shown);
  }
  return shown;
}
