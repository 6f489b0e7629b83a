import { useEffect, useRef, useState } from 'react';
import type { RecentEntry, WorkspaceInfo } from '../../../shared/ipc/contract';
import { deserializeError } from '../../../shared/errors';
import { useApi, useReportError } from './app-context';
import { WelcomeScreen } from '../welcome/WelcomeScreen';
import { WorkspaceScreen } from '../workspace/WorkspaceScreen';

type Screen = { kind: 'loading' } | { kind: 'welcome' } | { kind: 'workspace'; workspace: WorkspaceInfo };

/**
 * Chooses the screen: Welcome when no workspace is open, the workspace otherwise. Main decides
 * which workspace the window shows and says so with `workspaceChanged`; the renderer follows.
 */
export function App() {
  const api = useApi();
  const report = useReportError();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [recent, setRecent] = useState<RecentEntry[]>([]);
  const startupReported = useRef(false);

  const show = (workspace: WorkspaceInfo | null) =>
    setScreen(workspace ? { kind: 'workspace', workspace } : { kind: 'welcome' });

  useEffect(() => {
    let live = true;
    // Subscribe first: a change announced while the startup state is in flight is newer.
    let changed = false;
    const off = api.on('workspace.changed', (workspace) => {
      changed = true;
      show(workspace);
    });
    api.workspace.getStartupState().then(
      (startup) => {
        if (!live) return;
        setRecent(startup.recent);
        if (!changed) show(startup.workspace);
        if (startup.openError && !startupReported.current) {
          startupReported.current = true;
          report(deserializeError(startup.openError));
        }
      },
      (error: unknown) => {
        if (!live) return;
        report(error);
        setScreen((current) => (current.kind === 'loading' ? { kind: 'welcome' } : current));
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [api, report]);

  // Back on the Welcome screen: refresh the recent list (the workspace just closed is on it now).
  // (The first Welcome screen already has the list from the startup state.)
  const onWelcome = screen.kind === 'welcome';
  const firstWelcome = useRef(true);
  useEffect(() => {
    if (!onWelcome) return;
    if (firstWelcome.current) {
      firstWelcome.current = false;
      return;
    }
    let live = true;
    api.workspace.getStartupState().then(
      (startup) => live && setRecent(startup.recent),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, onWelcome]);

  switch (screen.kind) {
    case 'loading':
      return (
        <main className="loading-screen" aria-busy="true">
          <p>Opening Chancery…</p>
        </main>
      );
    case 'welcome':
      return <WelcomeScreen recent={recent} onOpened={show} />;
    case 'workspace':
      return (
        <WorkspaceScreen
          key={`${screen.workspace.workspaceId}:${screen.workspace.path}`}
          workspace={screen.workspace}
          onClosed={() => show(null)}
        />
      );
  }
}
