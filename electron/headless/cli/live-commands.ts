import { closeSync, existsSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import { INVITATION_PREFIX, MAX_INVITATION_TEXT, parseInvitation } from '../../../shared/live/invitation';
import type { InvitationRole } from '../../../shared/positions/model';
import { MANIFEST_DOC_ID } from '../../../shared/workspace/manifest';
import { loadIdentity, userDataDir } from '../identity/user-data';
import { DEFAULT_INVITATION_DAYS, issueInvitation } from '../live/invite';
import { joinWorkspace } from '../live/join';
import { saveLiveSettings, savedRelay } from '../live/live-settings';
import { RelaySync } from '../live/relay-sync';
import { WorkspaceSession } from '../workspace/workspace-session';

/**
 * `chancery invite`, `chancery join` and `chancery sync`: live co-editing from the command line,
 * with the member identity of the user-data folder (`--user-data DIR`, CHANCERY_USER_DATA, or the
 * app's own folder). Each failure is one line, exit 1.
 */

/** The root command's `--user-data` (given before or after the subcommand). */
export type UserDataOption = () => string | undefined;

/** The issue's words for roles ("delegate") to the model's ("member"). */
const ROLES: Record<string, InvitationRole> = { head: 'head', delegate: 'member', member: 'member', observer: 'observer' };
const ROLE_WORDS: Record<InvitationRole, string> = { head: 'head of delegation', member: 'delegate', observer: 'observer' };

function parseRole(value: string): InvitationRole {
  const role = ROLES[value.toLowerCase()];
  if (!role) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a role; use head, delegate or observer.`);
  return role;
}

function parseRelay(value: string): string {
  if (!/^wss?:\/\/[^\s/]+(:\d+)?\/?$/u.test(value)) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a relay address; give one such as ws://192.168.1.20:8080.`);
  return value.replace(/\/$/u, '');
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${JSON.stringify(value)} is not a number of seconds.`);
  return n;
}

/** The invitation as given: its text, or the path of a file holding it. */
export function invitationArgument(value: string): string {
  if (value.replace(/\s+/gu, '').startsWith(INVITATION_PREFIX)) return value;
  if (!existsSync(value)) {
    throw new ChanceryError('INVALID_INVITATION', `${JSON.stringify(value.slice(0, 60))} is neither an invitation (text starting with "${INVITATION_PREFIX}") nor a file that exists.`);
  }
  const fd = openSync(value, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_INVITATION_TEXT) throw new ChanceryError('INVALID_INVITATION', `"${value}" is not an invitation: it holds ${size} bytes, and an invitation is at most ${MAX_INVITATION_TEXT}.`);
    const buffer = Buffer.alloc(size);
    return buffer.subarray(0, readSync(fd, buffer, 0, size, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Resolves on the first SIGINT or SIGTERM. */
function stopRequested(): { signal: Promise<NodeJS.Signals>; cancel(): void } {
  let stop: (signal: NodeJS.Signals) => void = () => undefined;
  const signal = new Promise<NodeJS.Signals>((done) => {
    stop = (s) => {
      cancel();
      done(s);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const cancel = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
  return { signal, cancel };
}

/** Each doc's state vector, to tell afterwards which ones the sync changed. */
function stateVectors(session: WorkspaceSession): Map<string, string> {
  const vectors = new Map<string, string>();
  for (const docId of [MANIFEST_DOC_ID, ...session.manifest().documents.map((d) => d.id)]) {
    try {
      vectors.set(docId, Buffer.from(Y.encodeStateVector(session.getDoc(docId))).toString('base64'));
    } catch {
      vectors.set(docId, ''); // not readable (yet): any text that arrives counts as a change
    }
  }
  return vectors;
}

function describeChanges(session: WorkspaceSession, before: Map<string, string>): string {
  const after = stateVectors(session);
  const titles = new Map(session.manifest().documents.map((d) => [d.id, d.title]));
  const changed = [...after].filter(([id, sv]) => before.get(id) !== sv).map(([id]) => (id === MANIFEST_DOC_ID ? 'the list of documents and parties' : `"${titles.get(id) ?? id}"`));
  return changed.length === 0 ? 'nothing changed' : `changed: ${changed.join(', ')}`;
}

export function addLiveCommands(cmd: Command, out: (s: string) => void, userData: UserDataOption): void {
  cmd
    .command('invite')
    .description('print an invitation to join a workspace over a relay (the convener: any party and role; a head: delegates of its party)')
    .argument('<file>', 'a .chancery workspace file')
    .option('--party <code>', 'the party the invited person will speak for (not for observers)')
    .requiredOption('--role <role>', 'head, delegate or observer', parseRole)
    .requiredOption('--relay <url>', 'the relay the invited person connects to, ws://HOST:PORT', parseRelay)
    .option('--expires <iso>', `when the invitation expires (default: in ${DEFAULT_INVITATION_DAYS} days)`)
    .option('--out <path>', 'also write the invitation to this file (never overwritten)')
    .action((file: string, opts: { party?: string; role: InvitationRole; relay: string; expires?: string; out?: string }) => {
      const identity = loadIdentity(userDataDir(userData()));
      const session = WorkspaceSession.openReadOnly(file);
      let text: string;
      try {
        const expires = opts.expires ?? new Date(Date.now() + DEFAULT_INVITATION_DAYS * 24 * 3600_000).toISOString();
        text = issueInvitation(session, identity.signer, { party: opts.party ?? null, role: opts.role, expires, relay: opts.relay });
      } finally {
        session.close();
      }
      out(`${text}\n`);
      if (opts.out === undefined) return;
      try {
        writeFileSync(opts.out, `${text}\n`, { encoding: 'utf8', flag: 'wx' });
      } catch (err) {
        const why = (err as NodeJS.ErrnoException).code === 'EEXIST' ? 'it already exists' : err instanceof Error ? err.message : String(err);
        throw new ChanceryError('STORAGE_FAILED', `Chancery could not write the invitation to ${opts.out} (${why}); it is printed above.`, { cause: err });
      }
    });

  cmd
    .command('join')
    .description('join a workspace with an invitation: create the local file from the relay and enrol your key')
    .argument('<invitation>', 'the invitation text, or the path of a file holding it')
    .requiredOption('--out <file>', 'the new .chancery file (never overwritten)')
    .option('--timeout <seconds>', 'how long to wait for the relay', parseSeconds, 30)
    .action(async (arg: string, opts: { out: string; timeout: number }) => {
      const text = invitationArgument(arg);
      const invitation = parseInvitation(text);
      const identity = loadIdentity(userDataDir(userData()));
      const session = await joinWorkspace({ invitationText: text, out: opts.out, signer: identity.signer, name: identity.name, timeoutMs: opts.timeout * 1000 });
      try {
        const docs = session.manifest().documents.length;
        const as = invitation.role === 'observer' ? 'an observer' : `${ROLE_WORDS[invitation.role]} of ${invitation.party ?? '?'}`;
        out(`Joined "${session.manifest().title}" as ${as}: ${opts.out} (${docs} documents), synced with ${invitation.relay}.\n`);
      } finally {
        session.close();
      }
    });

  cmd
    .command('sync')
    .description("sync a workspace file with its relay, until interrupted (Ctrl-C) or, with --once, until everything is exchanged")
    .argument('<file>', 'a .chancery workspace file')
    .option('--relay <url>', 'the relay to use (remembered for next time); default: the one the file remembers', parseRelay)
    .option('--once', 'exchange everything once, wait until the relay confirmed it, and exit')
    .option('--timeout <seconds>', 'with --once: how long to wait for the relay', parseSeconds, 30)
    .action(async (file: string, opts: { relay?: string; once?: boolean; timeout: number }) => {
      const identity = loadIdentity(userDataDir(userData()));
      const session = WorkspaceSession.open(file);
      let sync: RelaySync | null = null;
      try {
        const relay = opts.relay ?? savedRelay(session);
        if (relay === null) {
          throw new ChanceryError('INVALID_ARGUMENT', `${file} has no relay yet; give one with --relay ws://HOST:PORT (it is remembered), or join with an invitation.`);
        }
        if (opts.relay !== undefined) saveLiveSettings(session, relay);
        const before = stateVectors(session);
        let refused: (err: ChanceryError) => void = () => undefined;
        const refusal = new Promise<never>((_resolve, reject) => {
          refused = reject;
        });
        refusal.catch(() => undefined);
        sync = new RelaySync(session, {
          relay,
          signer: identity.signer,
          name: identity.name,
          onStatus: (status) => {
            if (!opts.once) out(`${new Date().toISOString().slice(0, 19).replace('T', ' ')} ${status.state}${status.unconfirmed ? ` (${status.unconfirmed} unconfirmed)` : ''}\n`);
            if (status.refusal) refused(new ChanceryError('RELAY_REFUSED', `The relay at ${relay} refused ${file}: ${status.refusal.message}.`));
          },
          log: (line) => process.stderr.write(`chancery: ${line}\n`),
        });
        sync.start();
        if (opts.once) {
          await sync.whenSynced(opts.timeout * 1000);
          out(`Synced ${file} with ${relay}: ${describeChanges(session, before)}.\n`);
        } else {
          const stop = stopRequested();
          try {
            await Promise.race([stop.signal, refusal]);
          } finally {
            stop.cancel();
          }
          out(`Stopped; ${describeChanges(session, before)} since the start. Everything is in ${file}.\n`);
        }
      } finally {
        await sync?.stop();
        session.close();
      }
    });
}
