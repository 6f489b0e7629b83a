import { useCallback, useSyncExternalStore } from 'react';
import type { DocSessions } from './doc-sessions';
import { bindSaveStatus } from './save-status-view';

/**
 * Whether every edit is in the workspace file (e2e/UI-CONTRACT.md, "Save status"). On failure it
 * shows main's reason, which says what to do (e.g. free disk space); saving keeps being retried,
 * and "Retry now" skips the wait.
 *
 * The status element itself is written outside React (see `bindSaveStatus`): its state changes
 * twice per keystroke, and a keystroke must not cost a React render. React re-renders this
 * component only when a save starts or stops failing, to show or hide "Retry now".
 */
export function SaveStatus({ sessions }: { sessions: DocSessions }) {
  const failed = useSyncExternalStore(sessions.subscribe, () => sessions.getStatus().state === 'error');
  const bind = useCallback((element: HTMLDivElement | null) => (element ? bindSaveStatus(element, sessions) : undefined), [sessions]);
  return (
    <div className="save-status-wrap">
      <div ref={bind} role="status" aria-label="Save status" />
      {failed && (
        <button type="button" className="button small" onClick={() => sessions.retryNow()}>
          Retry now
        </button>
      )}
    </div>
  );
}
