import { CLAUSE_STATE_LABELS, STALE_LABEL, STATUS_LABELS } from '../positions/labels';
import { dateText } from '../export/export-text';
import type { ClauseComparison, ComparedVersion, ComparisonCounts, DocumentComparison, PositionChange, WorkspaceComparison } from './compare-model';

/**
 * The words every redline prints around the compared text (HTML, Markdown, the PDF printed from
 * the HTML, and the redline DOCX may use them too): a delegation holding the PDF and another the
 * DOCX must read the same "Moved from after para 3" and "Velmora (VEL): Disputed → Accepted".
 * Plain strings; each renderer escapes them for its format.
 */

/** The redline's heading: what was compared with what. */
export function redlineTitle(cmp: WorkspaceComparison): string {
  return `${cmp.title} — changes from ${cmp.older.name} to ${cmp.newer.name}`;
}

/** One side of the comparison on the cover: "Berlin round (1 March 2025, 10:00 UTC)". */
export function versionLine(version: ComparedVersion): string {
  return `${version.name} (${dateText(version.at)})`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The tallies as a reader scans them, e.g. "3 clauses changed, 1 added, …". */
export function countsLines(c: ComparisonCounts): string[] {
  return [
    `${plural(c.changed, 'clause', 'clauses')} changed, ${c.added} added, ${c.removed} removed`,
    `${plural(c.moved, 'clause', 'clauses')} moved, ${c.renumbered} renumbered`,
    `${plural(c.wordsInserted, 'word', 'words')} inserted, ${c.wordsDeleted} deleted`,
    plural(c.positionChanges, 'position change', 'position changes'),
  ];
}

/** "Moved from after para 3", or "Moved from the start" for a clause that came first. */
export function movedMarker(clause: ClauseComparison): string {
  return clause.movedFromAfter ? `Moved from after para ${clause.movedFromAfter}` : 'Moved from the start';
}

/** "(was 4)": the number a renumbered clause had in the older version. */
export function renumberedMarker(clause: ClauseComparison): string {
  return `(was ${clause.oldLabel ?? ''})`;
}

/** "Added" / "Removed" for a clause only one side has, naming the version it is (not) in. */
export function presenceMarker(clause: ClauseComparison, cmp: WorkspaceComparison): string | null {
  if (clause.kind === 'added') return `Added in ${cmp.newer.name}`;
  if (clause.kind === 'removed') return `Removed since ${cmp.older.name}`;
  return null;
}

/** The label printed before the clause: its newer number, or its older one when removed. */
export function clauseHeadLabel(clause: ClauseComparison): string {
  return clause.newLabel ?? clause.oldLabel ?? '';
}

/**
 * "Republic of Velmora (VEL): Disputed → Accepted", with "(Given on earlier text)" when the
 * newer position is stale — so a lapsed acceptance can never read as agreement.
 */
export function positionChangeText(change: PositionChange): string {
  const stale = change.staleNow ? ` (${STALE_LABEL})` : '';
  return `${change.partyName} (${change.party}): ${STATUS_LABELS[change.from]} → ${STATUS_LABELS[change.to]}${stale}`;
}

/** "State: Disputed → Agreed by all", when the clause's state differs between the versions. */
export function stateChangeText(clause: ClauseComparison): string | null {
  if (!clause.oldState || !clause.newState || clause.oldState === clause.newState) return null;
  return `State: ${CLAUSE_STATE_LABELS[clause.oldState]} → ${CLAUSE_STATE_LABELS[clause.newState]}`;
}

/** A document's presence note ("Document added in Current text"), or null when both have it. */
export function documentPresenceText(doc: DocumentComparison, cmp: WorkspaceComparison): string | null {
  if (doc.presence === 'added') return `Document added in ${cmp.newer.name}`;
  if (doc.presence === 'removed') return `Document removed since ${cmp.older.name}`;
  return null;
}

/** "Formerly: Framework", for a renamed document. */
export function oldTitleText(doc: DocumentComparison): string | null {
  return doc.oldTitle !== undefined ? `Formerly: ${doc.oldTitle}` : null;
}

/** Every position change of a document, each prefixed with its clause: "Para 5 bis — Velmora (VEL): …". */
export function documentPositionLines(doc: DocumentComparison): string[] {
  const lines: string[] = [];
  for (const item of doc.items) {
    if (item.kind !== 'clause') continue;
    for (const change of item.clause.positionChanges) lines.push(`Para ${clauseHeadLabel(item.clause)} — ${positionChangeText(change)}`);
  }
  return lines;
}

/** Heading of the per-document list of position changes. */
export const POSITION_CHANGES_TITLE = 'Position changes';
