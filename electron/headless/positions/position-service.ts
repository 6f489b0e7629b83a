import type * as Y from 'yjs';
import { ChanceryError, isChanceryError } from '../../../shared/errors';
import { combineSummaries } from '../../../shared/positions/agreement';
import type { ClausePositions, DocPositions, Invitation, MemberCard, PackageAgreement, RosterParty, RosterRole, RosterView } from '../../../shared/positions/model';
import { addPositionRecord, positionsMap } from '../../../shared/positions/positions-doc';
import { ResolvedRoster } from '../../../shared/positions/roster';
import { pinnedConvener, readRosterEntries } from '../../../shared/positions/roster-doc';
import { SignatureCache, type Signer } from '../../../shared/positions/signing';
import type { ChanceryOrigin } from '../../../shared/sync/origins';
import { ORIGIN_COMMAND } from '../../../shared/sync/origins';
import { MANIFEST_DOC_ID, readManifest } from '../../../shared/workspace/manifest';
import { nodeEd25519 } from '../crypto/node-ed25519';
import { DocChecking, type CheckingPace } from './doc-checking';
import { DocPositionState, type JudgeContext } from './doc-position-state';
import type { PositionChange, PositionInput, PositionsApi } from './position-api';
import { noClause, signedPosition } from './record-builders';
import { RosterCommands } from './roster-commands';

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
  /** Whether the doc is in memory already (getDoc would not load it); absent = never assumed. */
  isLoaded?(docId: string): boolean;
}

/**
 * The positions and roster of one open workspace (see {@link PositionsApi}). State is built
 * lazily, per document, the first time it is asked for, and then follows every change to the
 * document whatever its origin; signatures are verified once per record. Changes are announced
 * after they are durable, with only the clauses that changed. The `checked…` calls (main's IPC)
 * build states in background slices instead (see {@link DocChecking}), and the figures announced
 * meanwhile leave out what is not checked yet and say so.
 */
export class PositionService implements PositionsApi {
  readonly #signatures: SignatureCache;
  readonly #judge: JudgeContext;
  readonly #checking: DocChecking;
  readonly #docs = new Map<string, DocPositionState>();
  readonly #listeners = new Set<(change: PositionChange) => void>();
  readonly #unsubscribe: () => void;
  readonly #roster: RosterCommands;
  #resolved: ResolvedRoster | null = null;
  #rosterKey = '';
  #packageKey = '';

  constructor(
    private readonly host: PositionHost,
    pace?: CheckingPace,
    signatures?: SignatureCache,
  ) {
    this.#signatures = signatures ?? new SignatureCache(nodeEd25519);
    this.#judge = { roster: () => this.#rosterNow(), signatures: this.#signatures, workspaceId: host.workspaceId };
    this.#checking = new DocChecking(
      {
        listed: () => this.#listed(),
        getDoc: (docId) => host.getDoc(docId),
        judge: this.#judge,
        hasState: (docId) => this.#docs.has(docId),
        adopt: (docId, state) => this.#adopt(docId, state),
        damaged: () => this.#emitPackage(),
      },
      pace,
    );
    this.#unsubscribe = host.subscribe((docId) => this.#onDocChange(docId));
    this.#roster = new RosterCommands({
      roster: () => this.#rosterNow(),
      manifest: () => host.manifestDoc(),
      workspaceId: host.workspaceId,
      assertWritable: () => this.#assertWritable(),
    });
  }

  /**
   * The verdicts on every signature checked so far. A read-only view of this same workspace (a
   * named round) may share it: verdicts are keyed by record id, which is the hash of the record's
   * content and is checked before any lookup, so a round opened again costs no Ed25519 work for
   * the records the workspace still holds.
   */
  get signatures(): SignatureCache {
    return this.#signatures;
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

  /** {@link docPositions} once the document is checked in background slices: main never blocks for long. */
  async checkedDocPositions(docId: string): Promise<DocPositions> {
    await this.#checking.whenChecked([docId], true);
    return this.docPositions(docId);
  }

  /**
   * {@link packageAgreement} once every document is checked in background slices, `first` (those
   * the window shows) first. Meanwhile listeners hear the figures so far, marked `checking`.
   */
  async checkedPackageAgreement(first: readonly string[] = []): Promise<PackageAgreement> {
    for (;;) {
      const ids = this.#listed();
      if (ids.every((id) => this.#checking.isChecked(id))) return this.packageAgreement();
      const done = this.#checking.whenChecked([...first.filter((id) => ids.includes(id)), ...ids]);
      this.#emitPackage();
      await done; // then again: a document may have been added meanwhile
    }
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
    if (history.length === 0 && state.hashOf(clauseId) === undefined) noClause(docId, clauseId);
    return history;
  }

  /** The resolved state of a document, for the CLI's verify and the bench (records with verdicts). */
  documentState(docId: string): DocPositionState {
    return this.#state(docId);
  }

  setPosition(signer: Signer, docId: string, clauseId: string, party: string, input: PositionInput): void {
    this.#assertWritable();
    const ctx = { roster: this.#rosterNow(), workspaceId: this.host.workspaceId, state: () => this.#state(docId) };
    const record = signedPosition(ctx, signer, { docId, clauseId, party }, input);
    // Stored with the command origin: the hub persists it before anyone hears of it, then this
    // service's listener resolves the clause and announces it like any other change.
    addPositionRecord(this.#state(docId).doc, record, ORIGIN_COMMAND);
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

  /** Enrols `signer`'s key with an invitation (joining); see {@link RosterCommands.claim}. */
  claimInvitation(signer: Signer, invitation: Invitation, name: string): void {
    this.#roster.claim(signer, invitation, name);
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
    this.#checking.destroy();
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
    const state = this.#checking.takeOver(docId, doc) ?? new DocPositionState(docId, doc, this.#judge);
    this.#docs.set(docId, state);
    return state;
  }

  /** A state built in the background joins the others; the figures (so far, or final) are announced. */
  #adopt(docId: string, state: DocPositionState): void {
    this.#docs.get(docId)?.destroy();
    this.#docs.set(docId, state);
    state.flush(); // what changed while it was being built: nobody held a view of it yet
    this.#emitPackage();
  }

  #listed(): string[] {
    return readManifest(this.host.manifestDoc()).documents.map((d) => d.id);
  }

  /**
   * The state if it costs no signature work now: built already, or a document in memory whose every
   * record has a verdict already (one just added, say), built here; otherwise null.
   */
  #stateIfChecked(docId: string): DocPositionState | null {
    const known = this.#docs.get(docId);
    if (known) return known;
    if (!this.host.isLoaded?.(docId)) return null;
    for (const key of positionsMap(this.host.getDoc(docId)).keys()) if (!this.#signatures.has(key)) return null;
    return this.#tryState(docId);
  }

  #tryState(docId: string): DocPositionState | null {
    try {
      return this.#state(docId);
    } catch (err) {
      if (isChanceryError(err, 'DOCUMENT_DAMAGED')) return null;
      throw err;
    }
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
    this.#checking.cancel((id) => !listed.has(id));
    if (this.#rosterKey !== before) {
      this.#checking.cancel(); // partial builds judged records against the old roster; they start again
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
    const agreement = this.#checking.figuresSoFar((id) => this.#stateIfChecked(id));
    const key = JSON.stringify(agreement);
    if (key === this.#packageKey) return;
    this.#packageKey = key;
    this.#emit({ kind: 'package', agreement });
  }

  #emit(change: PositionChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}
