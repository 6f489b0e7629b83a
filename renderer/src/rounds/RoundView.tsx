import { useEffect, useState } from 'react';
import { CLAUSE_STATE_LABELS, STALE_LABEL, STATUS_CODES, STATUS_LABELS } from '../../../shared/positions/labels';
import type { RoundItemView, RoundView as RoundViewData } from '../../../shared/rounds/round-model';
import { errorMessage, useApi } from '../app/app-context';
import { roundDate } from './use-rounds';

/** Disputed and reserved clauses are the ones diplomats print in square brackets. */
function bracketed(state: string): boolean {
  return state === 'disputed' || state === 'reserved';
}

/** One clause or block of a round: its text as it stood, never editable. */
function RoundItem({ item, partyNames }: { item: RoundItemView; partyNames: ReadonlyMap<string, string> }) {
  if (item.kind === 'block') {
    const Tag = item.level > 0 ? (`h${Math.min(6, item.level + 3)}` as 'h4') : 'p';
    return (
      <div className="round-block">
        {item.paragraphs.map((text, i) => (
          <Tag key={i} className={item.level > 0 ? 'round-heading' : 'round-paragraph'}>
            {text}
          </Tag>
        ))}
      </div>
    );
  }
  const brackets = bracketed(item.state);
  return (
    <section
      className={`round-clause${brackets ? ' bracketed' : ''}`}
      data-testid="round-clause"
      data-clause-id={item.id}
      data-state={item.state}
      aria-label={`Clause ${item.label}`}
    >
      <div className="round-clause-margin">
        <span className="round-clause-label" data-testid="round-clause-label">
          {item.label}
        </span>
        <span className={`round-clause-state state-${item.state}`} title={CLAUSE_STATE_LABELS[item.state]}>
          {CLAUSE_STATE_LABELS[item.state]}
        </span>
      </div>
      <div className="round-clause-text" data-testid="round-clause-text">
        {item.paragraphs.map((text, i) => (
          <p key={i}>
            {brackets && i === 0 && <span className="round-bracket">[</span>}
            {text}
            {brackets && i === item.paragraphs.length - 1 && <span className="round-bracket">]</span>}
          </p>
        ))}
      </div>
      <ul className="round-positions" aria-label={`Positions on clause ${item.label}`}>
        {item.positions.map((p) => {
          const name = `${p.party}: ${STATUS_LABELS[p.status]}${p.stale ? `, ${STALE_LABEL.toLowerCase()}` : ''}`;
          return (
            <li
              key={p.party}
              className={`round-position status-${p.status}${p.stale ? ' stale' : ''}`}
              data-testid="round-position"
              data-party={p.party}
              data-status={p.status}
              data-stale={String(p.stale)}
              aria-label={name}
              title={`${partyNames.get(p.party) ?? p.party}: ${STATUS_LABELS[p.status]}${p.stale ? ` (${STALE_LABEL})` : ''}`}
            >
              <span aria-hidden="true">
                {p.party} {STATUS_CODES[p.status].letter}
                {p.stale ? '*' : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A round's text as it stood: every document stacked, clause labels, states, brackets, per-party letters. */
export function RoundReading({ view }: { view: RoundViewData }) {
  const partyNames = new Map(view.parties.map((p) => [p.code, p.name]));
  return (
    <div className="round-view" data-testid="round-view" data-round-id={view.info.id}>
      <p className="round-readonly" role="note" data-testid="round-readonly">
        Read-only: {view.info.name}, cut {roundDate(view.info.cutAt)}
      </p>
      <p className="muted round-summary">
        {view.title} — {view.agreement.percent}% agreed ({view.agreement.agreed} of {view.agreement.clauses} clauses), cut by {view.info.cutBy}.
        Letters: {(['accepted', 'accepted-ad-ref', 'reserved', 'disputed', 'open'] as const).map((s) => `${STATUS_CODES[s].letter} ${STATUS_LABELS[s]}`).join(', ')}; * {STALE_LABEL.toLowerCase()}.
      </p>
      {view.documents.map((doc) => (
        <article key={doc.id} className="round-document" aria-label={doc.title} data-testid="round-document" data-doc-id={doc.id}>
          <h3 className="round-document-title">
            {doc.title} <span className="muted">({doc.agreement.percent}% agreed)</span>
          </h3>
          {doc.items.map((item, i) => (
            <RoundItem key={item.kind === 'clause' ? item.id : `block-${i}`} item={item} partyNames={partyNames} />
          ))}
        </article>
      ))}
    </div>
  );
}

/** Loads a round from main and shows it read-only (or why it could not be read). */
export function RoundView({ roundId }: { roundId: string }) {
  const api = useApi();
  const [state, setState] = useState<{ view: RoundViewData | null; error: string | null }>({ view: null, error: null });
  useEffect(() => {
    let live = true;
    api.rounds.view(roundId).then(
      (view) => live && setState({ view, error: null }),
      (err: unknown) => live && setState({ view: null, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, roundId]);

  if (state.error) {
    return (
      <p className="dialog-error" role="alert">
        {state.error}
      </p>
    );
  }
  if (!state.view) return <p className="muted" aria-busy="true">Reading the round…</p>;
  return <RoundReading view={state.view} />;
}
