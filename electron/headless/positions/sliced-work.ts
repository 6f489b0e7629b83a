/**
 * Long work in main run in slices: a step at a time, giving the event loop a turn whenever a
 * slice has used its budget, so IPC calls (a window's `sync.openDoc`, every keystroke's
 * `sync.pushUpdate`) are served between slices instead of waiting for the whole job.
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
