import type * as Y from 'yjs';
import { ChanceryError, isChanceryError } from '../../../shared/errors';
import { combineSummaries } from '../../../shared/positions/agreement';
import type { PackageAgreement } from '../../../shared/positions/model';
import { DocPositionState, type JudgeContext } from './doc-position-state';
import { CHECK_SLICE_MS, CheckQueue, yieldToEventLoop } from './sliced-work';

/** What background checking needs of the positions service that owns it. */
export interface CheckingHost {
  /** The documents listed in the workspace now, in order. */
  listed(): string[];
  /** The doc of a listed document; DOCUMENT_DAMAGED / DOCUMENT_NOT_FOUND otherwise. */
  getDoc(docId: string): Y.Doc;
  judge: JudgeContext;
  /** Whether the service already holds a built state for the document. */
  hasState(docId: string): boolean;
  /** A state is built (every record in it judged): the service takes it and announces the figures. */
  adopt(docId: string, state: DocPositionState): void;
  /** A document turned out unreadable: it is left out of the figures, which the service announces. */
  damaged(docId: string): void;
}

/** How checking slices its work; tests pass a budget of 0 and their own turn of the event loop. */
export interface CheckingPace {
  budgetMs: number;
  yieldNow: () => Promise<void>;
}

const DEFAULT_PACE: CheckingPace = { budgetMs: CHECK_SLICE_MS, yieldNow: yieldToEventLoop };

/**
 * Builds documents' position states in main's background, one document at a time and in slices
 * (a record's signature check is one step), so opening a workspace of thousands of signed
 * positions never holds up the window's `openDoc` or keystrokes. A state being built follows its
 * document (see {@link DocPositionState.stepwise}); it is handed to the service only once every
 * record in it has been judged, so no figure ever counts a record not yet checked.
 */
export class DocChecking {
  readonly #queue = new CheckQueue(
    (id, preempted) => this.#check(id, preempted),
    (id) => this.isChecked(id),
  );
  /** States being built, by document. */
  readonly #building = new Map<string, DocPositionState>();
  readonly #damaged = new Set<string>();
  #destroyed = false;

  constructor(
    private readonly host: CheckingHost,
    private readonly pace: CheckingPace = DEFAULT_PACE,
  ) {}

  /** Resolves once each of `ids` is checked; `urgent` (a window waits to show it) goes first. */
  whenChecked(ids: readonly string[], urgent = false): Promise<void> {
    if (this.#destroyed) return Promise.reject(closedError());
    return this.#queue.whenChecked(ids, urgent);
  }

  /** Built, unreadable (so left out) or no longer in the workspace: nothing left to check. */
  isChecked(docId: string): boolean {
    return this.host.hasState(docId) || this.#damaged.has(docId) || !this.host.listed().includes(docId);
  }

  /** For a caller that needs the state now: the partial build of `doc`, if any, finished at once. */
  takeOver(docId: string, doc: Y.Doc): DocPositionState | null {
    const partial = this.#building.get(docId);
    if (!partial) return null;
    this.#building.delete(docId);
    if (partial.doc !== doc) {
      partial.destroy();
      return null;
    }
    partial.finishBuild();
    return partial;
  }

  /** Drops partial builds (all, or those `which` picks): the roster changed, or documents left. */
  cancel(which: (docId: string) => boolean = () => true): void {
    for (const [id, state] of this.#building) {
      if (!which(id)) continue;
      state.destroy();
      this.#building.delete(id);
    }
  }

  /**
   * The figures as they stand, with no signature work: `stateIfChecked` gives a document's state
   * only if that costs none. A document without one is left out and its checking started, and
   * `checking` says how far it has got; a record not yet checked is in no figure.
   */
  figuresSoFar(stateIfChecked: (docId: string) => DocPositionState | null): PackageAgreement {
    const ids = this.host.listed();
    const documents: PackageAgreement['documents'] = {};
    let checked = 0;
    for (const id of ids) {
      const state = stateIfChecked(id);
      if (state) documents[id] = state.summary();
      if (state || this.#damaged.has(id)) checked += 1;
    }
    const agreement: PackageAgreement = { package: combineSummaries(Object.values(documents)), documents };
    if (checked === ids.length) return agreement;
    this.whenChecked(ids).catch(() => {}); // the final figures are announced when done
    return { ...agreement, checking: { checked, total: ids.length } };
  }

  /** The session closes: whoever still waits hears WORKSPACE_NOT_OPEN. */
  destroy(): void {
    this.#destroyed = true;
    this.cancel();
    this.#queue.abort(closedError());
  }

  async #check(docId: string, preempted: () => boolean): Promise<boolean> {
    // Whatever ran before (a slice, a document's load) has had its turn; let waiting calls in first.
    await this.pace.yieldNow();
    if (this.#destroyed) throw closedError();
    if (this.isChecked(docId)) return true;
    let doc: Y.Doc;
    try {
      doc = this.host.getDoc(docId);
    } catch (err) {
      if (!isChanceryError(err, 'DOCUMENT_DAMAGED')) throw err;
      this.#damaged.add(docId);
      this.host.damaged(docId);
      return true;
    }
    let state = this.#building.get(docId);
    if (!state || state.doc !== doc) {
      state?.destroy();
      state = DocPositionState.stepwise(docId, doc, this.host.judge);
      this.#building.set(docId, state);
      await this.pace.yieldNow(); // loading it was one block of its own
    }
    const built = await state.buildSliced({ ...this.pace, stop: preempted });
    if (this.#destroyed) throw closedError();
    // Cancelled or taken over meanwhile (the queue then sees whether anything is left to do), or paused.
    if (this.#building.get(docId) !== state || !built) return false;
    this.#building.delete(docId);
    this.host.adopt(docId, state);
    return true;
  }
}

function closedError(): ChanceryError {
  return new ChanceryError('WORKSPACE_NOT_OPEN', 'The negotiation was closed while its signatures were being checked; open it again.');
}
