/**
 * Row 5d, measured in this Node process on the production classes (no window; rows 5e–5g, opening
 * with every signature checked, are in checking-cost.ts):
 *
 * - Incremental recompute: main's positions service following a typed update on the 30k-word
 *   document, timed inside its own session listener (what runs after each keystroke: re-hash the
 *   touched clause, re-resolve it, update the tally, announce the change), beside a full recount
 *   of the same document (every clause hashed and resolved, signatures already memoised) — the
 *   cost the incremental path avoids.
 */
import { copyFileSync } from 'node:fs';
import { SignatureCache } from '../../shared/positions/signing';
import type { PositionChange } from '../../electron/headless/positions/position-api';
import { nodeEd25519 } from '../../electron/headless/crypto/node-ed25519';
import { DocPositionState } from '../../electron/headless/positions/doc-position-state';
import { PositionService } from '../../electron/headless/positions/position-service';
import { WorkspaceSession } from '../../electron/headless/workspace/workspace-session';
import { replicaUpdates } from './replica-updates';
import { timeEach } from './stats';
import { documentState } from './workspace-file';

export interface IncrementalRecompute {
  /** The service's listener per typed update, ms, the first (which warms the code paths) left out. */
  incremental: number[];
  /** A full recount of the document, signatures memoised, ms per run. */
  full: number[];
  /** How many of the updates changed a clause's state or staleness (the service announced a change). */
  announced: number;
  updates: number;
}

/**
 * Feeds `updates` typed replica updates (bursts of keys into random clauses) through a session on
 * a copy of the file, with a positions service that follows the document; times its listener.
 */
export function measureIncrementalRecompute(target: { path: string; docId: string }, copy: string, opts: { updates: number; fullRuns: number }): IncrementalRecompute {
  copyFileSync(target.path, copy);
  const updates = replicaUpdates(documentState(target.path, target.docId), { typed: opts.updates, structural: 0, seed: 23 });
  const session = WorkspaceSession.open(copy);
  const incremental: number[] = [];
  let announced = 0;
  try {
    const service = new PositionService({
      workspaceId: session.store.meta.workspaceId,
      readOnly: false,
      manifestDoc: () => session.manifestDoc,
      getDoc: (id) => session.getDoc(id),
      subscribe: (listener) =>
        session.subscribe((docId, update, origin) => {
          const start = performance.now();
          listener(docId, update, origin);
          if (docId === target.docId) incremental.push(performance.now() - start);
        }),
    });
    service.onChange((change: PositionChange) => {
      if (change.kind === 'doc') announced += 1;
    });
    try {
      service.docPositions(target.docId); // built once, as when the window first shows the document
      updates.forEach(({ update }) => session.applyRendererUpdate(target.docId, update, 1));
      const signatures = new SignatureCache(nodeEd25519);
      const ctx = { roster: () => service.resolvedRoster(), signatures, workspaceId: session.store.meta.workspaceId };
      const doc = session.getDoc(target.docId);
      new DocPositionState(target.docId, doc, ctx).destroy(); // fills the signature memo
      const full = timeEach(opts.fullRuns, () => {
        const state = new DocPositionState(target.docId, doc, ctx);
        state.positions();
        state.destroy();
      });
      return { incremental: incremental.slice(1), full, announced, updates: updates.length };
    } finally {
      service.destroy();
    }
  } finally {
    session.close();
  }
}
