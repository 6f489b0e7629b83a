import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import { ORIGIN_LOAD } from '../../../shared/sync/origins';

/**
 * Decides, before anything is stored, whether an update from outside (a window, later the relay
 * or a merged file) may enter one of the hub's docs.
 *
 * An update is only meaningful against the document it lands in — two valid edits can compose
 * into something no editor can show — so the gate applies it to a *scratch copy* kept in step with
 * the hub's doc and checks what the transaction touched there. Only if that passes is the update
 * stored and applied to the real doc; the scratch copy then already holds it. A refused update
 * leaves the scratch copy polluted, so the copy is rebuilt from the hub's doc (O(document), only on
 * that rare path); so is one whose storage failed. Nothing of a refused update reaches the file,
 * the hub's doc or any replica.
 *
 * The check itself is the caller's: incremental for framework documents (content-check.ts),
 * whole for the small manifest (manifest-check.ts).
 */

/** Examines the scratch copy after the update was applied in transaction `tr`; throws INVALID_UPDATE. */
export type ScratchCheck = (scratch: Y.Doc, tr: Y.Transaction) => void;

export class UpdateGate {
  #scratch: Y.Doc | null = null;
  #destroyed = false;

  /**
   * @param hub the hub's doc; the gate never writes to it.
   * @param check what an update must satisfy once applied.
   * @param name how error messages name the document, e.g. `document "Annex I" (annex-1)`.
   */
  constructor(
    private readonly hub: Y.Doc,
    private readonly check: ScratchCheck,
    private readonly name: string,
  ) {}

  /**
   * Applies `update` to the scratch copy and checks it. Throws INVALID_UPDATE (naming the document
   * and what is wrong) and rebuilds the copy if the update cannot be read, depends on edits this
   * hub does not have, or leaves content that fails the check (or `extra`, a rule of the sender's).
   */
  admit(update: Uint8Array, extra?: ScratchCheck): void {
    // No separate decode first: applying parses the update anyway, and an update that fails
    // half-way only pollutes the scratch copy, which a refusal rebuilds.
    const scratch = this.scratch();
    let problem: unknown = null;
    const onTransaction = (tr: Y.Transaction) => {
      try {
        this.check(scratch, tr);
        extra?.(scratch, tr);
      } catch (err) {
        problem = err;
      }
    };
    scratch.on('afterTransaction', onTransaction);
    try {
      Y.applyUpdate(scratch, update, ORIGIN_LOAD);
    } catch (err) {
      problem = this.refusal(`is not a readable Yjs update (${err instanceof Error ? err.message : String(err)})`);
    } finally {
      scratch.off('afterTransaction', onTransaction);
    }
    if (problem === null && (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null)) {
      problem = this.refusal('depends on edits this workspace does not have (it arrived out of order or incomplete)');
    }
    if (problem !== null) {
      this.invalidate();
      if (problem instanceof ChanceryError && problem.code === 'INVALID_UPDATE') {
        throw new ChanceryError('INVALID_UPDATE', `An edit to ${this.name} was refused: ${problem.message}. Nothing of it was saved.`, {
          cause: problem,
        });
      }
      throw problem instanceof ChanceryError ? problem : this.refusal(`could not be checked (${String(problem)})`);
    }
  }

  /**
   * The next clock of `client` in the scratch copy: what the hub's doc holds plus the edits admitted
   * but not applied yet (the relay applies an edit only once it is stored, a moment later).
   */
  stateOf(client: number): number {
    return Y.getState(this.scratch().store, client);
  }

  /** Keeps the scratch copy in step with an edit main made to the hub's doc itself. */
  mirror(update: Uint8Array): void {
    if (this.#scratch) Y.applyUpdate(this.#scratch, update, ORIGIN_LOAD);
  }

  /**
   * Builds the scratch copy now (O(document): tens of milliseconds for a long text), so the first
   * keystroke after a document opens does not pay for it. Called when main is otherwise idle.
   */
  warm(): void {
    if (!this.#destroyed) this.scratch();
  }

  /** Drops the scratch copy; the next admit rebuilds it from the hub's doc. */
  invalidate(): void {
    this.#scratch?.destroy();
    this.#scratch = null;
  }

  destroy(): void {
    this.#destroyed = true;
    this.invalidate();
  }

  private scratch(): Y.Doc {
    if (this.#scratch) return this.#scratch;
    const scratch = new Y.Doc({ gc: this.hub.gc });
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.hub), ORIGIN_LOAD);
    this.#scratch = scratch;
    return scratch;
  }

  private refusal(why: string): ChanceryError {
    return new ChanceryError('INVALID_UPDATE', `An edit to ${this.name} was refused: it ${why}. Nothing of it was saved.`);
  }
}
