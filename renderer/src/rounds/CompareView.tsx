import { useEffect, useState } from 'react';
import type {
  ClauseComparison,
  ComparisonCounts,
  DiffParagraph,
  DocumentComparison,
  WorkspaceComparison,
} from '../../../shared/compare/compare-model';
import { countsLines, movedMarker, positionChangeText, renumberedMarker } from '../../../shared/compare/redline-text';
import { errorMessage, useApi } from '../app/app-context';

/** Inline (one text with insertions and deletions) or side by side (older | newer per clause). */
export type CompareLayout = 'inline' | 'side-by-side';

/** The runs of one paragraph: kept words plain, insertions in <ins>, deletions in <del>; `side` keeps only one version's runs. */
function Runs({ paragraph, side }: { paragraph: DiffParagraph; side?: 'old' | 'new' }) {
  return (
    <p className="compare-paragraph">
      {paragraph.runs.map((run, i) => {
        if (run.op === 'insert') return side === 'old' ? null : <ins key={i}>{run.text}</ins>;
        if (run.op === 'delete') return side === 'new' ? null : <del key={i}>{run.text}</del>;
        return <span key={i}>{run.text}</span>;
      })}
    </p>
  );
}

/** What happened to a clause, in the words of a redline's margin: "added", "(was 4)", "moved from after para 3". */
export function clauseNotes(clause: ClauseComparison): string[] {
  const notes: string[] = [];
  if (clause.kind === 'added') notes.push('added');
  if (clause.kind === 'removed') notes.push('removed');
  if (clause.kind === 'changed') notes.push('changed');
  if (clause.renumbered && clause.oldLabel !== undefined) notes.push(renumberedMarker(clause));
  if (clause.moved) notes.push(movedMarker(clause));
  return notes;
}

/** The summary line of a comparison or one document of it, in the redline exports' words. */
export function countsText(counts: ComparisonCounts): string {
  return countsLines(counts).join('; ');
}

function ClauseRow({ clause, layout }: { clause: ClauseComparison; layout: CompareLayout }) {
  const label = clause.newLabel ?? clause.oldLabel ?? clause.id;
  const notes = clauseNotes(clause);
  return (
    <section
      className={`compare-clause kind-${clause.kind}${clause.moved ? ' moved' : ''}`}
      data-testid="compare-clause"
      data-clause-id={clause.id}
      data-kind={clause.kind}
      data-moved={String(clause.moved)}
      data-renumbered={String(clause.renumbered)}
      aria-label={`Clause ${label}`}
    >
      <header className="compare-clause-head">
        <span className="compare-clause-label">{label}</span>
        {notes.map((note) => (
          <span key={note} className="compare-note" data-testid="compare-note">
            {note}
          </span>
        ))}
      </header>
      {layout === 'inline' ? (
        <div className="compare-text" data-testid="compare-inline">
          {clause.paragraphs.map((p, i) => (
            <Runs key={i} paragraph={p} />
          ))}
        </div>
      ) : (
        <div className="compare-columns" data-testid="compare-columns">
          <div className="compare-old" data-testid="compare-old">
            {clause.kind === 'added' ? <p className="muted">(not in this version)</p> : clause.paragraphs.map((p, i) => <Runs key={i} paragraph={p} side="old" />)}
          </div>
          <div className="compare-new" data-testid="compare-new">
            {clause.kind === 'removed' ? <p className="muted">(removed)</p> : clause.paragraphs.map((p, i) => <Runs key={i} paragraph={p} side="new" />)}
          </div>
        </div>
      )}
      {clause.positionChanges.length > 0 && (
        <ul className="compare-positions" aria-label={`Position changes on clause ${label}`}>
          {clause.positionChanges.map((change) => (
            <li key={change.party} data-testid="compare-position-change" data-party={change.party}>
              {positionChangeText(change)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Whether an aligned item differs between the versions in any way a reader must see: words, place,
 * number or positions. A 150k-word package with a few dozen changes is read by its changes.
 */
export function isChange(item: DocumentComparison['items'][number]): boolean {
  if (item.kind === 'clause') {
    const c = item.clause;
    return c.kind !== 'unchanged' || c.moved || c.renumbered || c.positionChanges.length > 0;
  }
  return item.paragraphs.some((p) => p.runs.some((r) => r.op !== 'equal'));
}

function DocumentRows({ doc, layout, changesOnly }: { doc: DocumentComparison; layout: CompareLayout; changesOnly: boolean }) {
  const items = changesOnly ? doc.items.filter(isChange) : doc.items;
  return (
    <article className="compare-document" aria-label={doc.title} data-testid="compare-document" data-doc-id={doc.id} data-presence={doc.presence}>
      <h3 className="round-document-title">
        {doc.title}
        {doc.oldTitle && <span className="muted"> (was “{doc.oldTitle}”)</span>}
        {doc.presence !== 'both' && <span className="compare-note"> {doc.presence === 'added' ? 'new document' : 'document removed'}</span>}
      </h3>
      <p className="muted compare-counts">{countsText(doc.counts)}</p>
      {items.length === 0 && <p className="muted" data-testid="compare-no-changes">No changes in this document.</p>}
      {items.map((item, i) =>
        item.kind === 'clause' ? (
          <ClauseRow key={item.clause.id} clause={item.clause} layout={layout} />
        ) : (
          <div key={`block-${i}`} className={`compare-block level-${item.level}${layout === 'inline' ? '' : ' compare-columns'}`}>
            {layout === 'inline' ? (
              item.paragraphs.map((p, j) => <Runs key={j} paragraph={p} />)
            ) : (
              <>
                <div className="compare-old">{item.paragraphs.map((p, j) => <Runs key={j} paragraph={p} side="old" />)}</div>
                <div className="compare-new">{item.paragraphs.map((p, j) => <Runs key={j} paragraph={p} side="new" />)}</div>
              </>
            )}
          </div>
        ),
      )}
    </article>
  );
}

/** A comparison as the app shows it: a summary, a layout toggle, then every document clause by clause. */
export function ComparisonReading({ comparison }: { comparison: WorkspaceComparison }) {
  const [layout, setLayout] = useState<CompareLayout>('inline');
  const [changesOnly, setChangesOnly] = useState(true);
  return (
    <div className="compare-view" data-testid="compare-view" data-layout={layout}>
      <p className="compare-summary" data-testid="compare-summary">
        From <strong>{comparison.older.name}</strong> to <strong>{comparison.newer.name}</strong>: {countsText(comparison.counts)}.
      </p>
      <div role="toolbar" aria-label="Comparison layout" className="compare-toolbar">
        {(['inline', 'side-by-side'] as const).map((option) => (
          <button
            key={option}
            type="button"
            className="button small"
            aria-pressed={layout === option}
            data-testid={`compare-layout-${option}`}
            onClick={() => setLayout(option)}
          >
            {option === 'inline' ? 'Inline' : 'Side by side'}
          </button>
        ))}
        <label className="compare-changes-only">
          <input type="checkbox" checked={changesOnly} data-testid="compare-changes-only" onChange={(e) => setChangesOnly(e.target.checked)} /> Changes only
        </label>
      </div>
      {layout === 'side-by-side' && (
        <div className="compare-columns compare-column-heads" aria-hidden="true">
          <div>{comparison.older.name}</div>
          <div>{comparison.newer.name}</div>
        </div>
      )}
      {comparison.documents.map((doc) => (
        <DocumentRows key={doc.id} doc={doc} layout={layout} changesOnly={changesOnly} />
      ))}
    </div>
  );
}

/** Asks main to compare `olderRoundId` with `newerRoundId` (null: the current text) and shows the result. */
export function CompareView({ olderRoundId, newerRoundId }: { olderRoundId: string; newerRoundId: string | null }) {
  const api = useApi();
  const [state, setState] = useState<{ comparison: WorkspaceComparison | null; error: string | null }>({ comparison: null, error: null });
  useEffect(() => {
    let live = true;
    api.rounds.compare(olderRoundId, newerRoundId).then(
      (comparison) => live && setState({ comparison, error: null }),
      (err: unknown) => live && setState({ comparison: null, error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, olderRoundId, newerRoundId]);

  if (state.error) {
    return (
      <p className="dialog-error" role="alert">
        {state.error}
      </p>
    );
  }
  if (!state.comparison) return <p className="muted" aria-busy="true">Comparing…</p>;
  return <ComparisonReading comparison={state.comparison} />;
}
