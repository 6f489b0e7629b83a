import { useId, useState, type FormEvent } from 'react';
import type { LiveStatus } from '../../../shared/live/live-model';
import { RELAY_ADDRESS_EXAMPLE, relayAddressProblem } from '../../../shared/live/relay-address';
import { Dialog } from '../components/Dialog';
import { useApi } from '../app/app-context';
import { ActionAlert } from '../workspace/roster/ActionAlert';
import { useAction } from '../workspace/roster/use-action';

interface ConnectDialogProps {
  onStatus: (status: LiveStatus) => void;
  onClose: () => void;
}

/**
 * "Go online…" for a workspace that has never been online: the relay's address, as the convener
 * (or whoever runs the relay) gave it. Chancery remembers it in the file from then on, so later
 * "Go online" needs no dialog. What does not look like an address is said inline before anything
 * is sent; what main refuses is shown in the alert.
 */
export function ConnectDialog({ onStatus, onClose }: ConnectDialogProps) {
  const api = useApi();
  const relayId = useId();
  const hintId = useId();
  const [relay, setRelay] = useState('');
  // The inline check speaks once the user has tried, not at the first keystroke.
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const problem = relayAddressProblem(relay);
  const shownProblem = tried ? problem : null;

  const connect = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem !== null || busy) return;
    void run(
      () => api.live.connect(relay.trim().replace(/\/$/u, '')),
      (status) => {
        onStatus(status);
        onClose();
      },
    );
  };

  return (
    <Dialog title="Go online" onClose={onClose} description="Type the address of the relay this negotiation is shared on. Chancery remembers it for this workspace.">
      <form className="dialog-form live-dialog" onSubmit={connect} noValidate>
        <label htmlFor={relayId} className="field-label">
          Relay address
        </label>
        <input
          id={relayId}
          className="field-input"
          value={relay}
          placeholder={RELAY_ADDRESS_EXAMPLE}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={shownProblem !== null}
          aria-describedby={shownProblem ? hintId : undefined}
          data-testid="live-connect-relay"
          onChange={(event) => setRelay(event.target.value)}
        />
        {shownProblem && (
          <p id={hintId} className="field-hint field-problem" data-testid="live-connect-problem">
            {shownProblem}
          </p>
        )}
        <ActionAlert message={error} />
        <div className="dialog-buttons">
          <button type="submit" className="button primary" disabled={busy} data-testid="live-connect-submit">
            Connect
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
