import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PackageAgreement } from '../../../shared/positions/model';
import { signPosition } from '../../../shared/positions/signing';
import { WorkspaceSession } from '../workspace/workspace-session';
import type { PositionChange } from './position-api';
import { PositionService } from './position-service';
import { C, newSigner, recordUpdate, smallSeed, tmpFile, typingUpdate } from './positions-test-support';
import { runAll, runSliced, yieldToEventLoop } from './sliced-work';

/**
 * Main's background checking (DocChecking): the order in which calls are served is what is tested,
 * never how long anything takes. A budget of 0 makes every step (one clause hashed, one record
 * judged, one clause resolved) a slice of its own, so the interleaving is the same on any machine.
 */

const open: { close(): void }[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

const EVERY_STEP = { budgetMs: 0, yieldNow: yieldToEventLoop };

/** Runs `fn` after `n` turns of the event loop. */
function afterTurns(n: number, fn: () => void): void {
  setImmediate(() => (n <= 1 ? fn() : afterTurns(n - 1, fn)));
}
const card = (s: { publicKey: string }, name: string) => ({ v: 1 as const, name, key: s.publicKey });

/**
 * A file whose every clause both parties accept, plus, on beta's clause, ALD's acceptance forged
 * (VEL's genuine record with party and member rewritten): were it counted unchecked, beta would
 * show agreed. Reopened, so nothing of it is verified yet.
 */
function signedFile(): string {
  const convener = newSigner();
  const ald = newSigner();
  const vel = newSigner();
  const file = tmpFile();
  const session = WorkspaceSession.create(file, smallSeed(convener));
  try {
    const { positions } = session;
    positions.admit(convener, card(ald, 'Anja Korvel'), 'head', 'ALD');
    positions.admit(convener, card(vel, 'Tomas Brenner'), 'head', 'VEL');
    for (const clauseId of [C.a1, C.a2, C.a3]) {
      positions.setPosition(ald, 'alpha', clauseId, 'ALD', { status: 'accepted' });
      positions.setPosition(vel, 'alpha', clauseId, 'VEL', { status: 'accepted' });
    }
    positions.setPosition(vel, 'beta', C.b1, 'VEL', { status: 'accepted' });
    const genuine = positions.history('beta', C.b1)[0]!.record;
    const forged = { ...signPosition({ ...genuine, at: new Date(Date.now() + 1000).toISOString() }, vel), party: 'ALD', member: ald.publicKey };
    session.applyPeerUpdate('beta', recordUpdate(session, 'beta', forged));
  } finally {
    session.close();
  }
  return file;
}

/** The session on `file`, and a positions service of its own on it that checks a step per slice. */
function openChecked(file: string) {
  const session = WorkspaceSession.open(file);
  const service = new PositionService(
    {
      workspaceId: session.store.meta.workspaceId,
      readOnly: false,
      manifestDoc: () => session.manifestDoc,
      getDoc: (id) => session.getDoc(id),
      subscribe: (listener) => session.subscribe(listener),
    },
    EVERY_STEP,
  );
  open.push(session, { close: () => service.destroy() });
  const announced: PackageAgreement[] = [];
  service.onChange((c: PositionChange) => c.kind === 'package' && announced.push(c.agreement));
  return { session, service, announced };
}

describe('checking signatures in the background', { timeout: 20_000 }, () => {
  it('serves a keystroke and an openDoc of the same session while the package agreement is computed', async () => {
    const { session, service, announced } = openChecked(signedFile());
    const served: string[] = [];
    const agreement = service.checkedPackageAgreement(['alpha']).then((a) => (served.push('agreement'), a));
    const counted = () => Object.keys(announced.at(-1)?.documents ?? {}).join(' ') || 'none';
    // What a window sends meanwhile, a few turns of the event loop in (alpha is being checked):
    // a keystroke into alpha, then the opening of another document.
    afterTurns(5, () => {
      session.applyRendererUpdate('alpha', typingUpdate(session, 'alpha', C.a3, ' now'), 1);
      served.push(`pushUpdate (documents counted: ${counted()})`);
    });
    afterTurns(6, () => {
      Y.encodeStateAsUpdate(session.getDoc('beta'));
      served.push(`openDoc (documents counted: ${counted()})`);
    });
    const final = await agreement;
    expect(served).toEqual(['pushUpdate (documents counted: none)', 'openDoc (documents counted: none)', 'agreement']);
    expect(final.checking).toBeUndefined();
    // Typing into clause a3 made its acceptances stale; the forgery never counts.
    expect(final.documents.alpha!.agreement).toMatchObject({ clauses: 3, agreed: 2, stale: 1 });
    expect(final.documents.beta!.agreement).toMatchObject({ clauses: 1, agreed: 0, invalid: 1 });
    expect(final).toEqual(service.packageAgreement());
  });

  it('announces the figures so far with how far it has got, and never counts a record before checking it', async () => {
    const { service, announced } = openChecked(signedFile());
    const final = await service.checkedPackageAgreement();
    expect(announced.map((a) => [Object.keys(a.documents), a.checking ?? null])).toEqual([
      [[], { checked: 0, total: 2 }],
      [['alpha'], { checked: 1, total: 2 }],
      [['alpha', 'beta'], null],
    ]);
    for (const a of announced) {
      // What is announced for a document is its final figure, or nothing: never a partial count.
      for (const [docId, summary] of Object.entries(a.documents)) expect(summary).toEqual(final.documents[docId]);
      expect(a.documents.beta?.agreement.agreed ?? 0).toBe(0);
    }
    expect(announced.at(-1)).toEqual(final);
  });

  it('checks a document a window waits to show before the rest, pausing the one under way', async () => {
    const { service, announced } = openChecked(signedFile());
    const agreement = service.checkedPackageAgreement(['alpha']);
    await yieldToEventLoop(); // alpha's checking has begun
    const beta = await service.checkedDocPositions('beta');
    expect(announced.at(-1)?.checking).toEqual({ checked: 1, total: 2 });
    expect(Object.keys(announced.at(-1)!.documents)).toEqual(['beta']);
    expect(beta.clauses.map((c) => c.state)).toEqual(['open']);
    expect((await agreement).checking).toBeUndefined();
  });

  it('finishes a half-checked document at once for a caller that cannot wait, and answers every waiter', async () => {
    const { service } = openChecked(signedFile());
    const agreement = service.checkedPackageAgreement();
    await yieldToEventLoop();
    await yieldToEventLoop();
    // The CLI's and a command's path: synchronous, the partial build carried on to the end.
    expect(service.docPositions('alpha').summary.agreement).toMatchObject({ clauses: 3, agreed: 3 });
    expect((await agreement).package.agreement).toMatchObject({ clauses: 4, agreed: 3, invalid: 1 });
  });

  it('tells whoever waits that the workspace closed, with a stable code', async () => {
    const { session, service } = openChecked(signedFile());
    const agreement = service.checkedPackageAgreement();
    service.destroy();
    session.close();
    await expect(agreement).rejects.toMatchObject({ code: 'WORKSPACE_NOT_OPEN' });
  });
});

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
