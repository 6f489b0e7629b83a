import { clauseState } from './agreement';
import { recordId } from './canonical';
import type { ClausePositions, PartyPosition, PositionRecord, Verdict } from './model';
import { parsePositionRecord } from './record-schema';
import type { ResolvedRoster } from './roster';
import type { SignatureCache } from './signing';

/**
 * From stored records to each party's current position on a clause. Every peer holds the same
 * records (the map merges), so the same pure rules give the same winner everywhere, whatever order
 * the records arrived in; nothing depends on who stored what or when it arrived.
 */

/** A record with its id and verdict, as {@link judgeRecord} produced it. */
export interface JudgedRecord {
  id: string;
  record: PositionRecord;
  verdict: Verdict;
}

/** Orders records by (`at`, id): the total order every peer agrees on. */
export function compareRecords(a: { id: string; record: { at: string } }, b: { id: string; record: { at: string } }): number {
  if (a.record.at !== b.record.at) return a.record.at < b.record.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Judges one stored entry of a document's positions map: its shape and id, its signature, then
 * what the roster says (workspace, document, who may speak for the party at that time). Never
 * throws; a value that is not a record comes back with `record` null and verdict `malformed`.
 */
export function judgeRecord(
  id: string,
  value: unknown,
  ctx: { roster: ResolvedRoster; signatures: SignatureCache; workspaceId: string; docId: string },
): { record: PositionRecord | null; verdict: Verdict } {
  let record: PositionRecord;
  try {
    record = parsePositionRecord(value);
  } catch (err) {
    return { record: null, verdict: { valid: false, reason: 'malformed', message: (err as Error).message } };
  }
  if (recordId(record) !== id) {
    return {
      record,
      verdict: { valid: false, reason: 'malformed', message: 'This position is stored under an id that is not its own, so it may have been altered after it was signed.' },
    };
  }
  if (!ctx.signatures.check(id, record)) {
    return {
      record,
      verdict: {
        valid: false,
        reason: 'bad-signature',
        message: 'The signature does not match this position: a field was changed after signing, or it was signed by another key than it names.',
      },
    };
  }
  return { record, verdict: ctx.roster.judgePosition(record, { workspaceId: ctx.workspaceId, docId: ctx.docId }) };
}

/** The current record among valid ones: greatest (`at`, id), so a later change always wins and ties break the same everywhere. */
export function winnerOf<T extends { id: string; record: PositionRecord }>(records: readonly T[]): T | null {
  let best: T | null = null;
  for (const r of records) if (best === null || compareRecords(r, best) > 0) best = r;
  return best;
}

/**
 * Resolves one clause: per party at the table its winning valid record, whether that was given
 * on other text than `currentHash` (stale; a clause no longer in the document has null and every
 * position on it is stale), how many of its records do not verify, and the clause's state. The
 * history keeps every record, valid or not, oldest first.
 */
export function resolveClause(clauseId: string, currentHash: string | null, records: JudgedRecord[], partyCodes: string[]): ClausePositions {
  const mine = records.filter((r) => r.record.clauseId === clauseId).sort(compareRecords);
  const known = new Set(partyCodes);
  const parties: PartyPosition[] = partyCodes.map((party) => {
    const own = mine.filter((r) => r.record.party === party);
    const winner = winnerOf(own.filter((r) => r.verdict.valid));
    const invalid = own.filter((r) => !r.verdict.valid).length;
    if (winner === null) return { party, record: null, status: 'open', stale: false, invalid };
    const { status, textHash } = winner.record;
    if (status === 'withdrawn') return { party, record: winner.record, status: 'open', stale: false, invalid };
    return { party, record: winner.record, status, stale: textHash !== currentHash, invalid };
  });
  return {
    clauseId,
    state: clauseState(parties),
    parties,
    unattributedInvalid: mine.filter((r) => !r.verdict.valid && !known.has(r.record.party)).length,
    history: mine.map((r) => ({ id: r.id, record: r.record, verdict: r.verdict, stale: r.record.textHash !== currentHash })),
  };
}
