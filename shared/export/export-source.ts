import type { Node as PMNode } from 'prosemirror-model';
import type { DocPositions } from '../positions/model';
import type { ExportParty, ExportRound } from './export-model';

/**
 * What an export or a comparison reads from: the current workspace (an open session in main or
 * the CLI) or a named round (its stored document states, opened read-only). One interface for
 * both, so an exported round and an exported current text go through exactly the same code.
 * Only the manifest's documents are reachable through it — never a delegation's private notes.
 */
export interface ExportSource {
  workspaceId: string;
  title: string;
  /** The round this source is, or null for the current text. */
  round: ExportRound | null;
  /** The manifest's documents, in the manifest's order. */
  documents: readonly { id: string; title: string }[];
  /** The active parties at the table, in roster order. */
  parties: readonly ExportParty[];
  /** The document's content; throws DOCUMENT_DAMAGED when it cannot be read. */
  documentNode(docId: string): PMNode;
  /** The document's resolved positions (signatures and enrolments judged). */
  docPositions(docId: string): DocPositions;
  /** The roster's display name for a member key, if the key was ever admitted. */
  memberName(key: string): string | undefined;
}
