import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serializeError, type SerializedError } from '../../shared/errors';
import type { RecentWorkspaces } from './workspace/recent-workspaces';
import type { WorkspaceRegistry } from '../headless/workspace/workspace-registry';
import type { WorkspaceSession } from '../headless/workspace/workspace-session';
import { sampleSeed, type SampleOptions } from '../headless/workspace/sample';

/** What the first window should show. */
export type StartupChoice = { session: WorkspaceSession } | { error: SerializedError | null };

/**
 * The workspace path given on the command line (or by a file association), if any. Launchers put
 * switches and the app's own entry (a script or the app folder) before it in varying order, so
 * those are skipped by what they are rather than by position.
 */
export function workspaceArg(argv: readonly string[], appEntries: readonly string[]): string | undefined {
  const own = new Set(appEntries.map((p) => resolve(p)));
  return argv
    .slice(1)
    .filter((a) => !a.startsWith('-') && !own.has(resolve(a)))
    .at(-1);
}

/**
 * Decides what a window opens at launch: the file named on the command line; on the very first
 * start the sample negotiation (created in the user-data folder); otherwise the most recent
 * workspace. A failure is not fatal: the window opens on the welcome screen and says why.
 *
 * The sample is convened by this installation's identity (`convener`), who is also head of the
 * first party's delegation, so the user can try every command on it. Without a usable identity
 * (null: its error is shown) the sample's convener is a fictional facilitator.
 */
export function chooseStartupWorkspace(opts: {
  argPath: string | undefined;
  registry: WorkspaceRegistry;
  recent: RecentWorkspaces;
  samplePath: string;
  convener: () => NonNullable<SampleOptions['convener']> | null;
}): StartupChoice {
  const { argPath, registry, recent, samplePath } = opts;
  try {
    if (argPath) return { session: registry.open(argPath) };
    if (recent.isEmpty()) {
      if (existsSync(samplePath)) return { session: registry.open(samplePath) };
      const convener = opts.convener();
      return { session: registry.create(samplePath, sampleSeed(convener ? { convener, firstPartyHead: true } : {})) };
    }
    const last = recent.list()[0];
    return last ? { session: registry.open(last.path) } : { error: null };
  } catch (err) {
    return { error: serializeError(err) };
  }
}
