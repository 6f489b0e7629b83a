import type { RosterParty } from '../../../shared/positions/model';
import { swatchStyle } from './party-colour';

interface PartyListProps {
  /** The parties at the table, from the roster (or an older workspace's manifest, before anyone convened it). */
  parties: readonly Pick<RosterParty, 'code' | 'name' | 'colour'>[];
  /** Opens the roster dialog; absent while the roster is loading. */
  onOpenRoster?: () => void;
}

/** The delegations at the table, each with its colour (e2e/UI-CONTRACT.md, "Parties" and "Roster"). */
export function PartyList({ parties, onOpenRoster }: PartyListProps) {
  return (
    <section className="sidebar-section parties" aria-labelledby="parties-heading">
      <div className="sidebar-heading">
        <h2 id="parties-heading">Parties</h2>
        <button type="button" className="button small" disabled={!onOpenRoster} onClick={onOpenRoster}>
          Roster…
        </button>
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
