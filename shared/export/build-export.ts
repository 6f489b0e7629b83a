import { ChanceryError } from '../errors';
import { combineSummaries } from '../positions/agreement';
import type { ClauseView } from '../positions/model';
import { numberClauses } from '../schema/numbering';
import { addClauseCounts, clauseFootnotes, clauseOptions, clausePositions, emptyMarkupCounts, sumMarkupCounts } from './clause-markup';
import type { ExportBlock, ExportClause, ExportDocument, ExportPackage } from './export-model';
import type { ExportSource } from './export-source';

/**
 * Builds the one {@link ExportPackage} every renderer prints, from a live session or a named
 * round alike. It reads only `source.documents` (the manifest's list), so nothing else a
 * workspace holds — private delegation notes above all — can reach an export. A document that
 * cannot be read stops the export with its typed error: a package silently missing an annex would
 * misstate the package's agreement figure.
 *
 * `docId` limits the package to one document (matched exactly; the CLI resolves titles first);
 * `exportedAt` fixes the cover date (tests, and an export that must match a round's cut time).
 */
export function buildExportPackage(source: ExportSource, opts: { docId?: string; exportedAt?: string } = {}): ExportPackage {
  const listed = opts.docId === undefined ? source.documents : source.documents.filter((d) => d.id === opts.docId);
  if (opts.docId !== undefined && listed.length === 0) {
    const known = source.documents.map((d) => `${d.id} ("${d.title}")`).join(', ') || 'none';
    throw new ChanceryError(
      'DOCUMENT_NOT_FOUND',
      `There is no document "${opts.docId}" in "${source.title}". Use one of: ${known}.`,
    );
  }
  const documents = listed.map((d) => buildDocument(source, d.id, d.title));
  return {
    workspaceId: source.workspaceId,
    title: source.title,
    round: source.round,
    exportedAt: opts.exportedAt ?? new Date().toISOString(),
    parties: source.parties.map(({ code, name }) => ({ code, name })),
    documents,
    agreement: combineSummaries(documents.map((d) => ({ agreement: d.agreement, parties: {} }))).agreement,
    counts: sumMarkupCounts(documents.map((d) => d.counts)),
    partial: opts.docId !== undefined,
  };
}

function buildDocument(source: ExportSource, id: string, title: string): ExportDocument {
  const node = source.documentNode(id); // DOCUMENT_DAMAGED propagates, naming the document
  const positions = source.docPositions(id);
  const views = new Map<string, ClauseView>(positions.clauses.map((c) => [c.clauseId, c]));
  const labels = numberClauses(node);
  const counts = emptyMarkupCounts();
  const content: (ExportClause | ExportBlock)[] = [];
  let clauseIndex = 0;
  node.forEach((child) => {
    if (child.type.name !== 'clause') {
      content.push({ kind: 'block', node: child });
      return;
    }
    const number = labels[clauseIndex++]!;
    const view = views.get(number.id);
    const exportPositions = clausePositions(view, source.parties, (key) => source.memberName(key));
    const state = view?.state ?? 'open';
    const bracketed = state === 'disputed' || state === 'reserved';
    const options = clauseOptions(exportPositions);
    const unattributed = view?.unattributedInvalid ?? 0;
    const clause: ExportClause = {
      kind: 'clause',
      id: number.id,
      label: number.label,
      state,
      bracketed,
      positions: exportPositions,
      options,
      footnotes: clauseFootnotes(exportPositions, unattributed),
      node: child,
    };
    addClauseCounts(counts, clause, unattributed);
    content.push(clause);
  });
  return { id, title, content, agreement: positions.summary.agreement, counts };
}
