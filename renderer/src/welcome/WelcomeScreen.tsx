import { useState } from 'react';
import type { RecentEntry, WorkspaceInfo, Canceled } from '../../../shared/ipc/contract';
import { useApi, useReportError } from '../app/app-context';
import { JoinDialog } from '../live/JoinDialog';

interface WelcomeScreenProps {
  recent: readonly RecentEntry[];
  /** A workspace was created or opened from this screen. */
  onOpened: (workspace: WorkspaceInfo) => void;
}

function isCanceled(result: WorkspaceInfo | Canceled): result is Canceled {
  return 'canceled' in result && result.canceled === true;
}

function openedOn(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/**
 * The first screen when no negotiation is open: create one, open a file, or pick a recent one.
 * Failures (a file that moved, a workspace another copy of Chancery holds) go to the banner.
 */
export function WelcomeScreen({ recent, onOpened }: WelcomeScreenProps) {
  const api = useApi();
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const [joining, setJoining] = useState(false);

  const attempt = async (action: () => Promise<WorkspaceInfo | Canceled>) => {
    setBusy(true);
    try {
      const result = await action();
      if (!isCanceled(result)) onOpened(result);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="welcome" aria-busy={busy}>
      <div className="welcome-card">
        <header className="welcome-masthead">
          <h1>Chancery</h1>
          <p className="welcome-tagline">A drafting room for negotiated texts, clause by clause.</p>
        </header>

        <div className="welcome-actions">
          <button type="button" className="button primary" disabled={busy} onClick={() => attempt(() => api.workspace.create())}>
            New negotiation…
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => attempt(() => api.workspace.openDialog())}>
            Open negotiation…
          </button>
          <button type="button" className="button" disabled={busy} data-testid="live-join" onClick={() => setJoining(true)}>
            Join with an invitation…
          </button>
        </div>

        <section className="welcome-recent" aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recent negotiations</h2>
          <ul aria-label="Recent negotiations" className="recent-list">
            {recent.map((entry) => (
              <li key={entry.path} className="recent-item">
                <button
                  type="button"
                  className="recent-open"
                  disabled={busy}
                  title={entry.path}
                  onClick={() => attempt(() => api.workspace.open(entry.path))}
                >
                  {entry.title}
                </button>
                <span className="recent-path">{entry.path}</span>
                <span className="recent-date">{openedOn(entry.openedAt)}</span>
              </li>
            ))}
          </ul>
          {recent.length === 0 && <p className="muted">Negotiations you open will be listed here.</p>}
        </section>
      </div>
      {joining && <JoinDialog onClose={() => setJoining(false)} onJoined={onOpened} />}
    </main>
  );
}
