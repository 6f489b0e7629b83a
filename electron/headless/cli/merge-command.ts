import type { Command } from 'commander';
import { ChanceryError } from '../../../shared/errors';
import { existingIdentity, userDataDir } from '../identity/user-data';
import { formatMergeReport, mergeWorkspaceFile, requireSameWorkspace } from '../live/merge';
import { WorkspaceSession } from '../workspace/workspace-session';
import type { UserDataOption } from './live-commands';

/**
 * `chancery merge TARGET SOURCE [--json]`: merges a colleague's copy of the workspace into TARGET
 * (SOURCE is only read), through the same checks as anything from the relay; merging the same
 * file again reports nothing changed. Your own delegation's private notes come along (your party
 * is read from the identity in the user-data folder); no other delegation's ever do.
 */
export function addMergeCommand(cmd: Command, out: (s: string) => void, userData: UserDataOption): void {
  cmd
    .command('merge')
    .description("merge a colleague's copy of the same workspace into yours (the copy is only read); prints what changed")
    .argument('<target>', 'your .chancery workspace file (changed)')
    .argument('<source>', "the colleague's copy (read only)")
    .option('--json', 'print the report as one JSON object')
    .action((target: string, source: string, opts: { json?: boolean }) => {
      // A file of another workspace is refused before the target is opened for writing (which alone changes its bytes).
      const peekTarget = WorkspaceSession.openReadOnly(target);
      try {
        const peekSource = WorkspaceSession.openReadOnly(source);
        try {
          requireSameWorkspace(peekTarget, peekSource, source);
        } finally {
          peekSource.close();
        }
      } finally {
        peekTarget.close();
      }
      const identity = existingIdentity(userDataDir(userData()));
      const session = WorkspaceSession.open(target);
      try {
        const me = identity ? session.positions.resolvedRoster().member(identity.publicKey) : null;
        const ownParty = me && (me.role === 'head' || me.role === 'member') ? me.party : null;
        const report = mergeWorkspaceFile(session, source, { ownParty });
        out(opts.json ? `${JSON.stringify(report)}\n` : `${formatMergeReport(report)}\n`);
        const [first, ...more] = report.unreadable ?? [];
        if (first) {
          // Printed, but not a clean merge: say so in the one error line and exit non-zero.
          throw new ChanceryError(
            'DOCUMENT_DAMAGED',
            `${source} has ${more.length + 1} damaged document(s) (${[first, ...more].map((d) => d.docId).join(', ')}); nothing of them was merged. Ask your colleague for a fresh copy. ${first.message}`,
          );
        }
      } finally {
        session.close();
      }
    });
}
