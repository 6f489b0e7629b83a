import type { ExportClause, ExportParty, ExportPosition } from '../export/export-model';
import type { ShownStatus } from '../positions/labels';
import type { PositionChange } from './compare-model';

/**
 * Who moved on a clause between two versions ("Velmora: Disputed → Accepted"), which is what a
 * delegation reports home after a round. A position that went stale counts as a change even when
 * its stored status did not: an acceptance given on earlier text no longer counts as agreement,
 * and the redline must never let it pass for one.
 */

/** What a position counts as, as the agreement arithmetic has it (a stale acceptance is open). */
function counted(position: ExportPosition | undefined): ShownStatus {
  if (!position) return 'open';
  if (position.stale && (position.status === 'accepted' || position.status === 'accepted-ad-ref')) return 'open';
  return position.status;
}

/**
 * The position changes on one clause, per party at the newer table (in its order). `older` is
 * absent for a clause the newer version added (every party then starts from `open`); a clause
 * only the older version has has no changes to list.
 */
export function positionChanges(
  older: ExportClause | undefined,
  newer: ExportClause,
  parties: readonly ExportParty[],
): PositionChange[] {
  const olderBy = new Map((older?.positions ?? []).map((p) => [p.party, p]));
  const newerBy = new Map(newer.positions.map((p) => [p.party, p]));
  const out: PositionChange[] = [];
  for (const party of parties) {
    const before = olderBy.get(party.code);
    const after = newerBy.get(party.code);
    const from = before?.status ?? 'open';
    const to = after?.status ?? 'open';
    if (from === to && counted(before) === counted(after)) continue;
    out.push({
      party: party.code,
      partyName: after?.partyName ?? before?.partyName ?? party.name,
      from,
      to,
      staleNow: after?.stale ?? false,
    });
  }
  return out;
}
