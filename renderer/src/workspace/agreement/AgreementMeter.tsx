import { useId, type CSSProperties } from 'react';
import type { AgreementFigures, AgreementSummary, PackageAgreement, RosterParty } from '../../../../shared/positions/model';
import { CLAUSE_STATE_LABELS } from '../../../../shared/positions/labels';
import type { DocumentEntry } from '../../../../shared/workspace/manifest';
import { swatchStyle } from '../party-colour';
import { adRefText, breakdownText, checkingText, clausesText, partyRows, percentText, shortPercentText, stateSegments } from './meter-text';

interface AgreementMeterProps {
  /** Main's figures; null while they are first being fetched. */
  agreement: PackageAgreement | null;
  /** The workspace's documents in negotiated order (titles for the per-document meters). */
  documents: readonly DocumentEntry[];
  /** The document in the active tab: the party table shows its counts, or the package's when null. */
  activeDocId: string | null;
  /** The roster's parties, for the table's order, names and colours. */
  parties: readonly RosterParty[];
}

const NO_FIGURES: AgreementFigures = {
  clauses: 0,
  agreed: 0,
  agreedAdRef: 0,
  disputed: 0,
  reserved: 0,
  open: 0,
  stale: 0,
  invalid: 0,
  percent: 0,
};

/** The count columns of "Positions by party", named as `chancery info --json`'s counts are read out. */
const COUNT_COLUMNS = ['Accepted', 'Ad ref', 'Reserved', 'Disputed', 'Open'] as const;

/** Share of the bar drawn through the CSSOM (the CSP forbids style attributes, not style properties). */
const widthStyle = (share: number): CSSProperties => ({ width: `${share}%` });

/** Clauses by state as a stacked bar: agreed, ad ref, reserved, disputed, open. Decorative; the text says the same. */
function StateBar({ figures }: { figures: AgreementFigures }) {
  return (
    <div className="agreement-bar" aria-hidden="true">
      {stateSegments(figures).map((segment) => (
        <span
          key={segment.state}
          className={`agreement-bar-segment state-${segment.state}`}
          style={widthStyle(segment.share)}
          title={CLAUSE_STATE_LABELS[segment.state]}
        />
      ))}
    </div>
  );
}

function PartyTable({ summary, parties, caption }: { summary: AgreementSummary; parties: readonly RosterParty[]; caption: string }) {
  const rows = partyRows(summary, parties);
  if (rows.length === 0) return <p className="muted agreement-note">No parties at the table yet, so no clause can be agreed.</p>;
  return (
    <table className="agreement-table" aria-label="Positions by party">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Party</th>
          {COUNT_COLUMNS.map((column) => (
            <th key={column} scope="col">
              <span>{column}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.code}>
            <th scope="row" title={row.name}>
              <span className="party-swatch" style={swatchStyle(row.colour)} aria-hidden="true" />
              {row.code}
            </th>
            <td>{row.accepted}</td>
            <td>{row.acceptedAdRef}</td>
            <td>{row.reserved}</td>
            <td>{row.disputed}</td>
            <td>{row.open}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The package figure, large, over the bar of clause states; its `meter` is what the specs read. */
function PackageFigures({ figures }: { figures: AgreementFigures }) {
  const adRef = adRefText(figures);
  const breakdown = breakdownText(figures);
  return (
    <div className="agreement-package">
      <p className="agreement-headline">
        <span className="agreement-percent">{percentText(figures.percent)}</span>
        {adRef && <span className="agreement-adref">{adRef}</span>}
      </p>
      {/* The meter lies over the bar of clause states: its agreed share is the bar's first segment. */}
      <div className="agreement-gauge">
        <StateBar figures={figures} />
        <meter
          className="agreement-meter package"
          aria-label="Package agreement"
          aria-valuenow={figures.percent}
          aria-valuemin={0}
          aria-valuemax={100}
          min={0}
          max={100}
          value={figures.percent}
        />
      </div>
      <p className="agreement-caption">{clausesText(figures)} across the package</p>
      {breakdown && <p className="agreement-breakdown">{breakdown}</p>}
      <p className="agreement-motto">Nothing is agreed until everything is agreed.</p>
    </div>
  );
}

/**
 * The agreement meter (e2e/UI-CONTRACT.md, "Agreement meter"). "Nothing is agreed until
 * everything is agreed": the package figure leads, large; each document follows with its own
 * meter; clauses agreed only ad referendum are counted apart ("+ N ad ref"), never in the share.
 * Every number is main's, updated from `positions.agreementChanged`. While main is still checking
 * signatures (just after opening), the package figure is replaced by how far it has got and a
 * document not checked yet has no meter: a number shown is always a checked one.
 */
export function AgreementMeter({ agreement, documents, activeDocId, parties }: AgreementMeterProps) {
  const headingId = useId();
  const whole = agreement?.package.agreement ?? NO_FIGURES;
  const activeTitle = activeDocId ? documents.find((d) => d.id === activeDocId)?.title : undefined;
  const activeSummary = activeDocId ? agreement?.documents[activeDocId] : undefined;
  const checking = agreement?.checking;
  // While checking, `package` sums only the documents checked so far: not the package's figure.
  const tableSummary = activeSummary ?? (checking ? undefined : agreement?.package);

  return (
    <section className="sidebar-section agreement" aria-labelledby={headingId}>
      <div className="sidebar-heading">
        <h2 id={headingId}>Agreement</h2>
      </div>
      {agreement === null ? (
        <p className="muted sidebar-note" aria-busy="true">
          Counting positions…
        </p>
      ) : (
        <>
          {checking ? (
            <p className="muted sidebar-note agreement-checking" role="status" aria-busy="true">
              {checkingText(checking)}
            </p>
          ) : (
            <PackageFigures figures={whole} />
          )}

          <ul className="agreement-docs" aria-label="Agreement by document">
            {documents.map((doc) => {
              const counted = agreement.documents[doc.id];
              if (checking && !counted) {
                return (
                  <li key={doc.id} className={doc.id === activeDocId ? 'agreement-doc current' : 'agreement-doc'}>
                    <span className="agreement-doc-title">{doc.title}</span>
                    <span className="agreement-doc-figure muted">checking…</span>
                  </li>
                );
              }
              const figures = counted?.agreement ?? NO_FIGURES;
              const docAdRef = adRefText(figures);
              return (
                <li key={doc.id} className={doc.id === activeDocId ? 'agreement-doc current' : 'agreement-doc'}>
                  <span className="agreement-doc-title" title={`${doc.title}: ${clausesText(figures)}`}>
                    {doc.title}
                  </span>
                  <meter
                    className="agreement-meter"
                    aria-label={`${doc.title} agreement`}
                    aria-valuenow={figures.percent}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    min={0}
                    max={100}
                    value={figures.percent}
                  />
                  <span className="agreement-doc-figure">
                    {shortPercentText(figures.percent)}
                    {docAdRef && <span className="agreement-adref small"> {docAdRef}</span>}
                  </span>
                </li>
              );
            })}
          </ul>

          {tableSummary && (
            <PartyTable
              summary={tableSummary}
              parties={parties}
              caption={activeSummary && activeTitle ? `Positions in ${activeTitle}` : 'Positions across the package'}
            />
          )}
        </>
      )}
    </section>
  );
}
