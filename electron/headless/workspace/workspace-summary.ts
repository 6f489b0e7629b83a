import { documentNode, documentStats } from '../../../shared/workspace/document-content';
import type { WorkspaceSession } from './workspace-session';

/** The status `chancery info` prints; the JSON shape is a contract for scripts. */
export interface WorkspaceSummary {
  title: string;
  parties: { code: string; name: string }[];
  documents: { id: string; title: string; clauses: number; words: number }[];
}

/** Reads title, parties and per-document figures from an open session. */
export function summarizeWorkspace(session: WorkspaceSession): WorkspaceSummary {
  const manifest = session.manifest();
  return {
    title: manifest.title,
    parties: manifest.parties.map(({ code, name }) => ({ code, name })),
    documents: manifest.documents.map(({ id, title }) => ({
      id,
      title,
      ...documentStats(documentNode(session.getDoc(id))),
    })),
  };
}

/** Human-readable form of the summary, aligned for a terminal. */
export function formatSummary(s: WorkspaceSummary): string {
  const lines = [s.title, ''];
  lines.push(`Parties (${s.parties.length}):`);
  for (const p of s.parties) lines.push(`  ${p.code.padEnd(8)} ${p.name}`);
  if (s.parties.length === 0) lines.push('  (none)');
  lines.push('', `Documents (${s.documents.length}):`);
  const idWidth = Math.max(2, ...s.documents.map((d) => d.id.length));
  for (const d of s.documents) {
    lines.push(`  ${d.id.padEnd(idWidth)}  ${String(d.clauses).padStart(4)} clauses  ${String(d.words).padStart(6)} words  ${d.title}`);
  }
  if (s.documents.length === 0) lines.push('  (none)');
  return lines.join('\n');
}
