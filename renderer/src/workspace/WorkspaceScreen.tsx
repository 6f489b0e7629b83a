import { useEffect, useReducer, useRef, useState } from 'react';
import type { WorkspaceInfo } from '../../../shared/ipc/contract';
import type { DocumentEntry } from '../../../shared/workspace/manifest';
import { useApi, useReportError } from '../app/app-context';
import { statusText } from '../sync/save-status';
import { DocSessions } from './doc-sessions';
import { useCloseGuard } from './use-close-guard';
import { ConfirmDialog, TitleDialog } from './DocumentDialogs';
import { DocumentList } from './DocumentList';
import { DocumentPanel } from './DocumentPanel';
import { NO_TABS, removedIds, tabsReducer } from './open-tabs';
import { PartyList } from './PartyList';
import { TabBar } from './TabBar';
import { useManifest } from './use-manifest';
import { WorkspaceHeader } from './WorkspaceHeader';
import { AgreementMeter } from './agreement/AgreementMeter';
import { useAgreement } from './agreement/use-agreement';
import { RosterDialog } from './roster/RosterDialog';
import { useRoster } from './roster/use-roster';
import { SettingsDialog } from '../settings/SettingsDialog';
import { OnlineList } from '../live/OnlineList';
import { ExportDialog } from '../export/ExportDialog';
import { RoundsDialog } from '../rounds/RoundsDialog';

type DialogState =
  | { kind: 'add' }
  | { kind: 'rename'; entry: DocumentEntry }
  | { kind: 'delete'; entry: DocumentEntry }
  | { kind: 'unsaved'; reason: string }
  | { kind: 'roster' }
  | { kind: 'settings' }
  | { kind: 'export' }
  | { kind: 'rounds' }
  | null;

/** How long "Close negotiation" waits for pending saves before asking what to do. */
const CLOSE_WAIT_MS = 3000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface WorkspaceScreenProps {
  workspace: WorkspaceInfo;
  /** The workspace was closed from this screen. */
  onClosed: () => void;
}

/**
 * An open negotiation: header, sidebar (documents and parties, from the manifest replica), the
 * tabs of open documents and their editors. Every change to the workspace's structure is a
 * request to main; the result arrives through the manifest replica like anyone else's change.
 */
export function WorkspaceScreen({ workspace, onClosed }: WorkspaceScreenProps) {
  const api = useApi();
  const report = useReportError();
  const { manifest, error: manifestError } = useManifest(api);
  const roster = useRoster(api);
  const { agreement, error: agreementError } = useAgreement(api);
  const [sessions, setSessions] = useState<DocSessions | null>(null);
  const [tabs, dispatch] = useReducer(tabsReducer, NO_TABS);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [closing, setClosing] = useState(false);

  // Created in an effect (not during render) so that it is closed exactly once per mount.
  // The documents to show first start opening at once, beside the manifest, not after it.
  const initialTabs = useRef(workspace.tabs);
  useEffect(() => {
    const created = new DocSessions(api);
    for (const id of initialTabs.current?.open ?? []) created.provider(id).catch(() => {});
    setSessions(created);
    return () => void created.closeAll();
  }, [api]);

  useCloseGuard(sessions);

  useEffect(() => {
    if (manifestError) report(manifestError);
  }, [manifestError, report]);
  useEffect(() => {
    if (roster.error) report(roster.error);
  }, [roster.error, report]);
  useEffect(() => {
    if (agreementError) report(agreementError);
  }, [agreementError, report]);

  // Opening a workspace shows a document: main says which (the tabs open last time on this
  // machine, or the first document); shown once the manifest has their titles.
  const restored = useRef(false);
  useEffect(() => {
    if (!manifest || restored.current) return;
    restored.current = true;
    const ids = new Set(manifest.documents.map((d) => d.id));
    const open = (initialTabs.current?.open ?? []).filter((id) => ids.has(id));
    for (const id of initialTabs.current?.open ?? []) if (!ids.has(id)) sessions?.close(id);
    for (const id of open) dispatch({ type: 'open', id });
    const active = initialTabs.current?.active;
    if (active && open.includes(active)) dispatch({ type: 'activate', id: active });
  }, [manifest, sessions]);

  // Remember the tabs for next time (a local setting of this machine, never synced).
  useEffect(() => {
    if (!restored.current || tabs === NO_TABS) return;
    api.workspace.saveTabs({ open: [...tabs.open], active: tabs.active }).catch((error: unknown) => {
      console.warn('Chancery: the open tabs could not be remembered', error);
    });
  }, [api, tabs]);

  // A document deleted by anyone closes its tab here.
  const knownIds = useRef<string[] | null>(null);
  useEffect(() => {
    if (!manifest) return;
    const ids = manifest.documents.map((d) => d.id);
    const removed = knownIds.current ? removedIds(knownIds.current, ids) : [];
    knownIds.current = ids;
    if (removed.length === 0) return;
    dispatch({ type: 'removed', ids: removed });
    for (const id of removed) sessions?.close(id);
  }, [manifest, sessions]);

  const titleOf = (id: string) => manifest?.documents.find((d) => d.id === id)?.title ?? 'Untitled document';
  const title = manifest?.title ?? workspace.title;
  // Parties come from the signed roster; only a workspace nobody has convened (made before
  // rosters, or by the command line) still has just the manifest's unsigned list.
  const rosterParties = roster.state?.roster.parties ?? [];
  const parties = roster.state?.roster.convener === null && rosterParties.length === 0 ? (manifest?.parties ?? []) : rosterParties;

  const closeTab = (id: string) => {
    dispatch({ type: 'close', id });
    sessions?.close(id);
  };

  const moveDocument = (entry: DocumentEntry, toIndex: number) => {
    api.documents.move(entry.id, toIndex).catch(report);
  };

  /** Closes the workspace; throws if main refuses. */
  const closeWorkspace = async () => {
    await api.workspace.close();
    onClosed();
  };

  const requestClose = async () => {
    if (!sessions) return;
    setClosing(true);
    try {
      const saved = await Promise.race([sessions.whenAllSaved().then(() => true), delay(CLOSE_WAIT_MS).then(() => false)]);
      if (!saved) {
        setDialog({ kind: 'unsaved', reason: statusText(sessions.getStatus()) });
        return;
      }
      await closeWorkspace();
    } catch (error) {
      report(error);
    } finally {
      setClosing(false);
    }
  };

  return (
    <div className="workspace">
      {sessions && (
        <WorkspaceHeader
          title={title}
          path={workspace.path}
          sessions={sessions}
          closing={closing}
          onClose={requestClose}
          onSettings={() => setDialog({ kind: 'settings' })}
          roster={roster.state}
          onExport={manifest ? () => setDialog({ kind: 'export' }) : undefined}
          onRounds={manifest ? () => setDialog({ kind: 'rounds' }) : undefined}
        />
      )}
      <div className="workspace-body">
        <aside className="sidebar" aria-label="Negotiation">
          {manifest ? (
            <>
              <DocumentList
                documents={manifest.documents}
                activeId={tabs.active}
                onOpen={(id) => dispatch({ type: 'open', id })}
                onAdd={() => setDialog({ kind: 'add' })}
                onRename={(entry) => setDialog({ kind: 'rename', entry })}
                onMove={moveDocument}
                onDelete={(entry) => setDialog({ kind: 'delete', entry })}
              />
              <AgreementMeter agreement={agreement} documents={manifest.documents} activeDocId={tabs.active} parties={parties} />
              <PartyList parties={parties} onOpenRoster={roster.state ? () => setDialog({ kind: 'roster' }) : undefined} />
              <OnlineList documents={manifest.documents} />
              {manifest.problems.length > 0 && (
                <section className="sidebar-section sidebar-problems" aria-label="Unreadable entries">
                  <p className="sidebar-note">
                    Some entries of this negotiation could not be read and are not shown. A colleague’s copy or a backup may
                    hold them.
                  </p>
                  <ul>
                    {manifest.problems.map((problem) => (
                      <li key={problem}>{problem}</li>
                    ))}
                  </ul>
                </section>
              )}
            </>
          ) : (
            <p className="muted sidebar-note" aria-busy={!manifestError}>
              {manifestError ? 'The list of documents could not be loaded.' : 'Loading the negotiation…'}
            </p>
          )}
        </aside>

        <main className="documents">
          {tabs.open.length > 0 && (
            <TabBar
              tabs={tabs.open.map((id) => ({ id, title: titleOf(id) }))}
              activeId={tabs.active}
              onActivate={(id) => dispatch({ type: 'activate', id })}
              onClose={closeTab}
            />
          )}
          {sessions &&
            tabs.open.map((id) => (
              <DocumentPanel key={id} sessions={sessions} docId={id} title={titleOf(id)} active={id === tabs.active} />
            ))}
          {tabs.open.length === 0 && (
            <div className="empty-state">
              <p className="empty-state-title">No document open</p>
              <p className="muted">Choose a document on the left to open it, or add a new one.</p>
            </div>
          )}
        </main>
      </div>

      {dialog?.kind === 'add' && (
        <TitleDialog
          heading="New document"
          submitLabel="Add"
          onSubmit={async (docTitle) => {
            const { id } = await api.documents.add(docTitle);
            dispatch({ type: 'open', id });
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'rename' && (
        <TitleDialog
          heading="Rename document"
          submitLabel="Rename"
          initialTitle={dialog.entry.title}
          onSubmit={(docTitle) => api.documents.rename(dialog.entry.id, docTitle)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          heading="Delete document"
          message={`Remove “${dialog.entry.title}” from this negotiation? It disappears from the list of documents for every delegation. Its text stays in the negotiation file, so it can be recovered from there.`}
          confirmLabel="Delete"
          danger
          onConfirm={async () => {
            await api.documents.delete(dialog.entry.id);
            closeTab(dialog.entry.id);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'roster' && roster.state && (
        <RosterDialog state={roster.state} onChanged={roster.accept} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'settings' && <SettingsDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'export' && manifest && <ExportDialog documents={manifest.documents} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'rounds' && manifest && (
        <RoundsDialog roster={roster.state} documents={manifest.documents} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'unsaved' && (
        <ConfirmDialog
          heading="Unsaved changes"
          message={`Some changes are not in the negotiation file yet (${dialog.reason}). If you close now, they are lost.`}
          confirmLabel="Close anyway"
          cancelLabel="Keep open"
          danger
          onConfirm={closeWorkspace}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
