import { isChanceryError } from '../../../shared/errors';
import type { InvalidReason, RosterEntry } from '../../../shared/positions/model';
import type { WorkspaceSession } from '../workspace/workspace-session';
import { clauseNumbers } from './positions-report';

/**
 * `chancery verify`: every roster entry and every stored position checked (signature, chain of
 * trust back to the convener, binding to this workspace, document and party), and each that does
 * not verify named — so a delegation can check a file it was sent before trusting its figures.
 */

/** One record that does not verify. */
export interface VerifyProblem {
  kind: 'roster' | 'position';
  /** The record's id (its key in the file). */
  id: string;
  docId?: string;
  clauseId?: string;
  /** The clause's shown number, when the clause is still in the document. */
  clause?: string;
  party?: string;
  /** The signing key, and its name on the roster when it has one. */
  key?: string;
  name?: string;
  reason: InvalidReason;
  message: string;
}

/** What `chancery verify --json` prints. */
export interface VerifyReport {
  valid: boolean;
  rosterEntries: number;
  positions: number;
  problems: VerifyProblem[];
  /** Documents that could not be read at all, so not checked (with why). */
  damaged: { id: string; problem: string }[];
}

function describeEntry(entry: RosterEntry): string {
  switch (entry.action) {
    case 'convene':
      return `convening by ${entry.name}`;
    case 'party':
      return `${entry.retired ? 'retirement' : 'definition'} of party ${entry.party}`;
    case 'admit':
      return `admission of ${entry.name} as ${entry.role}${entry.party ? ` of ${entry.party}` : ''}`;
    case 'remove':
      return `removal of ${entry.key.slice(0, 8)}…`;
    case 'claim':
      return `joining of ${entry.name} as ${entry.invitation.role}${entry.invitation.party ? ` of ${entry.invitation.party}` : ''} by invitation`;
  }
}

/** Checks everything; reads only. */
export function verifyWorkspace(session: WorkspaceSession): VerifyReport {
  const roster = session.positions.roster();
  const names = new Map(roster.members.map((m) => [m.key, m.name]));
  const problems: VerifyProblem[] = [];
  for (const event of roster.events) {
    if (event.verdict.valid) continue;
    const entry = event.entry as Partial<RosterEntry> | null;
    const key = typeof entry?.signer === 'string' ? entry.signer : undefined;
    problems.push({
      kind: 'roster',
      id: event.id,
      ...(key ? { key } : {}),
      ...(key && names.has(key) ? { name: names.get(key)! } : {}),
      reason: event.verdict.reason,
      message: `${typeof entry?.action === 'string' ? describeEntry(event.entry) : 'unreadable entry'}: ${event.verdict.message}`,
    });
  }
  let positions = 0;
  const damaged: VerifyReport['damaged'] = [];
  for (const { id: docId } of session.manifest().documents) {
    let state;
    try {
      state = session.positions.documentState(docId);
    } catch (err) {
      if (!isChanceryError(err, 'DOCUMENT_DAMAGED')) throw err;
      damaged.push({ id: docId, problem: err.message });
      continue;
    }
    const numbers = clauseNumbers(session, docId);
    const { records, malformed } = state.allRecords();
    positions += records.length + malformed.length;
    for (const { id, record, verdict } of records) {
      if (verdict.valid) continue;
      const number = numbers.get(record.clauseId)?.number;
      problems.push({
        kind: 'position',
        id,
        docId,
        clauseId: record.clauseId,
        ...(number !== undefined ? { clause: number } : {}),
        party: record.party,
        key: record.member,
        ...(names.has(record.member) ? { name: names.get(record.member)! } : {}),
        reason: verdict.reason,
        message: verdict.message,
      });
    }
    for (const { id, verdict } of malformed) {
      if (!verdict.valid) problems.push({ kind: 'position', id, docId, reason: verdict.reason, message: verdict.message });
    }
  }
  return { valid: problems.length === 0 && damaged.length === 0, rosterEntries: roster.events.length, positions, problems, damaged };
}

/** The report for a terminal: one line per problem, or the all-clear. */
export function formatVerify(report: VerifyReport, titles: Map<string, string>): string {
  if (report.valid) return `All ${report.rosterEntries} roster entries and ${report.positions} positions verify.`;
  const lines: string[] = [];
  for (const p of report.problems) {
    const who = p.name ? `${p.name} (${p.key?.slice(0, 8)}…)` : p.key ? `key ${p.key.slice(0, 8)}…` : 'unknown signer';
    if (p.kind === 'roster') lines.push(`Roster entry ${p.id.slice(0, 10)}… signed by ${who}: ${p.message} [${p.reason}]`);
    else {
      const where = `${titles.get(p.docId!) ?? p.docId}, ${p.clause !== undefined ? `clause ${p.clause}` : p.clauseId ? `clause ${p.clauseId} (no longer in the text)` : 'unreadable record'}`;
      lines.push(`${where}${p.party ? `, ${p.party}` : ''}, signed by ${who}: ${p.message} [${p.reason}]`);
    }
  }
  for (const d of report.damaged) lines.push(`Not checked: ${d.problem}`);
  lines.push(countsLine(report));
  return lines.join('\n');
}

const KINDS = {
  roster: { one: 'roster entry', many: 'roster entries', total: (r: VerifyReport) => r.rosterEntries },
  position: { one: 'position', many: 'positions', total: (r: VerifyReport) => r.positions },
} as const;

/**
 * The closing count, saying exactly which kind failed: "1 of 122 positions does not verify; all
 * 11 roster entries verify." Failing kinds come first; a kind with none stored is said so.
 */
export function countsLine(report: VerifyReport): string {
  const failing: string[] = [];
  const passing: string[] = [];
  for (const kind of ['roster', 'position'] as const) {
    const { one, many } = KINDS[kind];
    const total = KINDS[kind].total(report);
    const bad = report.problems.filter((p) => p.kind === kind).length;
    if (bad > 0) failing.push(`${bad} of ${total} ${total === 1 ? one : many} ${bad === 1 ? 'does' : 'do'} not verify`);
    else if (total === 0) passing.push(`there are no ${many}`);
    else passing.push(total === 1 ? `the one ${one} verifies` : `all ${total} ${many} verify`);
  }
  const damaged = report.damaged.length;
  const unread = damaged === 0 ? [] : [`${damaged} ${damaged === 1 ? 'document was' : 'documents were'} not checked`];
  const sentence = [...failing, ...passing, ...unread].join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
