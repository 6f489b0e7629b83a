import { useId, useState, type FormEvent } from 'react';
import type { LiveStatus } from '../../../shared/live/live-model';
import { Dialog } from '../components/Dialog';
import { useApi } from '../app/app-context';
import { ActionAlert } from '../workspace/roster/ActionAlert';
import { useAction } from '../workspace/roster/use-action';
import { CopyableText } from './CopyableText';

/** The port offered first; any free port works (0 lets the system choose). */
export const DEFAULT_HOST_PORT = 4455;

interface HostDialogProps {
  status: LiveStatus;
  onStatus: (status: LiveStatus) => void;
  onClose: () => void;
}

/** A port as typed: a whole number 0–65535, or null. */
export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/u.test(text.trim())) return null;
  const port = Number(text.trim());
  return port <= 65_535 ? port : null;
}

/**
 * "Host on this network" (convener): runs the relay inside this app on a port and shows the
 * addresses to give the other delegations; "Stop hosting" takes it down again.
 */
export function HostDialog({ status, onStatus, onClose }: HostDialogProps) {
  const api = useApi();
  const portId = useId();
  const [port, setPort] = useState(String(status.hosting?.port ?? status.hostingFailed?.port ?? DEFAULT_HOST_PORT));
  const { busy, error, run } = useAction();
  const chosen = parsePort(port);

  const start = (event: FormEvent) => {
    event.preventDefault();
    if (chosen === null || busy) return;
    void run(() => api.live.host(chosen), onStatus);
  };
  const stop = () => void run(() => api.live.stopHosting(), onStatus);

  return (
    <Dialog title="Host on this network" onClose={onClose} description="Other delegations on this network connect to the relay this app runs. Give them an invitation carrying one of the addresses below.">
      <form className="dialog-form live-dialog" onSubmit={start} noValidate>
        <label htmlFor={portId} className="field-label">
          Port
        </label>
        <input
          id={portId}
          className="field-input"
          inputMode="numeric"
          value={port}
          disabled={busy || status.hosting !== null}
          data-testid="live-host-port"
          onChange={(event) => setPort(event.target.value)}
        />
        {chosen === null && <p className="field-hint">A port is a number from 0 to 65535 (0: any free port).</p>}
        {status.hostingFailed && !status.hosting && (
          <p className="field-hint field-problem" data-testid="live-host-failed">
            {status.hostingFailed.message} Choose another port and start hosting, or stop hosting this negotiation.
          </p>
        )}
        {status.hosting && (
          <div className="live-addresses" data-testid="live-host-addresses">
            <p className="field-label">Addresses to give others</p>
            {status.hosting.addresses.map((address) => (
              <CopyableText
                key={address}
                label={`Relay address ${address}`}
                text={address}
                copyLabel={`Copy ${address}`}
                testId="live-host-address"
                showLabel={false}
              />
            ))}
          </div>
        )}
        <ActionAlert message={error} />
        <div className="dialog-buttons">
          {(status.hosting || status.hostingFailed) && (
            <button type="button" className={status.hosting ? 'button danger' : 'button'} disabled={busy} data-testid="live-host-stop" onClick={stop}>
              Stop hosting
            </button>
          )}
          {!status.hosting && (
            <button type="submit" className="button primary" disabled={busy || chosen === null} data-testid="live-host-start">
              Start hosting
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </Dialog>
  );
}
