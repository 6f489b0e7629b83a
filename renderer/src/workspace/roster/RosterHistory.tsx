import type { RosterView } from '../../../../shared/positions/model';
import { describeEvent, formatMoment, verdictText } from './roster-view';

/**
 * "Roster history": every signed roster entry in the order the roster was resolved (time, then
 * id), valid or not, with its verdict, so a forged or out-of-turn entry is visible on every copy
 * rather than silently dropped.
 */
export function RosterHistory({ roster }: { roster: RosterView }) {
  return (
    <>
    <ol aria-label="Roster history" className="roster-history">
      {roster.events.map((event) => (
        <li key={event.id} className={event.verdict.valid ? 'roster-event' : 'roster-event invalid'}>
          <time dateTime={event.entry.at} className="roster-event-time">
            {formatMoment(event.entry.at)}
          </time>
          <span className="roster-event-text">{describeEvent(roster, event)}</span>
          <span className={event.verdict.valid ? 'verdict valid' : 'verdict invalid'}>{verdictText(event)}</span>
        </li>
      ))}
    </ol>
    {roster.events.length === 0 && <p className="muted">No signed roster entries yet.</p>}
    </>
  );
}
