import { useEffect, useState } from 'react';
import { isChanceryError } from '../../../shared/errors';
import { EditorPane } from '../editor/EditorPane';
import type { IpcProvider } from '../sync/ipc-provider';
import { errorMessage, useReportError } from '../app/app-context';
import { ErrorBoundary } from '../app/ErrorBoundary';
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
 *
 * If main refuses an edit for good (it would break the document for everyone), the replica is
 * reopened from main's state and the refusal is reported; a damaged document is shown as such,
 * with what the user can do, instead of an editor.
 */
export function DocumentPanel({ sessions, docId, title, active }: DocumentPanelProps) {
  const report = useReportError();
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    let offRefused: (() => void) | null = null;
    sessions.provider(docId).then(
      (provider) => {
        if (!live) return;
        setLoaded({ provider });
        offRefused = provider.onRefused((error) => {
          report(error);
          sessions.close(docId);
          setLoaded(null);
          setGeneration((g) => g + 1);
        });
      },
      (error: unknown) => {
        if (!live) return;
        setLoaded({ error });
        if (!isChanceryError(error, 'DOCUMENT_DAMAGED')) report(error);
      },
    );
    return () => {
      live = false;
      offRefused?.();
    };
  }, [sessions, docId, report, generation]);

  const damaged = isChanceryError(loaded?.error, 'DOCUMENT_DAMAGED');
  return (
    <section
      role="tabpanel"
      id={panelId(docId)}
      aria-labelledby={tabId(docId)}
      hidden={!active}
      className="document-panel"
    >
      {loaded?.provider && (
        <ErrorBoundary what={`The editor for “${title}”`} onRetry={() => setGeneration((g) => g + 1)}>
          <EditorPane provider={loaded.provider} title={title} active={active} />
        </ErrorBoundary>
      )}
      {loaded?.error !== undefined && loaded !== null && (
        <div className={damaged ? 'panel-message damaged' : 'panel-message'} role={damaged ? 'alert' : undefined}>
          <p>{damaged ? `“${title}” is damaged and cannot be opened.` : `“${title}” could not be opened.`}</p>
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
