import { useEffect, useState } from 'react';
import { EditorPane } from '../editor/EditorPane';
import type { IpcProvider } from '../sync/ipc-provider';
import { errorMessage, useReportError } from '../app/app-context';
import type { DocSessions } from './doc-sessions';
import { panelId, tabId } from './TabBar';

interface DocumentPanelProps {
  sessions: DocSessions;
  docId: string;
  title: string;
  active: boolean;
}

type Loaded = { provider: IpcProvider; error?: undefined } | { provider?: undefined; error: unknown } | null;

/**
 * A tab's panel: opens the document's replica and shows its editor. Inactive panels stay mounted
 * but hidden (the `hidden` attribute also takes them out of the accessibility tree, so the active
 * document is the only `tabpanel`).
 */
export function DocumentPanel({ sessions, docId, title, active }: DocumentPanelProps) {
  const report = useReportError();
  const [loaded, setLoaded] = useState<Loaded>(null);

  useEffect(() => {
    let live = true;
    sessions.provider(docId).then(
      (provider) => live && setLoaded({ provider }),
      (error: unknown) => {
        if (!live) return;
        setLoaded({ error });
        report(error);
      },
    );
    return () => {
      live = false;
    };
  }, [sessions, docId, report]);

  return (
    <section
      role="tabpanel"
      id={panelId(docId)}
      aria-labelledby={tabId(docId)}
      hidden={!active}
      className="document-panel"
    >
      {loaded?.provider && <EditorPane provider={loaded.provider} title={title} active={active} />}
      {loaded?.error !== undefined && loaded !== null && (
        <div className="panel-message">
          <p>“{title}” could not be opened.</p>
          <p className="muted">{errorMessage(loaded.error)}</p>
        </div>
      )}
      {loaded === null && (
        <div className="panel-message" aria-busy="true">
          <p className="muted">Opening “{title}”…</p>
        </div>
      )}
    </section>
  );
}
