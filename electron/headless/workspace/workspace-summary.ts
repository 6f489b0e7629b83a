import { isChanceryError } from '../../../shared/errors';
import { documentNode, documentStats } from '../../../shared/workspace/document-content';
import type { WorkspaceSession } from './workspace-session';

/** A document that could not be read, and why (the message says what to do). */
export interface DamagedDocument {
  id: string;
  title: string;
  problem: string;
}

/**
 * The status `chancery info` prints; the JSON shape is a contract for scripts. `damaged` and
 * `problems` appear only when there is something to report, so a healthy workspace prints
 * exactly title, parties and documents.
 */
export interface WorkspaceSummary {
  title: string;
  parties: { code: string; name: string }[];
  documents: { id: string; title: string; clauses: number; words: number }[];
  /** Documents listed in the workspace whose stored text cannot be read. */
  damaged?: DamagedDocument[];
  /** Manifest entries that could not be read and are not listed (see readManifest). */
  problems?: string[];
}

/** Reads title, parties and per-document figures from an open session; never changes a doc. */
export function summarizeWorkspace(session: WorkspaceSession): WorkspaceSummary {
  const manifest = session.manifest();
  const documents: WorkspaceSummary['documents'] = [];
  const damaged: DamagedDocument[] = [];
  for (const { id, title } of manifest.documents) {
    try {
      documents.push({ id, title, ...documentStats(documentNode(session.getDoc(id))) });
    } catch (err) {
      if (!isChanceryError(err, 'DOCUMENT_DAMAGED')) throw err;
      damaged.push({ id, title, problem: err.message });
    }
  }
  return {
    title: manifest.title,
    parties: manifest.parties.map(({ code, name }) => ({ code, name })),
    documents,
    ...(damaged.length > 0 ? { damaged } : {}),
    ...(manifest.problems.length > 0 ? { problems: manifest.problems } : {}),
  };
}

/** Human-readable form of the summary, aligned for a terminal. */
export function formatSummary(s: WorkspaceSummary): string {
  const lines = [s.title, ''];
  lines.push(`Parties (${s.parties.length}):`);
  for (const p of s.parties) lines.push(`  ${p.code.padEnd(8)} ${p.name}`);
  if (s.parties.length === 0) lines.push('  (none)');
  lines.push('', `Documents (${s.documents.length + (s.damaged?.length ?? 0)}):`);
  const idWidth = Math.max(2, ...s.documents.map((d) => d.id.length), ...(s.damaged ?? []).map((d) => d.id.length));
  for (const d of s.documents) {
    lines.push(`  ${d.id.padEnd(idWidth)}  ${String(d.clauses).padStart(4)} clauses  ${String(d.words).padStart(6)} words  ${d.title}`);
  }
  for (const d of s.damaged ?? []) lines.push(`  ${d.id.padEnd(idWidth)}  DAMAGED (cannot be read)   ${d.title}`);
  if (s.documents.length === 0 && !s.damaged?.length) lines.push('  (none)');
  for (const p of s.problems ?? []) lines.push(`  Note: ${p}`);
  return lines.join('\n');
}
