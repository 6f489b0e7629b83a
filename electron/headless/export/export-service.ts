import { ChanceryError } from '../../../shared/errors';
import { buildExportPackage } from '../../../shared/export/build-export';
import { EXPORT_FORMATS, type ExportFormat, type ExportOptions, type ExportPackage, type ExportProgress } from '../../../shared/export/export-model';
import type { ExportSource } from '../../../shared/export/export-source';
import { renderDocx } from '../../../shared/export/render-docx';
import { renderHtml } from '../../../shared/export/render-html';
import { renderMarkdown } from '../../../shared/export/render-markdown';
import type { WorkspaceComparison } from '../../../shared/compare/compare-model';
import { renderRedlineDocx } from '../../../shared/compare/render-redline-docx';
import { renderRedlineHtml } from '../../../shared/compare/render-redline-html';
import { renderRedlineMarkdown } from '../../../shared/compare/render-redline-markdown';
import { openRound, type RoundSource } from '../rounds/rounds';
import type { WorkspaceSession } from '../workspace/workspace-session';
import { AtomicOutput } from './atomic-output';
import { compareWithRound } from './compare-versions';
import type { PdfPrinter } from './pdf-printer';
import { sessionExportSource } from './session-source';

export type { PdfPrinter } from './pdf-printer';
export { CURRENT_TEXT } from './compare-versions';

/**
 * One export, from the dialog or the command line: which text (current or a named round), which
 * document, which version (marked-up, clean, agreed only, or a redline from an earlier round),
 * which format, where. The location is checked before any work; the file appears complete or
 * not at all (see atomic-output.ts).
 */

/** What the user asked for. */
export interface ExportRequest {
  format: ExportFormat;
  /** A document id or title; absent = the whole workspace. */
  doc?: string;
  clean?: boolean;
  /** Implies `clean`. */
  agreedOnly?: boolean;
  /** A round name or id; absent = the current text. */
  version?: string;
  /** A round name or id: a redline from it to `version` (or to the current text). */
  compareTo?: string;
  out: string;
}

/** What the caller provides. */
export interface ExportDeps {
  printPdf: PdfPrinter;
  /** Author of the redline's revision marks. */
  author: string;
  now?: () => Date;
  onProgress?: (p: ExportProgress) => void;
}

/** What was written. */
export interface ExportResult {
  path: string;
  bytes: number;
  format: ExportFormat;
  documents: number;
}

function checkRequest(request: ExportRequest): ExportOptions {
  if (!(EXPORT_FORMATS as readonly string[]).includes(request.format)) {
    throw new ChanceryError('INVALID_ARGUMENT', `Unknown export format "${String(request.format)}"; use one of ${EXPORT_FORMATS.join(', ')}.`);
  }
  if (request.compareTo !== undefined && (request.clean || request.agreedOnly)) {
    throw new ChanceryError(
      'INVALID_ARGUMENT',
      'A redline (compare to a round) shows every change in full; it cannot also be a clean or agreed-only text. Leave out --clean / --agreed-only, or the comparison.',
    );
  }
  return { clean: Boolean(request.clean || request.agreedOnly), agreedOnly: Boolean(request.agreedOnly) };
}

/** The id of the document `wanted` names in `source`: an id, else the exact title, else the title in any case. */
export function resolveDocument(source: ExportSource, wanted: string): string {
  const docs = source.documents;
  const lower = wanted.toLocaleLowerCase();
  const found = docs.find((d) => d.id === wanted) ?? docs.find((d) => d.title === wanted) ?? docs.find((d) => d.title.toLocaleLowerCase() === lower);
  if (found) return found.id;
  const where = source.round ? `round "${source.round.name}"` : `"${source.title}"`;
  throw new ChanceryError(
    'DOCUMENT_NOT_FOUND',
    `No document "${wanted}" in ${where}; its documents are ${docs.map((d) => `${d.id} (${d.title})`).join(', ') || 'none'}. Give an id or a title.`,
  );
}

/**
 * Exports as asked and writes the file atomically. Errors: INVALID_ARGUMENT (a bad combination),
 * EXPORT_UNWRITABLE / DISK_FULL (the location), DOCUMENT_NOT_FOUND, ROUND_NOT_FOUND,
 * ROUND_DAMAGED, DOCUMENT_DAMAGED, PDF_PRINTER_MISSING / PDF_FAILED; on any, no file is left.
 */
export async function runExport(session: WorkspaceSession, request: ExportRequest, deps: ExportDeps): Promise<ExportResult> {
  const options = checkRequest(request);
  const progress = (stage: ExportProgress['stage'], done: number, total: number) => deps.onProgress?.({ stage, done, total });
  const output = AtomicOutput.begin(request.out, [session.store.path]);
  const opened: RoundSource[] = [];
  try {
    const exportedAt = (deps.now?.() ?? new Date()).toISOString();
    progress('reading', 0, 1);
    const newerRound = request.version !== undefined ? openRound(session, request.version) : null;
    if (newerRound) opened.push(newerRound);
    const olderRound = request.compareTo !== undefined ? openRound(session, request.compareTo) : null;
    if (olderRound) opened.push(olderRound);
    const newer: ExportSource = newerRound ?? sessionExportSource(session);
    const docId = request.doc !== undefined ? resolveDocument(newer, request.doc) : undefined;
    const pkg = buildExportPackage(newer, { exportedAt, ...(docId !== undefined ? { docId } : {}) });
    progress('reading', 1, 1);
    let cmp: WorkspaceComparison | null = null;
    if (olderRound) {
      progress('comparing', 0, 1);
      cmp = compareWithRound(olderRound, { round: newerRound, pkg }, docId, exportedAt);
      progress('comparing', 1, 1);
    }
    progress('rendering', 0, 1);
    const bytes = await render(request.format, pkg, cmp, options, { author: deps.author, date: exportedAt }, deps, progress);
    progress('writing', 0, 1);
    output.commit(bytes);
    progress('done', 1, 1);
    return { path: output.path, bytes: bytes.byteLength, format: request.format, documents: cmp ? cmp.documents.length : pkg.documents.length };
  } catch (err) {
    output.abort();
    throw err;
  } finally {
    for (const source of opened) source.close();
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);

async function render(
  format: ExportFormat,
  pkg: ExportPackage,
  cmp: WorkspaceComparison | null,
  options: ExportOptions,
  marks: { author: string; date: string },
  deps: ExportDeps,
  progress: (stage: ExportProgress['stage'], done: number, total: number) => void,
): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      return cmp ? renderRedlineDocx(cmp, marks) : renderDocx(pkg, options);
    case 'md':
      return utf8(cmp ? renderRedlineMarkdown(cmp) : renderMarkdown(pkg, options));
    case 'html':
      return utf8(cmp ? renderRedlineHtml(cmp) : renderHtml(pkg, options));
    case 'pdf': {
      const html = cmp ? renderRedlineHtml(cmp) : renderHtml(pkg, options);
      progress('printing', 0, 1);
      const pdf = await deps.printPdf(html);
      progress('printing', 1, 1);
      return pdf;
    }
  }
}
