import { useId, useState, type FormEvent } from 'react';
import { ROUND_NAME_MAX, type RoundInfo } from '../../../shared/rounds/round-model';
import type { RosterState } from '../../../shared/positions/model';
import type { DocumentEntry } from '../../../shared/workspace/manifest';
import { errorMessage, useApi } from '../app/app-context';
import { Dialog } from '../components/Dialog';
import { ExportDialog } from '../export/ExportDialog';
import { CompareView } from './CompareView';
import { RoundView } from './RoundView';
import { cutPermission, roundDate, useRounds } from './use-rounds';

/** Which part of the rounds dialog shows: the list, one round read-only, a comparison, or the export dialog for a round. */
type Screen =
  | { kind: 'list' }
  | { kind: 'view'; round: RoundInfo }
  | { kind: 'compare'; older: RoundInfo; newer: RoundInfo | null }
  | { kind: 'export'; roundId: string; compareToRoundId: string };

interface RoundsDialogProps {
  /** Who this installation is (only the convener cuts rounds). */
  roster: RosterState | null;
  /** The workspace's documents, for the export dialog's scope. */
  documents: readonly DocumentEntry[];
  onClose: () => void;
}

const CURRENT = '';

/** The newer and older of two rounds by when they were cut, so a comparison always runs forwards. */
function ordered(a: RoundInfo, b: RoundInfo): [RoundInfo, RoundInfo] {
  return a.cutAt <= b.cutAt ? [a, b] : [b, a];
}

/**
 * "Rounds": the named versions of the negotiation (name, when and by whom, size, agreement), a
 * way to cut one (the convener), and per round: open it read-only, export it, compare it with the
 * current text or with another round. Sub-views replace the list inside the same modal flow;
 * closing one goes back to the list.
 */
export function RoundsDialog({ roster, documents, onClose }: RoundsDialogProps) {
  const api = useApi();
  const { rounds, error: listError, cut } = useRounds(api);
  const [screen, setScreen] = useState<Screen>({ kind: 'list' });
  const back = () => setScreen({ kind: 'list' });

  if (screen.kind === 'view') {
    return (
      <Dialog title={`Round: ${screen.round.name}`} onClose={back}>
        <div className="rounds-wide">
          <RoundView roundId={screen.round.id} />
        </div>
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={() => setScreen({ kind: 'export', roundId: screen.round.id, compareToRoundId: '' })}>
            Export this round…
          </button>
          <button type="button" className="button" onClick={back}>
            Back to rounds
          </button>
        </div>
      </Dialog>
    );
  }
  if (screen.kind === 'compare') {
    const newerName = screen.newer?.name ?? 'current text';
    return (
      <Dialog title={`Compare ${screen.older.name} with ${newerName}`} onClose={back}>
        <div className="rounds-wide">
          <CompareView olderRoundId={screen.older.id} newerRoundId={screen.newer?.id ?? null} />
        </div>
        <div className="dialog-buttons">
          <button
            type="button"
            className="button"
            onClick={() => setScreen({ kind: 'export', roundId: screen.newer?.id ?? CURRENT, compareToRoundId: screen.older.id })}
          >
            Export redline…
          </button>
          <button type="button" className="button" onClick={back}>
            Back to rounds
          </button>
        </div>
      </Dialog>
    );
  }
  if (screen.kind === 'export') {
    return <ExportDialog documents={documents} initial={{ roundId: screen.roundId, compareToRoundId: screen.compareToRoundId }} onClose={back} />;
  }

  return (
    <Dialog title="Rounds" onClose={onClose} description="Named versions of the whole negotiation, as they stood when they were cut. A round never changes.">
      <div className="rounds-dialog" data-testid="rounds-dialog">
        <CutRound roster={roster} cut={cut} />
        {listError ? (
          <p className="dialog-error" role="alert">
            {errorMessage(listError)}
          </p>
        ) : rounds === null ? (
          <p className="muted" aria-busy="true">
            Loading the rounds…
          </p>
        ) : rounds.length === 0 ? (
          <p className="muted" data-testid="rounds-empty">
            No rounds yet.
          </p>
        ) : (
          <>
            <RoundList
              rounds={rounds}
              onOpen={(round) => setScreen({ kind: 'view', round })}
              onExport={(round) => setScreen({ kind: 'export', roundId: round.id, compareToRoundId: '' })}
              onCompareCurrent={(round) => setScreen({ kind: 'compare', older: round, newer: null })}
            />
            <CompareTwo rounds={rounds} onCompare={(older, newer) => setScreen({ kind: 'compare', older, newer })} />
          </>
        )}
      </div>
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

function RoundList({
  rounds,
  onOpen,
  onExport,
  onCompareCurrent,
}: {
  rounds: RoundInfo[];
  onOpen: (round: RoundInfo) => void;
  onExport: (round: RoundInfo) => void;
  onCompareCurrent: (round: RoundInfo) => void;
}) {
  return (
    <ul className="rounds-list" aria-label="Rounds">
      {rounds.map((round) => (
        <li key={round.id} className="rounds-row" data-testid="round-row" data-round-id={round.id}>
          <div className="rounds-row-facts">
            <span className="rounds-row-name" data-testid="round-name">
              {round.name}
            </span>
            <span className="muted">
              cut <time dateTime={round.cutAt}>{roundDate(round.cutAt)}</time> by <span data-testid="round-by">{round.cutBy}</span>
            </span>
            <span className="muted" data-testid="round-figures">
              {round.documents} documents, {round.clauses} clauses, {round.percent}% agreed
            </span>
          </div>
          <div className="rounds-row-actions">
            <button type="button" className="button small" aria-label={`Open ${round.name}`} data-testid="round-open" onClick={() => onOpen(round)}>
              Open
            </button>
            <button type="button" className="button small" aria-label={`Export ${round.name}…`} data-testid="round-export" onClick={() => onExport(round)}>
              Export…
            </button>
            <button
              type="button"
              className="button small"
              aria-label={`Compare ${round.name} with current text`}
              data-testid="round-compare-current"
              onClick={() => onCompareCurrent(round)}
            >
              Compare with current text
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** "Compare two rounds": an older and a newer round (or the current text), always compared forwards. */
function CompareTwo({ rounds, onCompare }: { rounds: RoundInfo[]; onCompare: (older: RoundInfo, newer: RoundInfo | null) => void }) {
  const olderId = useId();
  const newerId = useId();
  const [older, setOlder] = useState(rounds[0]?.id ?? '');
  const [newer, setNewer] = useState(rounds.length > 1 ? rounds[rounds.length - 1]!.id : CURRENT);
  const a = rounds.find((r) => r.id === older);
  const b = newer === CURRENT ? null : (rounds.find((r) => r.id === newer) ?? null);
  const same = a !== undefined && b !== null && a.id === b.id;

  const compare = () => {
    if (!a || same) return;
    if (b === null) onCompare(a, null);
    else onCompare(...ordered(a, b));
  };

  return (
    <section className="rounds-compare" aria-label="Compare two versions">
      <h3 className="rounds-section-title">Compare</h3>
      <div className="rounds-compare-fields">
        <label htmlFor={olderId} className="field-label">
          From round
        </label>
        <select id={olderId} className="field-input" value={older} data-testid="compare-older" onChange={(e) => setOlder(e.target.value)}>
          {rounds.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <label htmlFor={newerId} className="field-label">
          To
        </label>
        <select id={newerId} className="field-input" value={newer} data-testid="compare-newer" onChange={(e) => setNewer(e.target.value)}>
          <option value={CURRENT}>Current text</option>
          {rounds.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={!a || same} data-testid="compare-run" onClick={compare}>
          Compare
        </button>
      </div>
      {same && <p className="field-hint">Choose two different versions.</p>}
    </section>
  );
}

/** "Cut round" for the convener; everyone else reads why they cannot. */
function CutRound({ roster, cut }: { roster: RosterState | null; cut: (name: string) => Promise<RoundInfo> }) {
  const inputId = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const permission = cutPermission(roster);

  if (!permission.allowed) {
    return (
      <p className="muted rounds-cut-unavailable" data-testid="round-cut-unavailable">
        {permission.why}
      </p>
    );
  }

  const trimmed = name.trim();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || trimmed === '') return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const round = await cut(trimmed);
      setName('');
      setDone(`Cut “${round.name}”: ${round.documents} documents, ${round.clauses} clauses, ${round.percent}% agreed.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="rounds-cut" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={inputId} className="field-label">
        Round name
      </label>
      <div className="rounds-cut-row">
        <input
          id={inputId}
          className="field-input"
          value={name}
          maxLength={ROUND_NAME_MAX}
          placeholder="e.g. Berlin round"
          disabled={busy}
          data-testid="round-name-input"
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button primary" disabled={busy || trimmed === ''} data-testid="round-cut">
          Cut round
        </button>
      </div>
      {done && (
        <p className="field-hint" role="status" data-testid="round-cut-done">
          {done}
        </p>
      )}
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
