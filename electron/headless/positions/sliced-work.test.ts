import { describe, expect, it } from 'vitest';
import { runAll, runSliced, yieldToEventLoop } from './sliced-work';

function* steps(log: string[], n: number): Generator<void> {
  for (let i = 1; i <= n; i++) {
    log.push(`step ${i}`);
    yield;
  }
}

describe('sliced work', () => {
  it('gives the event loop a turn between slices, so other work is served before it ends', async () => {
    const log: string[] = [];
    const done = runSliced(steps(log, 3), { budgetMs: 0 }).then((finished) => log.push(`done ${finished}`));
    setImmediate(() => log.push('other call'));
    await done;
    // The first turn carries on the work it had queued before the call; the call comes next.
    expect(log).toEqual(['step 1', 'step 2', 'other call', 'step 3', 'done true']);
  });

  it('stops where it is told to, and carries on from there', async () => {
    const log: string[] = [];
    const work = steps(log, 3);
    let stop = false;
    const first = runSliced(work, { budgetMs: 0, stop: () => stop, yieldNow: () => ((stop = log.length >= 2), yieldToEventLoop()) });
    expect(await first).toBe(false);
    expect(log).toEqual(['step 1', 'step 2']);
    expect(await runSliced(work, { budgetMs: 0 })).toBe(true);
    expect(log).toEqual(['step 1', 'step 2', 'step 3']);
  });

  it('runs everything at once for synchronous callers', () => {
    const log: string[] = [];
    runAll(steps(log, 2));
    expect(log).toEqual(['step 1', 'step 2']);
  });
});
