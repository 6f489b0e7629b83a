import type { RosterState } from '../../../shared/positions/model';
import { ConnectionStatus } from '../live/ConnectionStatus';
import type { DocSessions } from './doc-sessions';
import { SaveStatus } from './SaveStatus';

interface WorkspaceHeaderProps {
  title: string;
  path: string;
  sessions: DocSessions;
  closing: boolean;
  onClose: () => void;
  /** Opens Settings (this installation's member identity). */
  onSettings: () => void;
  /** The roster (who may host and invite); null while it loads. */
  roster?: RosterState | null;
  /** Opens the export dialog; the button is absent without it. */
  onExport?: () => void;
  /** Opens the named rounds; the button is absent without it. */
  onRounds?: () => void;
}

/** The workspace's banner: its title, the connection and save status, "Export…", "Rounds…", "Settings" and "Close negotiation". */
export function WorkspaceHeader({ title, path, sessions, closing, onClose, onSettings, roster = null, onExport, onRounds }: WorkspaceHeaderProps) {
  return (
    <header className="workspace-header">
      <div className="workspace-title">
        <span className="brand" aria-hidden="true">
          Chancery
        </span>
        <h1 title={path}>{title}</h1>
      </div>
      <div className="workspace-header-end">
        <ConnectionStatus roster={roster} />
        <SaveStatus sessions={sessions} />
        {onExport && (
          <button type="button" className="button" data-testid="export-open" onClick={onExport}>
            Export…
          </button>
        )}
        {onRounds && (
          <button type="button" className="button" data-testid="rounds-open" onClick={onRounds}>
            Rounds…
          </button>
        )}
        <button type="button" className="button" onClick={onSettings}>
          Settings
        </button>
        <button type="button" className="button" disabled={closing} onClick={onClose}>
          Close negotiation
        </button>
      </div>
    </header>
  );
}
