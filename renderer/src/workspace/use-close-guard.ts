import { useEffect } from 'react';
import type { DocSessions } from './doc-sessions';

/**
 * Keeps the window open while edits are still on their way to the workspace file. Closing the
 * window (or quitting) with a push in flight or a failed save waiting for its retry would drop
 * those edits; Electron cancels a close whose `beforeunload` is prevented, so the guard holds the
 * window, waits until everything is durable, then closes it itself.
 */
export function useCloseGuard(sessions: DocSessions | null): void {
  useEffect(() => {
    if (!sessions) return;
    let closingAfterSave = false;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (sessions.getStatus().state === 'saved') return;
      event.preventDefault();
      event.returnValue = '';
      if (closingAfterSave) return;
      closingAfterSave = true;
      sessions.retryNow();
      void sessions.whenAllSaved().then(() => window.close());
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [sessions]);
}
