import type { ComparedVersion, WorkspaceComparison } from '../../../shared/compare/compare-model';
import { compareWorkspaces } from '../../../shared/compare/compare-workspaces';
import { buildExportPackage } from '../../../shared/export/build-export';
import type { ExportPackage } from '../../../shared/export/export-model';
import type { RoundSource } from '../rounds/rounds';

/**
 * A round compared with a later round or with the current text, one way for the redline exports
 * (CLI and app) and the app's compare view, so the two never align, name or date the versions
 * differently.
 */

/** The name the current text goes by in a comparison. */
export const CURRENT_TEXT = 'Current text';

/** One side as the comparison names it: the round, or the current text as of `at`. */
export function versionOf(round: RoundSource | null, at: string): ComparedVersion {
  return round ? { name: round.info.name, roundId: round.info.id, at: round.info.cutAt } : { name: CURRENT_TEXT, roundId: null, at };
}

/**
 * The package of the older side for one document: that document, or none at all when it did not
 * exist yet (then the redline shows the whole document as added).
 */
function olderPackage(older: RoundSource, docId: string | undefined, exportedAt: string): ExportPackage {
  if (docId === undefined) return buildExportPackage(older, { exportedAt });
  if (older.documents.some((d) => d.id === docId)) return buildExportPackage(older, { docId, exportedAt });
  return { ...buildExportPackage(older, { exportedAt }), documents: [], partial: true };
}

/**
 * `older` against the newer side's package (`newerRound` null: the current text), for the whole
 * workspace or the one document `docId` the newer package was built for.
 */
export function compareWithRound(
  older: RoundSource,
  newer: { round: RoundSource | null; pkg: ExportPackage },
  docId: string | undefined,
  exportedAt: string,
): WorkspaceComparison {
  return compareWorkspaces(olderPackage(older, docId, exportedAt), newer.pkg, {
    older: versionOf(older, exportedAt),
    newer: versionOf(newer.round, exportedAt),
  });
}
