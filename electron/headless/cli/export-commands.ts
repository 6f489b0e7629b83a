import { ChanceryError } from '../../../shared/errors';
import { Option, type Command } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/export/export-model';
import type { RoundInfo } from '../../../shared/rounds/round-model';
import { runExport, type ExportRequest, type ExportResult } from '../export/export-service';
import { cliPdfPrinter } from '../export/pdf-printer';
import { existingIdentity, userDataDir } from '../identity/user-data';
import { cutRound, listRounds } from '../rounds/rounds';
import { WorkspaceSession } from '../workspace/workspace-session';
import type { UserDataOption } from './live-commands';

/**
 * `chancery export`, `chancery version` and `chancery versions`: exports (marked-up, clean,
 * agreed only, or a redline from a named round) in DOCX, PDF, HTML or Markdown, and named rounds.
 * Export opens the workspace read-only and writes its output atomically: a failure leaves no
 * file. On the command line anyone holding the file may cut a round (the file is theirs to
 * change); the round records their identity's name if one loads, else "command line".
 */

/** Who the command line is: the identity's display name if one loads, else `fallback`. */
function whoAmI(userData: UserDataOption, fallback: string): string {
  try {
    return existingIdentity(userDataDir(userData()))?.name ?? fallback;
  } catch {
    return fallback; // an identity this process cannot read (keychain-protected) still lets you cut or export
  }
}

/** `"Berlin round" (3f2a…): 5 documents, 38 clauses, 42.1% agreed; cut 2025-… by Ana Ruiz`. */
export function formatRoundLine(info: RoundInfo): string {
  if (info.damaged) return `"${info.name}" (${info.id}): DAMAGED (cannot be read), cut ${info.cutAt}`;
  return `"${info.name}" (${info.id}): ${info.documents} document(s), ${info.clauses} clause(s), ${info.percent}% agreed; cut ${info.cutAt} by ${info.cutBy}`;
}

function describeExport(request: ExportRequest, result: ExportResult): string {
  const scope = request.doc !== undefined ? `document "${request.doc}"` : `the whole workspace (${result.documents} document(s))`;
  const from = request.version !== undefined ? `round "${request.version}"` : 'the current text';
  if (request.compareTo !== undefined) return `a redline of ${scope} from round "${request.compareTo}" to ${from}`;
  const kind = request.agreedOnly ? 'the agreed clauses (clean text)' : request.clean ? 'the clean text' : 'the marked-up text';
  return `${kind} of ${scope}, ${from},`;
}

const kib = (bytes: number) => Math.max(1, Math.round(bytes / 1024));

export function addExportCommands(cmd: Command, out: (s: string) => void, userData: UserDataOption): void {
  cmd
    .command('export')
    .description('export the workspace or one document: marked-up (brackets, options, footnotes), clean, agreed only, or a redline from a round')
    .argument('<file>', 'a .chancery workspace file (only read)')
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('--doc <id-or-title>', 'only this document')
    .option('--clean', 'the text without markup')
    .option('--agreed-only', 'only the clauses every party accepts (implies --clean)')
    .option('--version <name>', 'a named round instead of the current text')
    .option('--compare-to <name>', 'a redline from this round to --version (or to the current text)')
    .requiredOption('--out <path>', 'the file to write (replaced only once the export is complete)')
    .action(async (file: string, opts: { format: ExportFormat; doc?: string; clean?: boolean; agreedOnly?: boolean; version?: string; compareTo?: string; out: string }) => {
      const request: ExportRequest = {
        format: opts.format,
        out: opts.out,
        ...(opts.doc !== undefined ? { doc: opts.doc } : {}),
        ...(opts.clean ? { clean: true } : {}),
        ...(opts.agreedOnly ? { agreedOnly: true } : {}),
        ...(opts.version !== undefined ? { version: opts.version } : {}),
        ...(opts.compareTo !== undefined ? { compareTo: opts.compareTo } : {}),
      };
      const session = WorkspaceSession.openReadOnly(file);
      try {
        const result = await runExport(session, request, { printPdf: cliPdfPrinter(), author: whoAmI(userData, 'Chancery') });
        out(`Exported ${describeExport(request, result)} to ${result.path} (${kib(result.bytes)} KiB)\n`);
      } finally {
        session.close();
      }
    });

  cmd
    .command('version')
    .description('cut a named round of the whole workspace (text, positions and roster as they stand); anyone holding the file may do this here')
    .argument('<file>', 'a .chancery workspace file (a round is added to it)')
    .requiredOption('--name <name>', 'the round\'s name, e.g. "Berlin round" (unique in the workspace)')
    .action((file: string, opts: { name: string }) => {
      const cutBy = whoAmI(userData, 'command line');
      const session = WorkspaceSession.open(file);
      try {
        out(`Cut round ${formatRoundLine(cutRound(session, opts.name, cutBy))}\n`);
      } finally {
        session.close();
      }
    });

  cmd
    .command('versions')
    .description('list the named rounds of a workspace, oldest first')
    .argument('<file>', 'a .chancery workspace file (only read)')
    .option('--json', 'print the rounds as one JSON array')
    .action((file: string, opts: { json?: boolean }) => {
      const session = WorkspaceSession.openReadOnly(file);
      try {
        const rounds = listRounds(session);
        if (opts.json) out(`${JSON.stringify(rounds)}\n`);
        else if (rounds.length === 0) out(`${file} has no named rounds yet; cut one with "chancery version ${file} --name NAME".\n`);
        else out(`${rounds.map(formatRoundLine).join('\n')}\n`);
        const damaged = rounds.find((r) => r.damaged);
        if (damaged?.damaged) throw new ChanceryError('ROUND_DAMAGED', damaged.damaged);
      } finally {
        session.close();
      }
    });
}
