import { ChanceryError } from '../../../shared/errors';
import { EXPORT_EXTENSIONS, type ExportFormat } from '../../../shared/export/export-model';
import type { Canceled, ExportChoice, ExportOutcome } from '../../../shared/ipc/contract';
import { runExport, type ExportRequest } from '../../headless/export/export-service';
import type { PdfPrinter } from '../../headless/export/pdf-printer';
import { safeFileName, withExtension } from '../../headless/files/small-text-file';
import { listRounds } from '../../headless/rounds/rounds';
import type { WorkspaceSession } from '../../headless/workspace/workspace-session';
import type { IdentitySource } from '../identity/identity-source';
import { rosterState } from '../positions/roster-state';
import type { SendEvent } from '../positions/workspace-positions';

/** Where the user wants an export saved; the app's save dialog, a stub in tests. */
export type AskExportPath = (windowId: number, suggestedName: string, format: ExportFormat) => Promise<string | Canceled>;

/** What {@link WorkspaceExports} needs from the rest of main. */
export interface WorkspaceExportsDeps {
  identity: IdentitySource;
  send: SendEvent;
  /** Prints the HTML export to PDF (a hidden window of the app; see app-pdf-printer.ts). */
  printPdf: PdfPrinter;
  now?: () => Date;
}

/** The export service's request for a dialog choice, written to `out`. */
export function exportRequest(choice: ExportChoice, out: string): ExportRequest {
  return {
    format: choice.format,
    out,
    ...(choice.docId !== null ? { doc: choice.docId } : {}),
    ...(choice.clean ? { clean: true } : {}),
    ...(choice.agreedOnly ? { agreedOnly: true } : {}),
    ...(choice.roundId !== null ? { version: choice.roundId } : {}),
    ...(choice.compareToRoundId !== null ? { compareTo: choice.compareToRoundId } : {}),
  };
}

/**
 * A file name to offer in the save dialog: what is exported, from which round, in which form, so
 * the files a delegation sends its capital can be told apart in a folder ("Framework talks — Main
 * text — Berlin round (clean).docx").
 */
export function suggestedExportName(session: WorkspaceSession, choice: ExportChoice): string {
  const parts = [session.manifest().title];
  if (choice.docId !== null) {
    const doc = session.manifest().documents.find((d) => d.id === choice.docId);
    if (doc) parts.push(doc.title);
  }
  const rounds = choice.roundId !== null || choice.compareToRoundId !== null ? listRounds(session) : [];
  const roundName = (id: string | null) => (id === null ? undefined : rounds.find((r) => r.id === id || r.name === id)?.name);
  const version = roundName(choice.roundId);
  if (version) parts.push(version);
  const since = roundName(choice.compareToRoundId);
  if (since) parts.push(`changes since ${since}`);
  else if (choice.clean) parts.push(choice.agreedOnly ? 'agreed clauses' : 'clean');
  return safeFileName(parts.join(' — '), EXPORT_EXTENSIONS[choice.format], 'Export');
}

/**
 * Main's side of exports for each window: asks where to save, runs the export service (the same
 * one `chancery export` runs, so the app and the command line write identical files) and reports
 * its progress to the window that asked and to no other. One export at a time per window: a
 * second click while one runs is refused before any dialog opens, instead of racing the first
 * for the same progress bar.
 */
export class WorkspaceExports {
  private readonly running = new Set<number>();

  constructor(private readonly deps: WorkspaceExportsDeps) {}

  /** True while `windowId` has an export (or its save dialog) in progress. */
  busy(windowId: number): boolean {
    return this.running.has(windowId);
  }

  async run(windowId: number, session: WorkspaceSession, choice: ExportChoice, askPath: AskExportPath): Promise<ExportOutcome | Canceled> {
    if (this.running.has(windowId)) {
      throw new ChanceryError(
        'EXPORT_BUSY',
        'An export is already running in this window. Wait until it has finished (the dialog shows how far it is), then export again.',
      );
    }
    if (choice.compareToRoundId !== null && (choice.clean || choice.agreedOnly)) {
      throw new ChanceryError(
        'INVALID_ARGUMENT',
        `A comparison with round ${choice.compareToRoundId} is a redline of the whole text; it cannot also be clean or agreed clauses only. Untick those options, or do not compare.`,
      );
    }
    this.running.add(windowId);
    try {
      const chosen = await askPath(windowId, suggestedExportName(session, choice), choice.format);
      if (typeof chosen !== 'string') return chosen;
      const out = withExtension(chosen, EXPORT_EXTENSIONS[choice.format]);
      const result = await runExport(session, exportRequest(choice, out), {
        printPdf: this.deps.printPdf,
        author: this.author(session),
        ...(this.deps.now ? { now: this.deps.now } : {}),
        onProgress: (progress) => this.deps.send(windowId, 'exports.progress', progress),
      });
      return { path: result.path, bytes: result.bytes, format: result.format };
    } finally {
      this.running.delete(windowId);
    }
  }

  /**
   * The redline's revision author: the roster's name for this user (their party seat's, as the
   * roster dialog shows them), else the identity's. An
   * export needs no signature, so an identity that cannot load does not stop it.
   */
  private author(session: WorkspaceSession): string {
    const key = this.deps.identity.publicKeyIfAvailable();
    if (key === null) return 'Chancery';
    return rosterState(session.positions.roster(), key).me?.name ?? this.deps.identity.get().name;
  }
}
