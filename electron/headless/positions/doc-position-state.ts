import * as Y from 'yjs';
import { AgreementTally } from '../../../shared/positions/agreement';
import { yClauseTextHash } from '../../../shared/positions/clause-text';
import type { ClausePositions, ClauseView, DocPositions, PositionRecord, Verdict } from '../../../shared/positions/model';
import { compareRecords, judgeRecord, resolveClause, type JudgedRecord } from '../../../shared/positions/position-resolution';
import { positionsMap } from '../../../shared/positions/positions-doc';
import type { ResolvedRoster } from '../../../shared/positions/roster';
import type { SignatureCache } from '../../../shared/positions/signing';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { runAll, runSliced, type SliceOptions } from './sliced-work';
import { collectChanges, isEmpty, noChanges, type PendingChanges } from './touched-clauses';

/** What judging a document's records needs: the roster now, the signature memo, the workspace. */
export interface JudgeContext {
  roster: () => ResolvedRoster;
  signatures: SignatureCache;
  workspaceId: string;
}

/** A stored value that is not a record at all (wrong shape): listed by `verify`, never counted. */
export interface MalformedEntry {
  id: string;
  value: unknown;
  verdict: Verdict;
}

interface ClauseSlot {
  id: string;
  block: Y.XmlElement;
  hash: string;
}

/**
 * One framework document's positions, kept current as the document changes: clause hashes, the
 * records grouped by clause with their verdicts, each clause's resolved view and the document's
 * agreement tally. A transaction only marks what it touched; {@link flush} then re-hashes those
 * clauses, judges the new records and re-resolves only the clauses concerned, so a keystroke costs
 * one clause, not the document.
 *
 * Building it (every clause hashed, every record judged — its signature verified — and every
 * clause resolved) is done at once by the constructor, or a step at a time with
 * {@link DocPositionState.stepwise} and {@link buildSliced}, so main can build it between IPC
 * calls. It follows the document from the start either way: a change made between two slices is
 * caught up on by the first {@link flush} after the build.
 */
export class DocPositionState {
  readonly #fragment: Y.XmlFragment;
  readonly #positions: Y.Map<unknown>;
  #pending: PendingChanges = noChanges();
  /** Clauses in document order (first of duplicate ids only, as the repair keeps it). */
  #order: ClauseSlot[] = [];
  #byId = new Map<string, ClauseSlot>();
  readonly #records = new Map<string, JudgedRecord>();
  readonly #malformed = new Map<string, MalformedEntry>();
  readonly #byClause = new Map<string, Map<string, JudgedRecord>>();
  readonly #views = new Map<string, { view: ClausePositions; key: string }>();
  #tally: AgreementTally;
  readonly #onTransaction = (tr: Y.Transaction) => collectChanges(tr, this.#fragment, this.#positions, this.#pending);
  /** What is left of the build; null once built. */
  #build: Iterator<void> | null;
  #destroyed = false;

  /** Builds the state at once (`stepwise` is for {@link DocPositionState.stepwise}). */
  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    private readonly ctx: JudgeContext,
    stepwise = false,
  ) {
    this.#fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    this.#positions = positionsMap(doc);
    this.#tally = new AgreementTally(ctx.roster().partyCodes());
    doc.on('afterTransaction', this.#onTransaction);
    this.#build = this.#buildSteps();
    if (!stepwise) this.finishBuild();
  }

  /** A state not built yet: {@link buildSliced} builds it; any read finishes the build at once first. */
  static stepwise(docId: string, doc: Y.Doc, ctx: JudgeContext): DocPositionState {
    return new DocPositionState(docId, doc, ctx, true);
  }

  /**
   * Carries the build on in slices (see `runSliced`); resolves true once built, false when
   * `opts.stop` stopped it or the state was destroyed meanwhile (call again to carry on).
   */
  async buildSliced(opts: SliceOptions): Promise<boolean> {
    const steps = this.#build;
    if (steps === null) return true;
    const done = await runSliced(steps, { ...opts, stop: () => this.#destroyed || (opts.stop?.() ?? false) });
    if (done) this.#build = null;
    return this.#build === null;
  }

  /** Finishes the build at once (a no-op once built). */
  finishBuild(): void {
    if (this.#build === null) return;
    runAll(this.#build);
    this.#build = null;
  }

  /** Stops following the document (it left the workspace, or the session closes). */
  destroy(): void {
    this.#destroyed = true;
    this.doc.off('afterTransaction', this.#onTransaction);
  }

  /** Whether transactions happened since the last {@link flush}. */
  get dirty(): boolean {
    return !isEmpty(this.#pending);
  }

  /**
   * Brings everything up to date with what happened since the last call and returns the views of
   * the clauses whose state, positions or staleness changed (in document order), [] if none.
   */
  flush(): ClauseView[] {
    this.finishBuild();
    if (isEmpty(this.#pending)) return [];
    const { blocks, structural, positionKeys } = this.#pending;
    this.#pending = noChanges();
    const affected = new Set<string>();
    if (structural) {
      const before = this.#byId;
      this.#readClauses(before);
      for (const id of before.keys()) if (!this.#byId.has(id)) this.#drop(id);
      for (const slot of this.#order) if (before.get(slot.id)?.hash !== slot.hash) affected.add(slot.id);
    }
    for (const block of blocks) {
      if (!(block instanceof Y.XmlElement)) continue;
      const id = block.getAttribute('id') as unknown;
      const slot = typeof id === 'string' ? this.#byId.get(id) : undefined;
      if (!slot || slot.block !== block) continue; // not a clause, or a duplicate the repair renames
      const hash = yClauseTextHash(block);
      if (hash !== slot.hash) {
        slot.hash = hash;
        affected.add(slot.id);
      }
    }
    for (const key of positionKeys) {
      const clauseId = this.#judge(key);
      if (clauseId !== null) affected.add(clauseId);
    }
    const changed: ClauseView[] = [];
    for (const slot of this.#order) if (affected.has(slot.id) && this.#resolve(slot.id)) changed.push(this.view(slot.id)!);
    return changed;
  }

  /** Re-judges every record against a new roster (parties, admissions or removals changed). */
  rejudgeAll(): void {
    this.flush();
    this.#tally = new AgreementTally(this.ctx.roster().partyCodes());
    this.#views.clear();
    for (const id of [...this.#records.keys(), ...this.#malformed.keys()]) this.#judge(id);
    for (const slot of this.#order) this.#resolve(slot.id);
  }

  /** Every clause in document order with its view, and the document's figures. */
  positions(): DocPositions {
    this.flush();
    return { docId: this.docId, clauses: this.#order.map((s) => this.view(s.id)!), summary: this.#tally.summary() };
  }

  summary(): DocPositions['summary'] {
    this.flush();
    return this.#tally.summary();
  }

  /** The clause's view without its history, or undefined for a clause not in the document. */
  view(clauseId: string): ClauseView | undefined {
    const entry = this.#views.get(clauseId);
    if (!entry) return undefined;
    const { history: _history, ...view } = entry.view;
    return view;
  }

  /** Every record on the clause, oldest first, with verdicts; [] for a clause with none. */
  history(clauseId: string): ClausePositions['history'] {
    this.flush();
    const current = this.#byId.get(clauseId)?.hash ?? null;
    return resolveClause(clauseId, current, [...(this.#byClause.get(clauseId)?.values() ?? [])], []).history;
  }

  /** The clause's current text hash; undefined when the document has no such clause. */
  hashOf(clauseId: string): string | undefined {
    this.flush();
    return this.#byId.get(clauseId)?.hash;
  }

  /** The latest `at` among `party`'s valid records on the clause (what a new record must follow). */
  latestAt(clauseId: string, party: string): string | null {
    let latest: string | null = null;
    for (const r of this.#byClause.get(clauseId)?.values() ?? []) {
      if (r.record.party === party && r.verdict.valid && (latest === null || r.record.at > latest)) latest = r.record.at;
    }
    return latest;
  }

  /** Every stored record with its verdict, in (time, id) order, and the values that are no record. */
  allRecords(): { records: JudgedRecord[]; malformed: MalformedEntry[] } {
    this.flush();
    return { records: [...this.#records.values()].sort(compareRecords), malformed: [...this.#malformed.values()] };
  }

  /** The build, one clause hashed, record judged or clause resolved per step. */
  *#buildSteps(): Generator<void> {
    yield* this.#readClauseSteps();
    for (const id of [...this.#positions.keys()]) {
      this.#judge(id);
      yield;
    }
    for (const slot of [...this.#order]) {
      this.#resolve(slot.id);
      yield;
    }
  }

  #readClauses(previous?: Map<string, ClauseSlot>): void {
    runAll(this.#readClauseSteps(previous));
  }

  /** Reads the clauses in order, hashing those `previous` does not already know, one per step. */
  *#readClauseSteps(previous?: Map<string, ClauseSlot>): Generator<void> {
    const order: ClauseSlot[] = [];
    const byId = new Map<string, ClauseSlot>();
    for (const child of this.#fragment.toArray()) {
      if (!(child instanceof Y.XmlElement) || child.nodeName !== 'clause') continue;
      const id = child.getAttribute('id') as unknown;
      if (typeof id !== 'string' || byId.has(id)) continue;
      const known = previous?.get(id);
      const slot = known && known.block === child ? { ...known } : { id, block: child, hash: yClauseTextHash(child) };
      order.push(slot);
      byId.set(id, slot);
      yield;
    }
    this.#order = order;
    this.#byId = byId;
  }

  /** (Re-)judges the entry stored under `key`; returns the clause it concerns, if any. */
  #judge(key: string): string | null {
    const old = this.#records.get(key);
    if (old) this.#byClause.get(old.record.clauseId)?.delete(key);
    this.#records.delete(key);
    this.#malformed.delete(key);
    if (!this.#positions.has(key)) return old?.record.clauseId ?? null;
    const value = this.#positions.get(key);
    const { record, verdict } = judgeRecord(key, value, {
      roster: this.ctx.roster(),
      signatures: this.ctx.signatures,
      workspaceId: this.ctx.workspaceId,
      docId: this.docId,
    });
    if (record === null) {
      this.#malformed.set(key, { id: key, value, verdict });
      return old?.record.clauseId ?? null;
    }
    const judged: JudgedRecord = { id: key, record: record as PositionRecord, verdict };
    this.#records.set(key, judged);
    let group = this.#byClause.get(record.clauseId);
    if (!group) this.#byClause.set(record.clauseId, (group = new Map()));
    group.set(key, judged);
    return record.clauseId;
  }

  /** Re-resolves one clause into its view and the tally; true when its view changed. */
  #resolve(clauseId: string): boolean {
    const slot = this.#byId.get(clauseId);
    if (!slot) return false;
    const records = [...(this.#byClause.get(clauseId)?.values() ?? [])];
    const view = resolveClause(clauseId, slot.hash, records, this.ctx.roster().partyCodes());
    const { history: _history, ...shown } = view;
    const key = JSON.stringify(shown);
    const before = this.#views.get(clauseId);
    this.#views.set(clauseId, { view, key });
    this.#tally.set(clauseId, shown);
    return before?.key !== key;
  }

  #drop(clauseId: string): void {
    this.#views.delete(clauseId);
    this.#tally.delete(clauseId);
  }
}
