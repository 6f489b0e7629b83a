import type { LiveStatus } from '../../../shared/live/live-model';

/** The words the connection status shows for each state (e2e/UI-CONTRACT.md, "Live co-editing"). */
export function connectionText(status: LiveStatus): string {
  switch (status.state) {
    case 'local':
      return 'Not shared';
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'offline':
      return status.hostingFailed ? `Offline: could not host on port ${status.hostingFailed.port}` : 'Offline';
    case 'refused':
      return `Refused: ${status.refusal?.message ?? 'the relay turned this connection away'}`;
  }
}

/** "3 changes not yet confirmed by the relay", or null when everything typed here has reached it. */
export function unconfirmedText(unconfirmed: number): string | null {
  if (unconfirmed <= 0) return null;
  return `${unconfirmed} ${unconfirmed === 1 ? 'change' : 'changes'} not yet confirmed by the relay`;
}

/** A longer sentence for the status' tooltip: where it connects and what to do. */
export function connectionHint(status: LiveStatus): string {
  const where = status.relay ? ` (relay ${status.relay})` : '';
  switch (status.state) {
    case 'local':
      return 'This negotiation is kept in this file only. Host it on this network or join with an invitation to co-edit live.';
    case 'offline':
      if (status.hostingFailed) {
        return `${status.hostingFailed.message} Edits are saved here. Choose another port under Co-editing, Host on this network…`;
      }
      return `Offline${where}. Edits are saved here and merge when you go online again.`;
    case 'refused':
      return `The relay refused this connection${where}. Ask the convener for a new invitation.`;
    default:
      return `${connectionText(status)}${where}`;
  }
}

/** Seven days from `now`, as the date field of the Invite dialog shows it (yyyy-mm-dd, local). */
export function defaultExpiryDate(now = new Date()): string {
  const d = new Date(now.getTime() + 7 * 24 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The end of the chosen local day, as ISO 8601 UTC with milliseconds (what an invitation carries). */
export function expiryFromDate(date: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!match) return null;
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999);
  return Number.isNaN(end.getTime()) ? null : end.toISOString();
}
