/**
 * Long work in main run in slices: a step at a time, giving the event loop a turn whenever a
 * slice has used its budget, so IPC calls (a window's `sync.openDoc`, every keystroke's
 * `sync.pushUpdate`) are served between slices instead of waiting for the whole job; and
 * {@link CheckQueue}, which decides which document's checking runs next.
 */

/** How long one slice of background checking may hold main's event loop, in ms. */
export const CHECK_SLICE_MS = 8;

export interface SliceOptions {
  /** The longest a slice may run before giving the event loop a turn; 0 yields after every step. */
  budgetMs: number;
  /** Gives the event loop a turn; {@link yieldToEventLoop} unless a test passes its own. */
  yieldNow?: () => Promise<void>;
  /** Asked before every slice: true stops the work there (the caller may resume the same steps later). */
  stop?: () => boolean;
}

/** One turn of the event loop: pending I/O callbacks (IPC included) run before the promise settles. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `steps` to the end in slices of at most about `budgetMs` each (a step is never cut short,
 * so keep steps small). Resolves true when the steps are exhausted, false when `stop` said so:
 * the iterator is left where it was and can be passed in again to carry on.
 */
export async function runSliced(steps: Iterator<unknown>, opts: SliceOptions): Promise<boolean> {
  const yieldNow = opts.yieldNow ?? yieldToEventLoop;
  for (;;) {
    if (opts.stop?.()) return false;
    const start = performance.now();
    do {
      if (steps.next().done) return true;
    } while (performance.now() - start < opts.budgetMs);
    await yieldNow();
  }
}

/** Runs `steps` to the end at once (the synchronous callers: the CLI, tests, a command). */
export function runAll(steps: Iterator<unknown>): void {
  while (!steps.next().done) {
    // each step does its own work
  }
}

/** What the queue runs: checks one document; resolves false when it paused (stopped, or `preempted()` said so). */
export type CheckOne = (docId: string, preempted: () => boolean) => Promise<boolean>;

interface Waiter {
  ids: Set<string>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Which document main checks next, one at a time. A window waiting for a document it shows goes
 * first (an urgent request cuts in, and the document being checked is paused at its next slice
 * and resumed right after); the rest follow in the order asked for. Everyone waiting for a
 * document is answered once it is done, and hears of the error if checking it failed.
 */
export class CheckQueue {
  readonly #order: string[] = [];
  readonly #waiters = new Set<Waiter>();
  #current: string | null = null;
  /** Ids put at the front since the current document started: it resumes after them. */
  #cutIn = 0;

  constructor(
    private readonly check: CheckOne,
    /** True once a document needs no (more) checking: checked, unreadable, or no longer listed. */
    private readonly isDone: (docId: string) => boolean,
  ) {}

  /** Resolves once every one of `ids` is done; `urgent` puts them before everything else. */
  whenChecked(ids: readonly string[], urgent = false): Promise<void> {
    const pending = [...new Set(ids)].filter((id) => !this.isDone(id));
    if (pending.length === 0) return Promise.resolve();
    const promise = new Promise<void>((resolve, reject) => this.#waiters.add({ ids: new Set(pending), resolve, reject }));
    const queued = pending.filter((id) => id !== this.#current);
    if (urgent) {
      for (const id of queued) this.#remove(id);
      this.#order.unshift(...queued);
      if (this.#current !== null) this.#cutIn += queued.length;
    } else {
      for (const id of queued) if (!this.#order.includes(id)) this.#order.push(id);
    }
    if (this.#current === null) void this.#run();
    return promise;
  }

  /** Gives up on everything queued (the session closes): every waiter hears `err`. */
  abort(err: unknown): void {
    this.#order.length = 0;
    for (const waiter of this.#waiters) waiter.reject(err);
    this.#waiters.clear();
  }

  async #run(): Promise<void> {
    while (this.#order.length > 0) {
      const id = this.#order.shift()!;
      this.#current = id;
      this.#cutIn = 0;
      try {
        const finished = !this.isDone(id) ? await this.check(id, () => this.#cutIn > 0) : true;
        this.#current = null;
        if (finished || this.isDone(id)) this.#settle(id, null);
        else if (!this.#order.includes(id)) this.#order.splice(Math.min(this.#cutIn, this.#order.length), 0, id);
      } catch (err) {
        this.#current = null;
        this.#settle(id, err);
      }
    }
  }

  /** `id` is done (`err` null) or failed: answers every waiter that has nothing else to wait for. */
  #settle(id: string, err: unknown): void {
    for (const waiter of this.#waiters) {
      if (!waiter.ids.has(id)) continue;
      if (err !== null) {
        this.#waiters.delete(waiter);
        waiter.reject(err);
        continue;
      }
      waiter.ids.delete(id);
      if (waiter.ids.size === 0) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  #remove(id: string): void {
    const at = this.#order.indexOf(id);
    if (at >= 0) this.#order.splice(at, 1);
  }
}
