import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { LiveStatus, MergeReport } from '../../../shared/live/live-model';
import type { RosterState } from '../../../shared/positions/model';
import { useApi, useReportError } from '../app/app-context';
import { ConnectDialog } from './ConnectDialog';
import { HostDialog } from './HostDialog';
import { InviteDialog } from './InviteDialog';
import { JoinDialog } from './JoinDialog';
import { connectionHint, connectionText, unconfirmedText } from './live-text';
import { MergeReportDialog } from './MergeReportDialog';
import { useLiveStatus } from './use-live-status';

interface ConnectionStatusProps {
  /** The workspace's roster: who may host (the convener) and invite (the convener, heads). */
  roster: RosterState | null;
}

type LiveDialog = { kind: 'connect' } | { kind: 'host' } | { kind: 'invite' } | { kind: 'join' } | { kind: 'merged'; report: MergeReport } | null;

/** What this installation may do with the connection, from where its key stands in the roster. */
function permissions(roster: RosterState | null): { host: boolean; invite: boolean } {
  const key = roster?.me?.key ?? null;
  const convener = key !== null && roster?.roster.convener === key;
  return { host: convener, invite: convener || roster?.me?.role === 'head' };
}

/**
 * The connection to the relay, always visible in the workspace header (e2e/UI-CONTRACT.md, "Live
 * co-editing"): its state, how many local changes the relay has not confirmed yet, and the
 * co-editing menu (go online or offline, host, invite, join, import a colleague's file).
 */
export function ConnectionStatus({ roster }: ConnectionStatusProps) {
  const api = useApi();
  const report = useReportError();
  const { status, accept, error } = useLiveStatus(api);
  const [menuOpen, setMenuOpen] = useState(false);
  const [dialog, setDialog] = useState<LiveDialog>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (error) report(error);
  }, [error, report]);

  // The menu closes on Escape and on any click outside it.
  useEffect(() => {
    if (!menuOpen) return;
    const onPointer = (event: PointerEvent) => {
      if (wrap.current && !wrap.current.contains(event.target as Node)) setMenuOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [menuOpen]);

  const may = permissions(roster);
  const online = status.state === 'connected' || status.state === 'connecting' || status.state === 'reconnecting';
  // A refused connection has stopped trying; "Go offline" still puts it to rest, "Go online" tries again.
  const connection = online || status.state === 'refused';
  const unconfirmed = unconfirmedText(status.unconfirmed);

  /** Runs one menu command; its new status is shown at once (the event follows anyway). */
  const command = (action: () => Promise<LiveStatus>) => {
    setMenuOpen(false);
    action().then(accept, report);
  };
  const open = (next: LiveDialog) => {
    setMenuOpen(false);
    setDialog(next);
  };
  const importChanges = () => {
    setMenuOpen(false);
    api.live.importChanges().then((result) => {
      if (!('canceled' in result)) setDialog({ kind: 'merged', report: result });
    }, report);
  };

  return (
    <div className="live-status-wrap" ref={wrap}>
      <div
        role="status"
        aria-label="Connection status"
        className={`live-status ${status.state}`}
        data-testid="live-status"
        data-state={status.state}
        data-unconfirmed={status.unconfirmed}
        title={connectionHint(status)}
      >
        <span className="live-status-dot" aria-hidden="true" />
        <span data-testid="live-status-text">{connectionText(status)}</span>
        {unconfirmed && (
          <span className="live-unconfirmed" data-testid="live-unconfirmed">
            {unconfirmed}
          </span>
        )}
        {status.hosting && (
          <span className="live-hosting" data-testid="live-hosting">
            Hosting on port {status.hosting.port}
          </span>
        )}
      </div>
      <button
        ref={menuButton}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        data-testid="live-menu"
        onClick={() => setMenuOpen((v) => !v)}
      >
        Co-editing
      </button>
      {menuOpen && (
        <ul role="menu" aria-label="Co-editing" className="live-menu">
          <li role="none">
            {/* Without a remembered relay, "Go online…" asks for its address first. */}
            <button
              type="button"
              role="menuitem"
              data-testid="live-go-online"
              disabled={online}
              onClick={() => (status.relay === null ? open({ kind: 'connect' }) : command(() => api.live.connect(null)))}
            >
              {status.relay === null ? 'Go online…' : 'Go online'}
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" data-testid="live-go-offline" disabled={!connection} onClick={() => command(() => api.live.disconnect())}>
              Go offline
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" data-testid="live-host" disabled={!may.host} onClick={() => open({ kind: 'host' })}>
              Host on this network…
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" data-testid="live-invite" disabled={!may.invite} onClick={() => open({ kind: 'invite' })}>
              Invite…
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" data-testid="live-join" onClick={() => open({ kind: 'join' })}>
              Join with an invitation…
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" data-testid="live-import" onClick={importChanges}>
              Import changes from a file…
            </button>
          </li>
        </ul>
      )}
      {/* The dialogs live outside the header, so its dark-banner button style does not reach them. */}
      {dialog !== null &&
        createPortal(
          <>
            {dialog.kind === 'connect' && <ConnectDialog onStatus={accept} onClose={() => setDialog(null)} />}
            {dialog.kind === 'host' && <HostDialog status={status} onStatus={accept} onClose={() => setDialog(null)} />}
            {dialog.kind === 'invite' && roster && <InviteDialog roster={roster} status={status} onClose={() => setDialog(null)} />}
            {dialog.kind === 'join' && <JoinDialog onClose={() => setDialog(null)} />}
            {dialog.kind === 'merged' && <MergeReportDialog report={dialog.report} onClose={() => setDialog(null)} />}
          </>,
          document.body,
        )}
    </div>
  );
}
