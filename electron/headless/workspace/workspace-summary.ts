import { isChanceryError } from '../../../shared/errors';
import type { AgreementFigures, PartyCounts } from '../../../shared/positions/model';
import { documentNode, documentStats } from '../../../shared/workspace/document-content';
import type { WorkspaceSession } from './workspace-session';

/** A document that could not be read, and why (the message says what to do). */
export interface DamagedDocument {
  id: string;
  title: string;
  problem: string;
}

/** A party at the table with how many clauses of the package it has accepted, reserved, disputed or left open. */
export type PartySummary = { code: string; name: string } & PartyCounts;

/**
 * The status `chancery info` prints; the JSON shape is a contract for scripts. `damaged` and
 * `problems` appear only when there is something to report. The workspace's `parties` stay the
 * list of {code, name} scripts already read, each with the package's counts added; a document's
 * `parties` are its counts by party code.
 */
export interface WorkspaceSummary {
  /** The workspace's id: the same in every copy of it (a joined or merged file), different in any other workspace. */
  workspaceId: string;
  title: string;
  parties: PartySummary[];
  documents: {
    id: string;
    title: string;
    clauses: number;
    words: number;
    agreement: AgreementFigures;
    parties: Record<string, PartyCounts>;
  }[];
  /** The package's figures: every clause of every readable document ("nothing is agreed until everything is agreed"). */
  agreement: AgreementFigures;
  /** Documents listed in the workspace whose stored text cannot be read. */
  damaged?: DamagedDocument[];
  /** Manifest entries that could not be read and are not listed (see readManifest). */
  problems?: string[];
}

const NO_COUNTS: PartyCounts = { accepted: 0, acceptedAdRef: 0, reserved: 0, disputed: 0, open: 0 };

/** Reads title, parties and per-document figures from an open session; never changes a doc. */
export function summarizeWorkspace(session: WorkspaceSession): WorkspaceSummary {
  const manifest = session.manifest();
  const documents: WorkspaceSummary['documents'] = [];
  const damaged: DamagedDocument[] = [];
  for (const { id, title } of manifest.documents) {
    try {
      const stats = documentStats(documentNode(session.getDoc(id)));
      const { agreement, parties } = session.positions.docPositions(id).summary;
      documents.push({ id, title, ...stats, agreement, parties });
    } catch (err) {
      if (!isChanceryError(err, 'DOCUMENT_DAMAGED')) throw err;
      damaged.push({ id, title, problem: err.message });
    }
  }
  const pkg = session.positions.packageAgreement().package;
  return {
    workspaceId: session.store.meta.workspaceId,
    title: manifest.title,
    parties: session.positions.roster().parties.map(({ code, name }) => ({ code, name, ...(pkg.parties[code] ?? NO_COUNTS) })),
    documents,
    agreement: pkg.agreement,
    ...(damaged.length > 0 ? { damaged } : {}),
    ...(manifest.problems.length > 0 ? { problems: manifest.problems } : {}),
  };
}

/** "Agreement: 42.1% (16 of 38 clauses agreed by all; 3 ad referendum; 5 disputed; 1 reserved; 1 stale)". */
export function formatAgreement(a: AgreementFigures, label = 'Agreement'): string {
  const extra = [
    a.agreedAdRef > 0 ? `${a.agreedAdRef} ad referendum` : null,
    a.disputed > 0 ? `${a.disputed} disputed` : null,
    a.reserved > 0 ? `${a.reserved} reserved` : null,
    a.stale > 0 ? `${a.stale} stale` : null,
    a.invalid > 0 ? `${a.invalid} with invalid records` : null,
  ].filter((s) => s !== null);
  return `${label}: ${a.percent.toFixed(1)}% (${a.agreed} of ${a.clauses} clauses agreed by all${extra.map((s) => `; ${s}`).join('')})`;
}

/** Human-readable form of the summary, aligned for a terminal. */
export function formatSummary(s: WorkspaceSummary): string {
  const lines = [s.title, '', formatAgreement(s.agreement, 'Package agreement'), ''];
  lines.push(`Parties (${s.parties.length}):`);
  for (const p of s.parties) {
    lines.push(`  ${p.code.padEnd(8)} ${p.name}  (accepted ${p.accepted}, ad ref ${p.acceptedAdRef}, reserved ${p.reserved}, disputed ${p.disputed}, open ${p.open})`);
  }
  if (s.parties.length === 0) lines.push('  (none)');
  lines.push('', `Documents (${s.documents.length + (s.damaged?.length ?? 0)}):`);
  const idWidth = Math.max(2, ...s.documents.map((d) => d.id.length), ...(s.damaged ?? []).map((d) => d.id.length));
  for (const d of s.documents) {
    lines.push(`  ${d.id.padEnd(idWidth)}  ${String(d.clauses).padStart(4)} clauses  ${String(d.words).padStart(6)} words  ${d.title}`);
    lines.push(`  ${''.padEnd(idWidth)}  ${formatAgreement(d.agreement)}`);
  }
  for (const d of s.damaged ?? []) lines.push(`  ${d.id.padEnd(idWidth)}  DAMAGED (cannot be read)   ${d.title}`);
  if (s.documents.length === 0 && !s.damaged?.length) lines.push('  (none)');
  for (const p of s.problems ?? []) lines.push(`  Note: ${p}`);
  return lines.join('\n');
}
