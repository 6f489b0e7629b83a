import { useSyncExternalStore } from 'react';
import { statusText } from '../sync/save-status';
import type { DocSessions } from './doc-sessions';

/**
 * Whether every edit is in the workspace file (e2e/UI-CONTRACT.md, "Save status"). On failure it
 * shows main's reason, which says what to do (e.g. free disk space); saving keeps being retried,
 * and "Retry now" skips the wait.
 */
export function SaveStatus({ sessions }: { sessions: DocSessions }) {
  const status = useSyncExternalStore(sessions.subscribe, sessions.getStatus);
  return (
    <div className="save-status-wrap">
      <div role="status" aria-label="Save status" data-state={status.state} className={`save-status ${status.state}`}>
        <span className="save-status-dot" aria-hidden="true" />
        {statusText(status)}
      </div>
      {status.state === 'error' && (
        <button type="button" className="button small" onClick={() => sessions.retryNow()}>
          Retry now
        </button>
      )}
    </div>
  );
}
