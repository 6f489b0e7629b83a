import type * as Y from 'yjs';
import { ChanceryError, isChanceryError } from '../../../shared/errors';
import { combineSummaries } from '../../../shared/positions/agreement';
import type { ClausePositions, DocPositions, MemberCard, PackageAgreement, RosterParty, RosterRole, RosterView } from '../../../shared/positions/model';
import { addPositionRecord } from '../../../shared/positions/positions-doc';
import { ResolvedRoster } from '../../../shared/positions/roster';
import { pinnedConvener, readRosterEntries } from '../../../shared/positions/roster-doc';
import { SignatureCache, signPosition, type Signer } from '../../../shared/positions/signing';
import type { ChanceryOrigin } from '../../../shared/sync/origins';
import { ORIGIN_COMMAND } from '../../../shared/sync/origins';
import { MANIFEST_DOC_ID, readManifest } from '../../../shared/workspace/manifest';
import { nodeEd25519 } from '../crypto/node-ed25519';
import { requirePartyMember } from './authority';
import { DocPositionState } from './doc-position-state';
import type { PositionChange, PositionInput, PositionsApi } from './position-api';
import { cleanPositionInput, nextAt } from './record-builders';
import { RosterCommands } from './roster-commands';

/** The later of two record times (either may be absent). */
function maxAt(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** What the service needs of the session that owns it (kept narrow so it can be tested and reasoned about alone). */
export interface PositionHost {
  readonly workspaceId: string;
  readonly readOnly: boolean;
  /** The manifest doc (always loaded). */
  manifestDoc(): Y.Doc;
  /** The doc of a listed document; DOCUMENT_NOT_FOUND / DOCUMENT_DAMAGED otherwise. */
  getDoc(docId: string): Y.Doc;
  /** Hears of every change to any doc after it is durable. */
  subscribe(listener: (docId: string, update: Uint8Array, origin: ChanceryOrigin) => void): () => void;
}

/**
 * The positions and roster of one open workspace (see {@link PositionsApi}). State is built
 * lazily, per document, the first time it is asked for, and then follows every change to the
 * document whatever its origin; signatures are verified once per record. Changes are announced
 * after they are durable, with only the clauses that changed.
 */
export class PositionService implements PositionsApi {
  readonly #signatures = new SignatureCache(nodeEd25519);
  readonly #docs = new Map<string, DocPositionState>();
  readonly #listeners = new Set<(change: PositionChange) => void>();
  readonly #unsubscribe: () => void;
  readonly #roster: RosterCommands;
  #resolved: ResolvedRoster | null = null;
  #rosterKey = '';
  #packageKey = '';

  constructor(private readonly host: PositionHost) {
    this.#unsubscribe = host.subscribe((docId) => this.#onDocChange(docId));
    this.#roster = new RosterCommands({
      roster: () => this.#rosterNow(),
      manifest: () => host.manifestDoc(),
      workspaceId: host.workspaceId,
      assertWritable: () => this.#assertWritable(),
    });
  }

  roster(): RosterView {
    return this.#rosterNow().view;
  }

  /** The resolved roster itself, for the CLI's verify and for main's `me`. */
  resolvedRoster(): ResolvedRoster {
    return this.#rosterNow();
  }

  docPositions(docId: string): DocPositions {
    return this.#state(docId).positions();
  }

  /** Every document's figures and the package's; damaged documents are left out (see `damagedDocuments`). */
  packageAgreement(): PackageAgreement {
    const documents: PackageAgreement['documents'] = {};
    for (const { id } of readManifest(this.host.manifestDoc()).documents) {
      const state = this.#tryState(id);
      if (state) documents[id] = state.summary();
    }
    return { package: combineSummaries(Object.values(documents)), documents };
  }

  history(docId: string, clauseId: string): ClausePositions['history'] {
    const state = this.#state(docId);
    const history = state.history(clauseId);
    // A clause deleted since keeps its history (its records are still in the file); one never there has none.
    if (history.length === 0 && state.hashOf(clauseId) === undefined) this.#noClause(docId, clauseId);
    return history;
  }

  /** The resolved state of a document, for the CLI's verify and the bench (records with verdicts). */
  documentState(docId: string): DocPositionState {
    return this.#state(docId);
  }

  setPosition(signer: Signer, docId: string, clauseId: string, party: string, input: PositionInput): void {
    this.#assertWritable();
    const clean = cleanPositionInput(input);
    const me = requirePartyMember(this.#rosterNow(), signer.publicKey, party);
    const state = this.#state(docId);
    const textHash = state.hashOf(clauseId);
    if (textHash === undefined) this.#noClause(docId, clauseId);
    if (clean.status === 'withdrawn' && state.view(clauseId)?.parties.find((p) => p.party === party)?.status === 'open') {
      throw new ChanceryError('INVALID_ARGUMENT', `${party} has no position on clause ${clauseId} to withdraw.`);
    }
    const unsigned = {
      v: 1 as const,
      workspaceId: this.host.workspaceId,
      docId,
      clauseId,
      party,
      ...clean,
      textHash,
      // Never before the signer's own admission either (a head whose clock runs ahead admitted them).
      at: nextAt(maxAt(state.latestAt(clauseId, party), me.since)),
      member: signer.publicKey,
    };
    // Stored with the command origin: the hub persists it before anyone hears of it, then this
    // service's listener resolves the clause and announces it like any other change.
    addPositionRecord(state.doc, signPosition(unsigned, signer), ORIGIN_COMMAND);
  }

  setParty(signer: Signer, party: RosterParty): void {
    this.#roster.setParty(signer, party);
  }

  retireParty(signer: Signer, code: string): void {
    this.#roster.retireParty(signer, code);
  }

  admit(signer: Signer, card: MemberCard, role: RosterRole, party: string | null): void {
    this.#roster.admit(signer, card, role, party);
  }

  remove(signer: Signer, key: string): void {
    this.#roster.remove(signer, key);
  }

  /**
   * Claims a workspace nobody has convened (made by the command line, or before signed rosters):
   * pins `signer` as its convener and turns its unsigned parties into signed party entries.
   */
  convene(signer: Signer, name: string): void {
    this.#roster.convene(signer, name, readManifest(this.host.manifestDoc()).parties);
  }

  onChange(listener: (change: PositionChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops following the documents; called when the session closes. */
  destroy(): void {
    this.#unsubscribe();
    for (const state of this.#docs.values()) state.destroy();
    this.#docs.clear();
    this.#listeners.clear();
  }

  #rosterNow(): ResolvedRoster {
    if (this.#resolved) return this.#resolved;
    const manifest = this.host.manifestDoc();
    this.#resolved = ResolvedRoster.resolve({
      workspaceId: this.host.workspaceId,
      convener: pinnedConvener(manifest),
      entries: readRosterEntries(manifest),
      legacyParties: readManifest(manifest).parties,
      signatures: this.#signatures,
    });
    this.#rosterKey = JSON.stringify(this.#resolved.view);
    return this.#resolved;
  }

  #state(docId: string): DocPositionState {
    if (docId === MANIFEST_DOC_ID) throw new ChanceryError('DOCUMENT_NOT_FOUND', 'The list of documents and parties holds no clauses; name a document of the workspace.');
    const known = this.#docs.get(docId);
    const doc = this.host.getDoc(docId); // throws for unknown or damaged documents
    if (known && known.doc === doc) return known;
    known?.destroy();
    const state = new DocPositionState(docId, doc, { roster: () => this.#rosterNow(), signatures: this.#signatures, workspaceId: this.host.workspaceId });
    this.#docs.set(docId, state);
    return state;
  }

  #tryState(docId: string): DocPositionState | null {
    try {
      return this.#state(docId);
    } catch (err) {
      if (isChanceryError(err, 'DOCUMENT_DAMAGED')) return null;
      throw err;
    }
  }

  #noClause(docId: string, clauseId: string): never {
    throw new ChanceryError('CLAUSE_NOT_FOUND', `Document ${docId} has no clause ${JSON.stringify(clauseId)} (it may have been deleted meanwhile); reload the document and try again.`);
  }

  #assertWritable(): void {
    if (this.host.readOnly) throw new ChanceryError('STORAGE_FAILED', 'This workspace is open read-only; positions and the roster cannot be changed.');
  }

  #onDocChange(docId: string): void {
    if (docId === MANIFEST_DOC_ID) return this.#onManifestChange();
    const state = this.#docs.get(docId);
    if (!state) return;
    const clauses = state.flush();
    if (clauses.length === 0) return;
    this.#emit({ kind: 'doc', docId, clauses, summary: state.summary() });
    this.#emitPackage();
  }

  #onManifestChange(): void {
    const before = this.#rosterKey;
    this.#resolved = null;
    const roster = this.#rosterNow();
    const listed = new Set(readManifest(this.host.manifestDoc()).documents.map((d) => d.id));
    for (const [id, state] of this.#docs) {
      if (!listed.has(id)) {
        state.destroy();
        this.#docs.delete(id);
      }
    }
    if (this.#rosterKey !== before) {
      this.#emit({ kind: 'roster', roster: roster.view });
      for (const state of this.#docs.values()) {
        state.rejudgeAll();
        const { docId, clauses, summary } = state.positions();
        this.#emit({ kind: 'doc', docId, clauses, summary });
      }
    }
    this.#emitPackage();
  }

  #emitPackage(): void {
    if (this.#listeners.size === 0) return;
    const agreement = this.packageAgreement();
    const key = JSON.stringify(agreement);
    if (key === this.#packageKey) return;
    this.#packageKey = key;
    this.#emit({ kind: 'package', agreement });
  }

  #emit(change: PositionChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}
