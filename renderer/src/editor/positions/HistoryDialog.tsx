import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { errorMessage } from '../../app/app-context';
import { STATUS_LABELS } from '../../../../shared/positions/labels';
import type { ClauseView, RosterState } from '../../../../shared/positions/model';
import { formatTime, memberName } from './gutter-model';
import type { PositionHistory } from './positions-store';

interface HistoryDialogProps {
  number: string;
  /** Loads the clause's records from main. */
  load: () => Promise<PositionHistory>;
  /** The clause's current view: when main sends a new one, the history is loaded again. */
  view: ClauseView | undefined;
  roster: RosterState | null;
  onClose: () => void;
}

type Loaded = { rows: PositionHistory } | { error: string } | null;

/** One record as a row's words: what e2e/UI-CONTRACT.md names the columns. */
function rowText(entry: PositionHistory[number], roster: RosterState | null) {
  const { record, verdict, stale } = entry;
  return {
    party: record.party,
    status: STATUS_LABELS[record.status],
    member: memberName(roster, record.member),
    time: formatTime(record.at),
    text: stale ? 'earlier wording' : 'current',
    validity: verdict.valid ? 'valid' : verdict.message,
    reason: verdict.valid ? null : verdict.reason,
    note: [record.comment ? `Comment: ${record.comment}` : '', record.proposal ? `Proposed wording: ${record.proposal}` : ''].filter(Boolean).join('\n'),
  };
}

/** Main sends the history oldest first; sorted here too, by (time, id) as records are resolved. */
function oldestFirst(rows: PositionHistory): PositionHistory {
  return [...rows].sort((a, b) => (a.record.at < b.record.at ? -1 : a.record.at > b.record.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * "History of clause N": every record given on the clause, oldest first, valid or not — the
 * append-only history that lets anyone check who said what, when, and against which text.
 */
export function HistoryDialog({ number, load, view, roster, onClose }: HistoryDialogProps) {
  const [loaded, setLoaded] = useState<Loaded>(null);

  useEffect(() => {
    let live = true;
    load().then(
      (rows) => live && setLoaded({ rows: oldestFirst(rows) }),
      (error: unknown) => live && setLoaded({ error: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [load, view]);

  return (
    <Dialog title={`History of clause ${number}`} onClose={onClose}>
      <div className="history-body">
        {loaded === null && (
          <p className="muted" aria-busy="true">
            Loading the history…
          </p>
        )}
        {loaded !== null && 'error' in loaded && (
          <p className="dialog-error" role="alert">
            {loaded.error}
          </p>
        )}
        {loaded !== null && 'rows' in loaded && loaded.rows.length === 0 && <p className="muted">No party has given a position on this clause yet.</p>}
        {loaded !== null && 'rows' in loaded && loaded.rows.length > 0 && (
          <table className="history-table">
            <thead>
              <tr>
                <th scope="col">Party</th>
                <th scope="col">Status</th>
                <th scope="col">Member</th>
                <th scope="col">Time</th>
                <th scope="col">Text</th>
                <th scope="col">Validity</th>
              </tr>
            </thead>
            <tbody>
              {loaded.rows.map((entry) => {
                const row = rowText(entry, roster);
                return (
                  <tr key={entry.id} className={row.reason ? 'invalid' : undefined} title={row.note || undefined}>
                    <td>{row.party}</td>
                    <td>{row.status}</td>
                    <td>{row.member}</td>
                    <td>
                      <time dateTime={entry.record.at}>{row.time}</time>
                    </td>
                    <td>{row.text}</td>
                    <td data-reason={row.reason ?? undefined}>{row.validity}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
