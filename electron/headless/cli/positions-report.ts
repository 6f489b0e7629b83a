import { ChanceryError } from '../../../shared/errors';
import type { ClauseState, PartyPosition } from '../../../shared/positions/model';
import { STATUS_CODES } from '../../../shared/positions/labels';
import { numberClauses } from '../../../shared/schema/numbering';
import { documentNode } from '../../../shared/workspace/document-content';
import type { WorkspaceSession } from '../workspace/workspace-session';

/**
 * `chancery positions`: the clause × party matrix of one document or all of them — what a
 * delegation secretary pastes into a report to the capital, and what scripts read with --json.
 */

/** One party's standing on one clause. */
export interface MatrixCell {
  status: PartyPosition['status'];
  /** The winning position was given on earlier text (an acceptance then counts as open). */
  stale: boolean;
  /** Records for this clause and party that do not verify (never counted). */
  invalid: number;
}

/** One clause's row. `number` is the number shown in the margin; `label` the stored one ("5 bis"), if any. */
export interface MatrixRow {
  number: string;
  label: string | null;
  id: string;
  state: ClauseState;
  positions: Record<string, MatrixCell>;
}

/** The JSON `chancery positions --json` prints. */
export interface PositionsMatrix {
  parties: string[];
  documents: { id: string; title: string; clauses: MatrixRow[] }[];
}

/** The listed documents `selector` names (an id, or a title, case-insensitively); all when undefined. */
export function selectDocuments(session: WorkspaceSession, selector: string | undefined): { id: string; title: string }[] {
  const documents = session.manifest().documents;
  if (selector === undefined) return documents;
  const match = documents.filter((d) => d.id === selector);
  const byTitle = match.length > 0 ? match : documents.filter((d) => d.title.toLowerCase() === selector.toLowerCase());
  if (byTitle.length === 0) {
    throw new ChanceryError(
      'DOCUMENT_NOT_FOUND',
      `No document "${selector}" in ${session.store.path}; give an id or a title: ${documents.map((d) => d.id).join(', ') || '(none)'}.`,
    );
  }
  return byTitle;
}

/** The shown number and stored label of every clause of a document, by clause id. */
export function clauseNumbers(session: WorkspaceSession, docId: string): Map<string, { number: string; label: string | null }> {
  const node = documentNode(session.getDoc(docId));
  const labels = new Map<string, string | null>();
  node.forEach((child) => {
    if (child.type.name === 'clause') labels.set(child.attrs.id as string, (child.attrs.label as string | null) ?? null);
  });
  return new Map(numberClauses(node).map((c) => [c.id, { number: c.label, label: labels.get(c.id) ?? null }]));
}

/** Builds the matrix; DOCUMENT_DAMAGED for a selected document that cannot be read. */
export function positionsMatrix(session: WorkspaceSession, selector?: string): PositionsMatrix {
  const parties = session.positions.roster().parties.map((p) => p.code);
  const documents = selectDocuments(session, selector).map(({ id, title }) => {
    const numbers = clauseNumbers(session, id);
    const clauses = session.positions.docPositions(id).clauses.map((view): MatrixRow => {
      const shown = numbers.get(view.clauseId);
      const positions: Record<string, MatrixCell> = {};
      for (const p of view.parties) positions[p.party] = { status: p.status, stale: p.stale, invalid: p.invalid };
      return { number: shown?.number ?? '', label: shown?.label ?? null, id: view.clauseId, state: view.state, positions };
    });
    return { id, title, clauses };
  });
  return { parties, documents };
}

const SHORT: Record<MatrixCell['status'], string> = {
  accepted: 'accepted',
  'accepted-ad-ref': 'ad ref',
  reserved: 'reserved',
  disputed: 'disputed',
  open: 'open',
};

function cell(c: MatrixCell | undefined): string {
  if (!c) return '-';
  return `${STATUS_CODES[c.status].symbol} ${SHORT[c.status]}${c.stale ? '*' : ''}${c.invalid > 0 ? ` !${c.invalid}` : ''}`;
}

/** The matrix as a table for a terminal, one block per document, with a legend. */
export function formatPositions(matrix: PositionsMatrix): string {
  const lines: string[] = [];
  const width = 14;
  for (const doc of matrix.documents) {
    lines.push(`${doc.title} (${doc.id})`);
    const numberWidth = Math.max(3, ...doc.clauses.map((r) => r.number.length));
    lines.push(`  ${'No.'.padEnd(numberWidth)}  ${'Clause id'.padEnd(18)}  ${'State'.padEnd(13)}  ${matrix.parties.map((p) => p.padEnd(width)).join('')}`.trimEnd());
    for (const row of doc.clauses) {
      const cells = matrix.parties.map((p) => cell(row.positions[p]).padEnd(width)).join('');
      lines.push(`  ${row.number.padEnd(numberWidth)}  ${row.id.padEnd(18)}  ${row.state.padEnd(13)}  ${cells}`.trimEnd());
    }
    if (doc.clauses.length === 0) lines.push('  (no clauses)');
    lines.push('');
  }
  if (matrix.parties.length === 0) lines.push('No parties at the table: every clause is open.');
  lines.push('* given on earlier text (stale); !n records that do not verify (never counted).');
  return lines.join('\n');
}
