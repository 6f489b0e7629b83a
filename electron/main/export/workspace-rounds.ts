import { ChanceryError } from '../../../shared/errors';
import type { WorkspaceComparison } from '../../../shared/compare/compare-model';
import { buildExportPackage } from '../../../shared/export/build-export';
import type { RoundInfo, RoundView } from '../../../shared/rounds/round-model';
import { roundView } from '../../../shared/rounds/round-view';
import { compareWithRound } from '../../headless/export/compare-versions';
import { sessionExportSource } from '../../headless/export/session-source';
import { cutRound, listRounds, openRound, type RoundSource } from '../../headless/rounds/rounds';
import type { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import type { WorkspaceSession } from '../../headless/workspace/workspace-session';
import type { IdentitySource } from '../identity/identity-source';
import { rosterState } from '../positions/roster-state';
import type { SendEvent } from '../positions/workspace-positions';

/** What {@link WorkspaceRounds} needs from the rest of main. */
export interface WorkspaceRoundsDeps {
  registry: Pick<WorkspaceRegistry, 'windowsOf'>;
  identity: IdentitySource;
  send: SendEvent;
  now?: () => Date;
}

function withRound<T>(session: WorkspaceSession, idOrName: string, use: (round: RoundSource) => T): T {
  const round = openRound(session, idOrName);
  try {
    return use(round);
  } finally {
    round.close();
  }
}

/**
 * Main's side of named rounds for the windows of a workspace: only the convener, who holds the
 * pen, cuts one (a round is what the parties will later be held to, so not every delegate may
 * declare one); anyone may list, read and compare them. After a cut here, or rounds brought in by
 * merging a colleague's file, every window of the workspace gets the new list, so no rounds dialog
 * shows a stale one. Rounds are read from their stored states and closed after each call: a
 * window never holds a replica of a round it could type into.
 */
export class WorkspaceRounds {
  constructor(private readonly deps: WorkspaceRoundsDeps) {}

  /** Every round of the workspace, oldest first. */
  list(session: WorkspaceSession): RoundInfo[] {
    return listRounds(session);
  }

  /** Cuts a round now, as this installation's user; NOT_AUTHORISED unless they convene the workspace. */
  cut(session: WorkspaceSession, name: string): RoundInfo {
    // rosterState's `me` may be the convener's party seat; holding the pen is the convener key itself.
    const { roster, me } = rosterState(session.positions.roster(), this.deps.identity.publicKeyIfAvailable());
    if (me === null || roster.convener !== me.key) {
      const convener = roster.convener === null ? undefined : roster.members.find((m) => m.key === roster.convener && m.role === 'convener');
      const who = convener ? `the convener, ${convener.name},` : 'the convener';
      throw new ChanceryError(
        'NOT_AUTHORISED',
        `Only ${who} can cut a named round of this negotiation ("${name}"). Ask them to cut it; you can still export the current text.`,
      );
    }
    const info = cutRound(session, name, this.deps.identity.get().name);
    this.changed(session);
    return info;
  }

  /** A round, read-only, as the window shows it. */
  view(session: WorkspaceSession, roundId: string): RoundView {
    return withRound(session, roundId, (round) => roundView(buildExportPackage(round, { exportedAt: this.nowIso() }), round.info));
  }

  /** An older round against a newer one, or against the current text when `newerRoundId` is null. */
  compare(session: WorkspaceSession, olderRoundId: string, newerRoundId: string | null): WorkspaceComparison {
    return withRound(session, olderRoundId, (older) => {
      const exportedAt = this.nowIso();
      const against = (round: RoundSource | null) =>
        compareWithRound(older, { round, pkg: buildExportPackage(round ?? sessionExportSource(session), { exportedAt }) }, undefined, exportedAt);
      return newerRoundId === null ? against(null) : withRound(session, newerRoundId, against);
    });
  }

  /** Sends the workspace's rounds to every window of it: after a cut here, or a merge that may have brought rounds. */
  changed(session: WorkspaceSession): void {
    const windows = this.deps.registry.windowsOf(session);
    if (windows.length === 0) return;
    const rounds = listRounds(session);
    for (const id of windows) this.deps.send(id, 'rounds.changed', rounds);
  }

  private nowIso(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}
