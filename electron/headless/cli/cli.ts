import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Command, CommanderError } from 'commander';
import { ChanceryError } from '../../../shared/errors';
import { WorkspaceSession } from '../workspace/workspace-session';
import { sampleSeed } from '../workspace/sample';
import type { WorkspaceSeed } from '../workspace/workspace-seed';
import { loadIdentity, userDataDir } from '../identity/user-data';
import { formatSummary, summarizeWorkspace } from '../workspace/workspace-summary';
import { formatPositions, positionsMatrix } from './positions-report';
import { formatVerify, verifyWorkspace } from './verify-report';
import { addRelayCommand } from './relay-command';
import { addLiveCommands } from './live-commands';
import { addMergeCommand } from './merge-command';
import { addExportCommands } from './export-commands';

/**
 * `chancery` — the command line for what users automate. Never modifies a file it was only asked
 * to read; every failure is one line on stderr saying what happened and what to do, exit code 1
 * (2 for a usage error). `--debug` adds the details a developer needs (stack, causes) after it.
 */

/** Thrown by an action that printed its result but must still exit non-zero (a damaged document). */
class PartialResult extends Error {}

/** Runs `fn` on the file opened read-only (never written, not even its WAL), then closes it. */
function readOnly<T>(file: string, fn: (session: WorkspaceSession) => T): T {
  const session = WorkspaceSession.openReadOnly(file);
  try {
    return fn(session);
  } finally {
    session.close();
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/gu, ' ').trim();
}

function program(out: (s: string) => void): Command {
  const cmd = new Command('chancery')
    .description('Chancery: a drafting room for negotiators. Work with *.chancery workspace files.')
    .option('--debug', 'after an error, also print its technical details (for support)')
    .option('--user-data <dir>', "the folder holding your member identity (default: CHANCERY_USER_DATA, else the app's own folder)")
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run "chancery --help" for usage)');
  /** The global --user-data option, read when a command runs (after parsing). */
  const userData = () => cmd.opts<{ userData?: string }>().userData;

  cmd
    .command('new')
    .description('create a workspace file (refuses to overwrite an existing file)')
    .argument('<file>', 'path of the new .chancery file')
    .option('--sample', 'fill it with the built-in sample negotiation')
    .option('--convene', 'convene it with your member identity (--user-data): you define its parties and invite delegations; with --sample you also head its first party')
    .action((file: string, opts: { sample?: boolean; convene?: boolean }) => {
      if (existsSync(file)) {
        throw new ChanceryError('WORKSPACE_EXISTS', `${file} already exists; choose another name (chancery never overwrites a file).`);
      }
      const me = opts.convene ? loadIdentity(userDataDir(userData())) : null;
      const convener = me ? { signer: me.signer, name: me.name } : undefined;
      const seed: WorkspaceSeed = opts.sample
        ? sampleSeed(convener ? { convener, firstPartyHead: true } : {})
        : { title: basename(file, extname(file)), parties: [], documents: [], ...(convener ? { convener } : {}) };
      const session = WorkspaceSession.create(file, seed);
      let summary;
      try {
        summary = summarizeWorkspace(session);
      } finally {
        session.close();
      }
      out(`Created ${file}: "${summary.title}", ${summary.documents.length} documents, ${summary.parties.length} parties.\n`);
      if (me) {
        out(`Convened by you (${me.name}, key fingerprint ${me.view().fingerprint}).\n`);
      } else if (seed.convener) {
        out(
          `Convened by ${seed.convener.name}, a fictional facilitator whose generated key was discarded: its positions and roster verify, ` +
            'but nobody can change its roster. Use --convene to convene it yourself; the sample Chancery creates on first start is convened by you.\n',
        );
      }
    });

  cmd
    .command('info')
    .description('print the workspace title, parties, agreement figures, and per document its id, title, clauses, words and agreement')
    .argument('<file>', 'a .chancery workspace file')
    .option('--json', 'print one JSON object instead of text')
    .action((file: string, opts: { json?: boolean }) => {
      readOnly(file, (session) => {
        const summary = summarizeWorkspace(session);
        out(opts.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
        const [first, ...more] = summary.damaged ?? [];
        if (first) throw new PartialResult(`${first.problem}${more.length ? ` (${more.length} more document(s) damaged: ${more.map((d) => d.id).join(', ')})` : ''}`);
      });
    });

  cmd
    .command('positions')
    .description("print the clause × party matrix: each clause's number, id and state, and every party's position")
    .argument('<file>', 'a .chancery workspace file')
    .option('--doc <id-or-title>', 'only this document')
    .option('--json', 'print one JSON object instead of a table')
    .action((file: string, opts: { doc?: string; json?: boolean }) => {
      readOnly(file, (session) => {
        const matrix = positionsMatrix(session, opts.doc);
        out(opts.json ? `${JSON.stringify(matrix)}\n` : `${formatPositions(matrix)}\n`);
      });
    });

  cmd
    .command('verify')
    .description('check the signature and chain of trust of every roster entry and position; exit 1 if any does not verify')
    .argument('<file>', 'a .chancery workspace file')
    .option('--json', 'print one JSON object instead of text')
    .action((file: string, opts: { json?: boolean }) => {
      readOnly(file, (session) => {
        const report = verifyWorkspace(session);
        const titles = new Map(session.manifest().documents.map((d) => [d.id, d.title]));
        out(opts.json ? `${JSON.stringify(report)}\n` : `${formatVerify(report, titles)}\n`);
        if (!report.valid) {
          const n = report.problems.length;
          throw new PartialResult(
            n > 0
              ? `${n} record(s) in ${file} do not verify; they are shown as invalid and never counted. Ask whoever sent the file where they came from.`
              : `${report.damaged.length} document(s) of ${file} could not be read, so their positions were not checked.`,
          );
        }
      });
    });
  addRelayCommand(cmd, out);
  addLiveCommands(cmd, out, userData);
  addMergeCommand(cmd, out, userData);
  addExportCommands(cmd, out, userData);
  return cmd;
}

/** Runs the CLI; returns the exit code instead of exiting so tests can call it in-process. */
export async function runCli(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    await program(out).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof ChanceryError || err instanceof PartialResult) {
      process.stderr.write(`chancery: ${oneLine(err.message)}\n`);
    } else {
      const what = err instanceof Error ? err.message : String(err);
      process.stderr.write(
        `chancery: unexpected error (${oneLine(what)}); nothing was changed. Run again with --debug for details to send to support.\n`,
      );
    }
    if (debug) process.stderr.write(`${details(err)}\n`);
    return 1;
  }
}

/** The stack and the chain of causes, for --debug. */
function details(err: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; depth++) {
    lines.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
    e = e instanceof Error ? e.cause : undefined;
    if (e !== undefined) lines.push('caused by:');
  }
  return lines.join('\n');
}

// Run when executed as the `chancery` bin (CommonJS build), not when imported by tests.
if (typeof require !== 'undefined' && require.main === module) {
  // Exit once the command is done (long-running ones, relay and sync, resolve only when stopped):
  // a socket or retry timer a network library left behind must not keep a finished command alive.
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  });
}
