/**
 * Rows 6e/6f: the time to merge `ops` offline operations (live-offline-edits.ts), two ways.
 *
 * The workspace (one generated document) is convened by A (heading no party) and put on a relay
 * (startRelay, in this process); B joins it as head of VEL and stays connected. A's copy then
 * goes offline: `ops` edits through its hub with no relay connection, and its file is closed
 * (so that a copy of it can be taken for 6f) and opened again.
 *
 * - 6e, on reconnect: a RelaySync on A's session starts; timed until the relay has confirmed all
 *   (whenSynced: every document synced, nothing unconfirmed) and B's session — the other member's
 *   copy, connected throughout — holds every one of A's edits in its file's document.
 * - 6f, `chancery merge TARGET SOURCE`: the built command line (a Node process, as a user runs it)
 *   merging A's offline copy into a copy of the workspace as it was before the edits; wall time of
 *   the process, a fresh TARGET each run. mergeWorkspaceFile in this process is timed beside it,
 *   and the bare start of the command line (`--help`), for information.
 *
 * Baseline for both: plain Y.applyUpdate of the same diff (what A has that the relay or TARGET
 * lacks) into a Y.Doc holding the document as it was before — the CRDT merge alone.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { mergeWorkspaceFile } from '../../electron/headless/live/merge';
import { RelaySync } from '../../electron/headless/live/relay-sync';
import { startRelay } from '../../electron/headless/relay';
import { WorkspaceSession } from '../../electron/headless/workspace/workspace-session';
import { CONTENT_FRAGMENT } from '../../shared/schema/schema';
import { ROOT } from '../harness/paths';
import { generatedSeed, writeWorkspace } from './generate-workspace';
import { editOffline } from './live-offline-edits';
import { benchIdentity, benchInvitation, conveneOnRelay, joinAs, LIVE_SETUP_TIMEOUT_MS } from './live-setup';

export interface OfflineMerge {
  ops: number;
  doc: { words: number; clauses: number };
  /** Bytes of the diff both paths merge (A's offline work). */
  diffBytes: number;
  /** Applying the ops offline through A's hub (setup, for information), ms. */
  offlineEditMs: number;
  /** 6e: reconnect → relay confirmed all and B has them, ms (one run). */
  reconnect: number;
  /** 6e's parts: start → A's whenSynced resolved, ms. */
  reconnectConfirmed: number;
  /** 6f: `chancery merge` process wall time per run, ms. */
  cli: number[];
  /** mergeWorkspaceFile in this process, per run, ms. */
  inProcess: number[];
  /** `chancery --help` process wall time per run, ms. */
  cliStart: number[];
  /** Y.applyUpdate of the diff into the document as it was, per run, ms. */
  plain: number[];
}

/** The offline-merge document: a long annex (100 clauses of ~40 words). */
const MERGE_DOCUMENT = [{ id: 'annex', title: 'Annex 2: Ceasefire Monitoring and Verification', clauses: 100, wordsPerClause: 40 }] as const;
const CLI = join(ROOT, 'out', 'main', 'cli.js');

async function until(done: () => boolean, what: string, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !done(); ) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Whether `doc` has everything state vector `wanted` names. */
function covers(doc: Y.Doc, wanted: Map<number, number>): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of wanted) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

function timeProcess(args: string[]): number {
  const start = performance.now();
  execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: 'pipe' });
  return performance.now() - start;
}

export async function measureOfflineMerge(workDir: string, opts: { ops: number; runs: number }): Promise<OfflineMerge> {
  const dir = mkdtempSync(join(workDir, 'live-merge-'));
  const pathA = join(dir, 'offline-a.chancery');
  const pathB = join(dir, 'online-b.chancery');
  const { documents } = writeWorkspace(pathA, generatedSeed('Offline merge benchmark', MERGE_DOCUMENT, 700));
  const target = documents[0]!;
  const relayDir = join(dir, 'relay');
  const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: relayDir });
  const users = { a: join(dir, 'user-a'), b: join(dir, 'user-b') };
  mkdirSync(users.a);
  mkdirSync(users.b);
  let syncB: RelaySync | null = null;
  let sessionB: WorkspaceSession | null = null;
  let syncA: RelaySync | null = null;
  let sessionA: WorkspaceSession | null = null;
  try {
    const a = benchIdentity(users.a, 'Convener (offline)');
    const b = benchIdentity(users.b, 'Head of VEL (online)');
    await conveneOnRelay(pathA, a, relay.url);
    await joinAs(benchInvitation(pathA, a, { party: 'VEL', role: 'head', relay: relay.url }), pathB, b);
    sessionB = WorkspaceSession.open(pathB);
    syncB = new RelaySync(sessionB, { relay: relay.url, signer: b.signer, name: b.name });
    syncB.start();
    await syncB.whenSynced(LIVE_SETUP_TIMEOUT_MS);

    // The workspace as it was before the offline work: 6f's TARGET and both baselines' start.
    const before = join(dir, 'before.chancery');
    copyFileSync(pathA, before);
    sessionA = WorkspaceSession.open(pathA);
    const beforeState = Y.encodeStateAsUpdate(sessionA.getDoc(target.id));
    const editStart = performance.now();
    editOffline(sessionA, target.id, opts.ops, 83);
    const offlineEditMs = performance.now() - editStart;
    const edited = sessionA.getDoc(target.id);
    const wanted = Y.decodeStateVector(Y.encodeStateVector(edited));
    const beforeDoc = new Y.Doc();
    Y.applyUpdate(beforeDoc, beforeState);
    const diff = Y.encodeStateAsUpdate(edited, Y.encodeStateVector(beforeDoc));
    sessionA.close();
    const source = join(dir, 'offline-copy.chancery');
    copyFileSync(pathA, source);

    // ---- 6e: reconnect --------------------------------------------------------------------
    sessionA = WorkspaceSession.open(pathA);
    const docB = sessionB.getDoc(target.id);
    if (covers(docB, wanted)) throw new Error('B already had the offline edits before A reconnected');
    const start = performance.now();
    syncA = new RelaySync(sessionA, { relay: relay.url, signer: a.signer, name: a.name });
    syncA.start();
    await syncA.whenSynced(120_000);
    const reconnectConfirmed = performance.now() - start;
    await until(() => covers(sessionB!.getDoc(target.id), wanted), "B's copy has every offline edit", 120_000);
    const reconnect = performance.now() - start;
    const xml = (s: WorkspaceSession) => s.getDoc(target.id).getXmlFragment(CONTENT_FRAGMENT).toString();
    if (xml(sessionA) !== xml(sessionB)) throw new Error("after the reconnect, B's document differs from A's");

    // ---- 6f: chancery merge ---------------------------------------------------------------
    const cli: number[] = [];
    const inProcess: number[] = [];
    for (let run = 0; run < opts.runs; run++) {
      const into = join(dir, `merge-target-${run}.chancery`);
      copyFileSync(before, into);
      cli.push(timeProcess(['--user-data', users.a, 'merge', '--json', into, source]));
      const check = WorkspaceSession.openReadOnly(into);
      try {
        if (!covers(check.getDoc(target.id), wanted)) throw new Error(`chancery merge left ${into} without the offline edits`);
      } finally {
        check.close();
      }
      const again = join(dir, `merge-inprocess-${run}.chancery`);
      copyFileSync(before, again);
      const session = WorkspaceSession.open(again);
      try {
        const t = performance.now();
        mergeWorkspaceFile(session, source);
        inProcess.push(performance.now() - t);
      } finally {
        session.close();
      }
    }
    const cliStart = Array.from({ length: opts.runs }, () => timeProcess(['--help']));
    const plain: number[] = [];
    for (let run = 0; run < opts.runs; run++) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, beforeState);
      const t = performance.now();
      Y.applyUpdate(doc, diff);
      plain.push(performance.now() - t);
      if (!covers(doc, wanted)) throw new Error('the plain merge lacks the offline edits');
      doc.destroy();
    }
    return { ops: opts.ops, doc: { words: target.words, clauses: target.clauses }, diffBytes: diff.byteLength, offlineEditMs, reconnect, reconnectConfirmed, cli, inProcess, cliStart, plain };
  } finally {
    await syncA?.stop();
    await syncB?.stop();
    sessionA?.close();
    sessionB?.close();
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
