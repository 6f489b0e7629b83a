/**
 * Row 4: what checking an update from a window costs main, per update, on the 30k-word typing
 * document — measured in this Node process on the real classes, with realistic replica updates
 * (replica-updates.ts), every path fed the same updates in the same order.
 *
 * Paths, each on its own copy of the document, so each sees exactly the state the hub would:
 * - hub: `WorkspaceSession.applyRendererUpdate` on a real session on a real file (gate, SQLite
 *   append with fsync, apply, clause-id upkeep) — what a window's push costs main.
 * - store + apply (its baseline): the same file format opened with `WorkspaceStore`, then
 *   `appendUpdate` and `Y.applyUpdate` to a plain Y.Doc — the session path with the gate and the
 *   id upkeep left out, built from the same production parts without changing them.
 * - gate: `UpdateGate.admit` with `checkTransaction` (decode + apply to the scratch copy + check).
 * - apply (its baseline): `Y.applyUpdate` of the same update to a plain Y.Doc.
 * - check (info): `checkTransaction` alone, timed inside the gate's own admit (the gate is given
 *   the production check wrapped in a timer), so admit − check is decoding and applying the update
 *   to the scratch copy.
 *
 * Per update the paths run in a rotating order, so drift in machine load falls on all alike. The
 * first update is reported apart: it is when the gate builds its scratch copy (O(document)).
 */
import { copyFileSync } from 'node:fs';
import * as Y from 'yjs';
import { checkTransaction } from '../../shared/schema/content-check';
import { CONTENT_FRAGMENT } from '../../shared/schema/schema';
import { WorkspaceStore } from '../../electron/headless/store/workspace-store';
import { UpdateGate } from '../../electron/headless/workspace/update-gate';
import { WorkspaceSession } from '../../electron/headless/workspace/workspace-session';
import { replicaUpdates, type UpdateKind } from './replica-updates';
import { median } from './stats';
import { documentState } from './workspace-file';

const PATHS = ['hub', 'store', 'gate', 'apply'] as const;
type PathName = (typeof PATHS)[number] | 'check';

export type Samples = Record<PathName, number[]>;

export interface ValidationCost {
  /** Per path, ms per update, the first update excluded. */
  typed: Samples;
  structural: Samples;
  /** The first update (a typed character) after opening, per path, one entry per fresh open. */
  first: Omit<Record<PathName, number>, 'check'>[];
  /** Median bytes of a typed / structural update. */
  updateBytes: { typed: number; structural: number };
  /** Folding the doc into one snapshot row, as the hub does every 500 stored updates (info). */
  compactionMs: number;
  stateBytes: number;
}

function loadPlain(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  Y.applyUpdate(doc, state);
  return doc;
}

function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const emptySamples = (): Samples => ({ hub: [], store: [], gate: [], apply: [], check: [] });

/** The cost of the first push after a document was opened, on fresh copies: the gate builds its scratch copy then. */
function firstUpdate(target: { path: string; docId: string }, copies: { hub: string; store: string }, state: Uint8Array, update: Uint8Array) {
  copyFileSync(target.path, copies.hub);
  copyFileSync(target.path, copies.store);
  const session = WorkspaceSession.open(copies.hub);
  const store = WorkspaceStore.open(copies.store);
  const docs = [loadPlain(state), loadPlain(state)];
  try {
    session.getDoc(target.docId); // loading is part of opening (openDoc), not of the first push
    const storeDoc = loadPlain(Y.mergeUpdates(store.loadUpdates(target.docId)));
    docs.push(storeDoc);
    const gate = new UpdateGate(docs[0]!, checkTransaction, 'the typing document');
    const result = {
      hub: timed(() => session.applyRendererUpdate(target.docId, update, 1)),
      store: timed(() => {
        store.appendUpdate(target.docId, update);
        Y.applyUpdate(storeDoc, update);
      }),
      gate: timed(() => gate.admit(update)),
      apply: timed(() => Y.applyUpdate(docs[1]!, update)),
    };
    gate.destroy();
    return result;
  } finally {
    for (const doc of docs) doc.destroy();
    store.close();
    session.close();
  }
}

export function measureValidationCost(
  target: { path: string; docId: string },
  copies: { hub: string; store: string },
  opts: { typed: number; structural: number; firstRuns: number },
): ValidationCost {
  const state = documentState(target.path, target.docId);
  const updates = replicaUpdates(state, { typed: opts.typed, structural: opts.structural, seed: 11 });
  const firstRuns: Omit<Record<PathName, number>, 'check'>[] = [];
  for (let r = 0; r < opts.firstRuns; r++) firstRuns.push(firstUpdate(target, copies, state, updates[0]!.update));

  copyFileSync(target.path, copies.hub);
  copyFileSync(target.path, copies.store);
  const session = WorkspaceSession.open(copies.hub);
  const store = WorkspaceStore.open(copies.store);
  const docs: Y.Doc[] = [];
  try {
    // Loading the doc is part of opening it (openDoc), not of the first push: done untimed.
    session.getDoc(target.docId);
    const storeDoc = loadPlain(Y.mergeUpdates(store.loadUpdates(target.docId)));
    const gateHub = loadPlain(state);
    let checkMs = NaN;
    const gate = new UpdateGate(
      gateHub,
      (scratch, tr) => {
        checkMs = timed(() => checkTransaction(scratch, tr));
      },
      'the typing document',
    );
    const applyDoc = loadPlain(state);
    docs.push(storeDoc, gateHub, applyDoc);

    const run: Record<(typeof PATHS)[number], (u: Uint8Array) => number> = {
      hub: (u) => timed(() => session.applyRendererUpdate(target.docId, u, 1)),
      store: (u) =>
        timed(() => {
          store.appendUpdate(target.docId, u);
          Y.applyUpdate(storeDoc, u);
        }),
      gate: (u) => {
        checkMs = NaN;
        const ms = timed(() => gate.admit(u));
        Y.applyUpdate(gateHub, u); // keep the gate's hub doc in step, as the hub does after admit
        return ms;
      },
      apply: (u) => timed(() => Y.applyUpdate(applyDoc, u)),
    };

    const typed = emptySamples();
    const structural = emptySamples();
    updates.forEach(({ kind, update }, k) => {
      for (let j = 0; j < PATHS.length; j++) {
        const path = PATHS[(k + j) % PATHS.length]!;
        const ms = run[path](update);
        // The first builds the gate's scratch copy: measured apart, on fresh copies, above.
        if (k > 0) (kind === 'typed' ? typed : structural)[path].push(ms);
        if (k > 0 && path === 'gate') (kind === 'typed' ? typed : structural).check.push(checkMs);
      }
    });

    // Every path must have ended with the same document: the updates were all admitted and applied.
    const expected = session.getDoc(target.docId).getXmlFragment(CONTENT_FRAGMENT).toString();
    for (const [name, doc] of [['store', storeDoc], ['gate', gateHub], ['apply', applyDoc]] as const) {
      if (doc.getXmlFragment(CONTENT_FRAGMENT).toString() !== expected) throw new Error(`the ${name} path ended with a different document than the hub`);
    }

    const compactionMs = timed(() => store.replaceWithSnapshot(target.docId, Y.encodeStateAsUpdate(storeDoc)));
    gate.destroy();
    const bytesOf = (kinds: UpdateKind[]) => {
      const sizes = updates.filter((u) => kinds.includes(u.kind)).map((u) => u.update.byteLength);
      return sizes.length ? median(sizes) : NaN;
    };
    return {
      typed,
      structural,
      first: firstRuns,
      updateBytes: { typed: bytesOf(['typed']), structural: bytesOf(['enter', 'new-clause']) },
      compactionMs,
      stateBytes: state.byteLength,
    };
  } finally {
    for (const doc of docs) doc.destroy();
    store.close();
    session.close();
  }
}
