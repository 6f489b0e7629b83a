import { ChanceryError } from '../../../shared/errors';
import { ORIGIN_COMMAND } from '../../../shared/sync/origins';
import { seedDocument } from '../../../shared/workspace/document-content';
import {
  MANIFEST_DOC_ID,
  MAX_TITLE_LENGTH,
  addDocumentEntry,
  deleteDocumentEntry,
  moveDocumentEntry,
  readManifest,
  renameDocumentEntry,
} from '../../../shared/workspace/manifest';
import { newDocumentContent, newDocumentId } from '../../../shared/workspace/new-document';
import type { DocHub } from './doc-hub';

/** A title as the manifest stores it: trimmed, 1–200 characters; anything else INVALID_ARGUMENT. */
export function cleanTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TITLE_LENGTH) {
    throw new ChanceryError(
      'INVALID_ARGUMENT',
      `A document title must have 1–${MAX_TITLE_LENGTH} characters, got ${trimmed.length} (${JSON.stringify(trimmed.slice(0, 40))}).`,
    );
  }
  return trimmed;
}

/**
 * The only ways the manifest changes on this machine: typed commands that main validates and
 * carries out on the hub's manifest doc (windows cannot write the manifest; see
 * WorkspaceSession.applyRendererUpdate). Every edit is made with the command origin, so the hub
 * stores it before any window hears of it.
 */
export class ManifestCommands {
  constructor(private readonly hub: DocHub) {}

  private get manifest() {
    return this.hub.get(MANIFEST_DOC_ID);
  }

  /** Adds a document (a heading with its title and one empty clause) at the end; returns its id. */
  addDocument(title: string): string {
    const clean = cleanTitle(title);
    const id = newDocumentId(readManifest(this.manifest).documents.map((d) => d.id));
    const doc = this.hub.adopt(id);
    seedDocument(doc, newDocumentContent(clean), ORIGIN_COMMAND);
    addDocumentEntry(this.manifest, { id, title: clean }, ORIGIN_COMMAND);
    return id;
  }

  renameDocument(id: string, title: string): void {
    renameDocumentEntry(this.manifest, id, cleanTitle(title), ORIGIN_COMMAND);
  }

  moveDocument(id: string, toIndex: number): void {
    moveDocumentEntry(this.manifest, id, toIndex, ORIGIN_COMMAND);
  }

  /**
   * Removes a document from the workspace's list. Its content stays in the file (a later "restore"
   * can bring it back, and a colleague's merged copy cannot resurrect half of it); only the
   * manifest entry goes.
   */
  deleteDocument(id: string): void {
    deleteDocumentEntry(this.manifest, id, ORIGIN_COMMAND);
    this.hub.drop(id);
  }
}
