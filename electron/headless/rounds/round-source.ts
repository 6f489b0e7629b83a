import * as Y from 'yjs';
import type { Node as PMNode } from 'prosemirror-model';
import { ChanceryError } from '../../../shared/errors';
import type { ExportParty, ExportRound } from '../../../shared/export/export-model';
import type { ExportSource } from '../../../shared/export/export-source';
import type { DocPositions } from '../../../shared/positions/model';
import type { RoundInfo } from '../../../shared/rounds/round-model';
import { documentNode } from '../../../shared/workspace/document-content';
import { readManifest } from '../../../shared/workspace/manifest';
import { PositionService } from '../positions/position-service';
import type { SignatureCache } from '../../../shared/positions/signing';
import type { RoundBundle } from './round-bundle';

/**
 * A named round opened read-only: its stored document states in fresh in-memory Y.Docs, and a
 * PositionService over them (the same signature and roster judgement as the live workspace, so a
 * round's figures are computed exactly as they were). Nothing here can write: the docs belong to
 * no store and no window, and the service's host says read-only, so any signed command is refused.
 */
export class RoundSource implements ExportSource {
  readonly workspaceId: string;
  readonly title: string;
  readonly round: ExportRound;
  readonly documents: readonly { id: string; title: string }[];
  readonly parties: readonly ExportParty[];
  /** The round's manifest (title, documents, roster) as it stood. */
  readonly manifestDoc: Y.Doc;
  readonly positions: PositionService;
  readonly #docs = new Map<string, Y.Doc>();
  #closed = false;

  constructor(
    readonly info: RoundInfo,
    workspaceId: string,
    bundle: RoundBundle,
    /** The open workspace's signature verdicts, shared so records it has checked are not checked again. */
    signatures?: SignatureCache,
  ) {
    this.workspaceId = workspaceId;
    this.round = { name: info.name, cutAt: info.cutAt };
    this.manifestDoc = docFrom(bundle.manifestState);
    for (const d of bundle.docs) this.#docs.set(d.id, docFrom(d.state));
    const manifest = readManifest(this.manifestDoc);
    this.title = manifest.title;
    // The manifest's order and titles as they stood; only documents whose state the round holds.
    this.documents = manifest.documents.filter((d) => this.#docs.has(d.id)).map(({ id, title }) => ({ id, title }));
    this.positions = new PositionService({
      workspaceId,
      readOnly: true,
      manifestDoc: () => this.manifestDoc,
      getDoc: (docId) => this.#doc(docId),
      subscribe: () => () => undefined,
      isLoaded: () => true,
    }, undefined, signatures);
    this.parties = this.positions.roster().parties.map(({ code, name }) => ({ code, name }));
  }

  documentNode(docId: string): PMNode {
    return documentNode(this.#doc(docId));
  }

  docPositions(docId: string): DocPositions {
    this.#doc(docId);
    return this.positions.docPositions(docId);
  }

  memberName(key: string): string | undefined {
    const roster = this.positions.resolvedRoster();
    return roster.member(key)?.name ?? roster.view.members.find((m) => m.key === key)?.name;
  }

  /** Frees the round's docs; the source cannot be read afterwards. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.positions.destroy();
    for (const doc of this.#docs.values()) doc.destroy();
    this.manifestDoc.destroy();
  }

  #doc(docId: string): Y.Doc {
    if (this.#closed) throw new ChanceryError('WORKSPACE_NOT_OPEN', `Round "${this.info.name}" has been closed; open it again.`);
    const doc = this.#docs.get(docId);
    if (doc) return doc;
    throw new ChanceryError(
      'DOCUMENT_NOT_FOUND',
      `Round "${this.info.name}" has no document "${docId}"; it holds ${this.documents.map((d) => `"${d.id}" (${d.title})`).join(', ') || 'no documents'}.`,
    );
  }
}

/** A fresh doc holding `state` (Yjs throws on garbage, which the caller reports as a damaged round). */
export function docFrom(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
  } catch (err) {
    doc.destroy();
    throw err;
  }
  return doc;
}
