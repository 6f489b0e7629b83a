/**
 * Rows 5e–5g, measured in this Node process on the production classes (no window): opening the
 * 2,000-clause workspace whose every clause carries four signed positions, as main serves the
 * window that opens it. The window asks for the package agreement at once (`positions.agreement`:
 * every signature checked, main's event loop given a turn between slices) and, a moment later,
 * for its first document (`sync.openDoc`). Timed from asking for the agreement:
 *
 * - when the final figures (no `checking` left) are ready (5e);
 * - when the first document's openDoc — asked in the next turn of the event loop, as the window's
 *   arrives behind the agreement call — has been served (load + encode) (5f), beside the same
 *   openDoc on a fresh session with nothing else to do;
 * - the longest gap between two turns of the event loop meanwhile (5g): the most a keystroke's
 *   `sync.pushUpdate` could have waited (a probe re-queued with setImmediate notes every gap).
 *
 * For information: the same figures computed all at once, as the CLI's `info` and `verify` do
 * (`packageAgreement()`), and the plain Yjs load of every document (better-sqlite3 + Y.applyUpdate).
 */
import * as Y from 'yjs';
import { WorkspaceSession } from '../../electron/headless/workspace/workspace-session';
import { timeEach } from './stats';
import { documentIds, plainYjsLoad } from './workspace-file';

export interface CheckingAtOpen {
  /** ms from asking for the agreement to its final figures, per run. */
  final: number[];
  /** ms from asking for the agreement to the first document's openDoc served, per run. */
  openDoc: number[];
  /** The same openDoc on a fresh session with nothing else running, ms per run. */
  openDocAlone: number[];
  /** The longest gap between two turns of main's event loop while the agreement was computed, ms per run. */
  stall: number[];
  /** The figures all at once (the CLI's path), ms per run. */
  allAtOnce: number[];
  /** Plain Yjs load of every document, ms per run. */
  plain: number[];
  records: number;
  clauses: number;
  percent: number;
}

type Sample = { final: number; openDoc: number; stall: number };

async function checkedOpen(path: string, firstDocId: string, out: CheckingAtOpen): Promise<Sample> {
  const session = WorkspaceSession.openReadOnly(path);
  try {
    let done = false;
    let stall = 0;
    const start = performance.now();
    let last = start;
    const probe = () => {
      const now = performance.now();
      stall = Math.max(stall, now - last);
      last = now;
      if (!done) setImmediate(probe);
    };
    const agreement = session.positions.checkedPackageAgreement([firstDocId]);
    setImmediate(probe);
    const openDoc = new Promise<number>((resolve) =>
      setImmediate(() => {
        Y.encodeStateAsUpdate(session.getDoc(firstDocId));
        resolve(performance.now() - start);
      }),
    );
    const figures = await agreement;
    const final = performance.now() - start;
    done = true;
    if (figures.checking) throw new Error(`${path}: the agreement came back still checking`);
    out.clauses = figures.package.agreement.clauses;
    out.percent = figures.package.agreement.percent;
    return { final, openDoc: await openDoc, stall };
  } finally {
    session.close();
  }
}

/** Opens `path` `runs` times each way (plus a warm-up round), the ways interleaved so drift hits all alike. */
export async function measureCheckingAtOpen(path: string, runs: number): Promise<CheckingAtOpen> {
  const ids = documentIds(path);
  const firstDocId = ids[0]!;
  const out: CheckingAtOpen = { final: [], openDoc: [], openDocAlone: [], stall: [], allAtOnce: [], plain: [], records: 0, clauses: 0, percent: NaN };
  for (let r = 0; r < runs + 1; r++) {
    const sample = await checkedOpen(path, firstDocId, out);
    const [allAtOnce] = timeEach(1, () => {
      const session = WorkspaceSession.openReadOnly(path);
      try {
        session.positions.packageAgreement();
      } finally {
        session.close();
      }
    });
    const session = WorkspaceSession.openReadOnly(path);
    let alone = NaN;
    try {
      alone = timeEach(1, () => Y.encodeStateAsUpdate(session.getDoc(firstDocId)))[0]!;
    } finally {
      session.close();
    }
    const [plain] = timeEach(1, () => ids.forEach((id) => plainYjsLoad(path, id).destroy()));
    if (r === 0) continue; // the first round warms the code paths and the page cache
    out.final.push(sample.final);
    out.openDoc.push(sample.openDoc);
    out.stall.push(sample.stall);
    out.allAtOnce.push(allAtOnce!);
    out.openDocAlone.push(alone);
    out.plain.push(plain!);
  }
  for (const id of ids) out.records += plainYjsLoad(path, id).getMap('positions').size;
  if (out.clauses === 0) throw new Error(`${path}: the agreement counted no clauses`);
  return out;
}
