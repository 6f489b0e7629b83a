import type { CSSProperties } from 'react';
import type { Party } from '../../../shared/workspace/manifest';

/** A party's colour comes from the shared manifest; anything that is not a CSS colour is ignored. */
function swatchStyle(colour: string): CSSProperties | undefined {
  const valid = typeof CSS !== 'undefined' && CSS.supports('color', colour);
  // Set through React's style prop, i.e. through the CSSOM, which the CSP allows (no style attribute).
  return valid ? { backgroundColor: colour } : undefined;
}

/** The delegations at the table, each with its colour (e2e/UI-CONTRACT.md, "Parties"). */
export function PartyList({ parties }: { parties: readonly Party[] }) {
  return (
    <section className="sidebar-section parties" aria-labelledby="parties-heading">
      <div className="sidebar-heading">
        <h2 id="parties-heading">Parties</h2>
      </div>
      <ul aria-label="Parties" className="party-list">
        {parties.map((party) => (
          <li key={party.code} className="party-item">
            <span className="party-swatch" style={swatchStyle(party.colour)} aria-hidden="true" />
            <span className="party-name">{party.name}</span>
            <span className="party-code">{party.code}</span>
          </li>
        ))}
      </ul>
      {parties.length === 0 && <p className="muted sidebar-note">No parties recorded yet.</p>}
    </section>
  );
}
