import type { ExportRound } from '../../../shared/export/export-model';
import type { ExportSource } from '../../../shared/export/export-source';
import { documentNode } from '../../../shared/workspace/document-content';
import type { WorkspaceSession } from '../workspace/workspace-session';

/**
 * An open workspace as an {@link ExportSource}: the manifest's documents (never the private note
 * documents, which the manifest does not list), the active parties and their resolved positions.
 * Read when asked rather than copied up front, so exporting one document of a large package reads
 * only that document. Document content is read from a copy (`documentNode`), so exporting never
 * changes a live document. `round` labels the source when a caller has already materialised a
 * round into a session-like view; for the current text it is null.
 */
export function sessionExportSource(session: WorkspaceSession, round: ExportRound | null = null): ExportSource {
  const manifest = session.manifest();
  const roster = session.positions.roster();
  const names = new Map(roster.members.map((m) => [m.key, m.name]));
  return {
    workspaceId: session.store.meta.workspaceId,
    title: manifest.title,
    round,
    documents: manifest.documents.map(({ id, title }) => ({ id, title })),
    parties: roster.parties.map(({ code, name }) => ({ code, name })),
    documentNode: (docId) => documentNode(session.getDoc(docId)),
    docPositions: (docId) => session.positions.docPositions(docId),
    memberName: (key) => names.get(key),
  };
}
