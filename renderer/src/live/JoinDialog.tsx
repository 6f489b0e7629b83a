import { useId, useState, type FormEvent } from 'react';
import type { WorkspaceInfo } from '../../../shared/ipc/contract';
import { Dialog } from '../components/Dialog';
import { useApi } from '../app/app-context';
import { ActionAlert } from '../workspace/roster/ActionAlert';
import { useAction } from '../workspace/roster/use-action';

interface JoinDialogProps {
  onClose: () => void;
  /** The joined workspace, now open in this window. */
  onJoined?: (workspace: WorkspaceInfo) => void;
}

/**
 * "Join with an invitation": paste the invitation (or open its file); Chancery asks where to keep
 * the local copy, fetches the negotiation from the relay, and opens it here. From then on it works
 * the same offline and online.
 */
export function JoinDialog({ onClose, onJoined }: JoinDialogProps) {
  const api = useApi();
  const textId = useId();
  const [text, setText] = useState('');
  const { busy, error, run } = useAction();

  const openFile = () =>
    void run(
      () => api.live.openInvitationFile(),
      (result) => {
        if (typeof result === 'string') setText(result);
      },
    );
  const join = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || busy) return;
    void run(
      () => api.live.join(text.trim()),
      (result) => {
        if ('canceled' in result) return;
        onJoined?.(result);
        onClose();
      },
    );
  };

  return (
    <Dialog title="Join with an invitation" onClose={onClose} description="Paste the invitation you were sent, or open its file.">
      <form className="dialog-form live-dialog" onSubmit={join} noValidate aria-busy={busy}>
        <label htmlFor={textId} className="field-label">
          Invitation
        </label>
        <textarea
          id={textId}
          className="field-input live-invitation-input"
          rows={5}
          value={text}
          spellCheck={false}
          placeholder="chancery-invitation:…"
          data-testid="live-join-text"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="button" className="button" disabled={busy} data-testid="live-join-open-file" onClick={openFile}>
          Open invitation file…
        </button>
        {busy && (
          <p className="field-hint" role="status">
            Joining: fetching the negotiation from the relay…
          </p>
        )}
        <ActionAlert message={error} />
        <div className="dialog-buttons">
          <button type="submit" className="button primary" disabled={busy || !text.trim()} data-testid="live-join-submit">
            Join
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
