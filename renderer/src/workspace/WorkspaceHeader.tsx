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
}

/** The workspace's banner: its title, the connection and save status, "Settings" and "Close negotiation". */
export function WorkspaceHeader({ title, path, sessions, closing, onClose, onSettings, roster = null }: WorkspaceHeaderProps) {
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
