import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';

/**
 * Guards compaction against the one mistake that loses text: replacing a document's stored
 * updates with a snapshot that does not contain them (a snapshot of the wrong Y.Doc, of a fresh
 * doc, or one taken before the latest stored update was applied).
 *
 * It compares state vectors: for every client, the snapshot must reach at least the clock the
 * stored updates reach. That proves every stored insertion is in the snapshot. Deletions are not
 * compared (that would mean decoding every struct); a stale snapshot missing only a deletion would
 * bring deleted text back, which is visible and recoverable, not lost.
 */

function stateVector(update: Uint8Array): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
}

/** Throws INVALID_ARGUMENT (nothing written yet) when `snapshot` lacks stored insertions. */
export function assertSnapshotCovers(stored: Uint8Array[], snapshot: Uint8Array, docId: string, path: string): void {
  let snapshotSv: Map<number, number>;
  try {
    snapshotSv = stateVector(snapshot);
  } catch (err) {
    throw new ChanceryError(
      'INVALID_ARGUMENT',
      `Refused to compact document "${docId}" in "${path}": the snapshot is not a readable Yjs update. ` +
        `Nothing was changed; pass Y.encodeStateAsUpdate(doc).`,
      { cause: err },
    );
  }
  if (stored.length === 0) return;
  let storedSv: Map<number, number>;
  try {
    storedSv = stateVector(stored.length === 1 ? stored[0]! : Y.mergeUpdates(stored));
  } catch (err) {
    throw new ChanceryError(
      'WORKSPACE_CORRUPT',
      `Document "${docId}" in "${path}" holds a stored update Yjs cannot read, so it was not compacted ` +
        `(nothing was changed). Restore the workspace from a backup or a colleague's copy.`,
      { cause: err },
    );
  }
  const missing = [...storedSv].filter(([client, clock]) => (snapshotSv.get(client) ?? 0) < clock);
  if (missing.length === 0) return;
  const sample = missing
    .slice(0, 3)
    .map(([client, clock]) => `client ${client}: snapshot has ${snapshotSv.get(client) ?? 0} of ${clock}`)
    .join('; ');
  throw new ChanceryError(
    'INVALID_ARGUMENT',
    `Refused to compact document "${docId}" in "${path}": the snapshot lacks edits that are already ` +
      `saved (${sample}). Nothing was changed; compact from the Y.Doc that has applied every stored ` +
      `update.`,
  );
}
