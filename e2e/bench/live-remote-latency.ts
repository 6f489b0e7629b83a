/**
 * Rows 6a/6b: a keystroke in A's editor → that character painted in B's editor, through the relay
 * on loopback.
 *
 * App: two harness app instances (two main processes, two Chromiums), each with its own member
 * identity: A, the convener (heading no party), opens the 30k-word typing workspace; B, invited by
 * A as head of VEL, joined with joinWorkspace into its own file and opens that. Both connect to
 * one relay (startRelay, in this process) as the app does on opening a workspace that remembers
 * its relay. The path measured: A's renderer → A's main (hub, file) → relay (auth, validation,
 * durable store) → B's main (gate, file) → B's renderer → painted.
 *
 * Baseline: two bare y-prosemirror pages (bare-editor/, `?hocuspocus=`), one in A's Chromium and
 * one in B's, bound to one document name on a plain Hocuspocus `Server` (no extensions, in this
 * process too) through HocuspocusProviders in the pages; same document state, same keys.
 *
 * Keys are typed as in row 2 (Playwright keyboard.press at the end of the first paragraph of the
 * middle clause), in alternating blocks (bare, app, bare, app); each key only after the previous
 * one painted at the other end, plus a random 25–50 ms. See live-page-probes.ts for the clock.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Server } from '@hocuspocus/server';
import type { Page } from 'playwright-core';
import { startRelay } from '../../electron/headless/relay';
import { seededRandom } from '../../shared/testing/seeded-random';
import { buildBareEditor, serveBareEditor } from './bare-editor-server';
import { openBarePage } from './bare-page';
import { generatedSeed, TYPING_WORKSPACE, writeWorkspace } from './generate-workspace';
import { launchApp, type BenchApp } from './harness-app';
import { placeCaret } from './keystroke-latency';
import { benchIdentity, benchInvitation, conveneOnRelay, joinAs } from './live-setup';
import { APP_EDITOR, armSendProbe, BARE_EDITOR, clockOffset, installRemoteProbe, installSendProbe, remoteSamples, sentTimes, untilRemote } from './live-page-probes';
import { openFirstDocument } from './page-probes';
import { documentState } from './workspace-file';

export interface RemoteLatency {
  /** A's keydown → painted in B's editor, ms, warm-up keys dropped. */
  app: number[];
  bare: number[];
  /** A's keydown → B's DOM changed (before its paint), ms. */
  appArrived: number[];
  bareArrived: number[];
  keys: number;
  warmup: number;
  doc: { words: number; clauses: number; stateBytes: number };
  /** The largest half round trip among the clock offsets: how far two pages' clocks may disagree. */
  clockErrorMs: number;
}

const TEXT = ' The Mechanism shall report to the Joint Commission on every incident within forty-eight hours of its occurrence.';

async function waitConnected(page: Page): Promise<void> {
  await page.locator('[data-testid="live-status"][data-state="connected"][data-unconfirmed="0"]').waitFor({ timeout: 60_000 });
}

async function waitBareReady(page: Page, clauses: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const w = window as unknown as { __bareEditorReady?: boolean; __bareEditorError?: string };
      if (w.__bareEditorError) throw new Error(`bare editor: ${w.__bareEditorError}`);
      return w.__bareEditorReady === true && document.querySelectorAll('.ProseMirror > section.clause').length === n;
    },
    clauses,
    { timeout: 60_000 },
  );
}

interface Pair {
  typer: Page;
  receiver: Page;
  typed: number;
}

async function typeBlock(pair: Pair, text: string, clause: number, random: () => number): Promise<void> {
  await pair.receiver.bringToFront();
  await placeCaret(pair.typer, clause);
  await armSendProbe(pair.typer, true);
  for (const ch of text) {
    await pair.typer.keyboard.press(ch === ' ' ? 'Space' : ch);
    pair.typed += 1;
    await untilRemote(pair.receiver, pair.typed);
    await pair.typer.waitForTimeout(25 + random() * 25);
  }
  await armSendProbe(pair.typer, false);
}

/** Each key's latency on the bench's clock: B's time minus B's offset, minus A's likewise. */
async function latencies(pair: Pair, typed: string, warmup: number): Promise<{ painted: number[]; arrived: number[]; clockError: number }> {
  const [a, b] = [await clockOffset(pair.typer), await clockOffset(pair.receiver)];
  const sent = await sentTimes(pair.typer);
  const got = await remoteSamples(pair.receiver);
  if (got.text !== got.base + typed) throw new Error(`the receiving editor shows …${(got.text ?? '(no paragraph)').slice(-60)}, not the typed text`);
  if (sent.length !== typed.length || got.painted.length !== typed.length) {
    throw new Error(`expected ${typed.length} keys, got ${sent.length} sent and ${got.painted.length} painted`);
  }
  const at = (t: number, o: number) => t - o;
  return {
    painted: got.painted.map((t, k) => at(t, b.offset) - at(sent[k]!, a.offset)).slice(warmup),
    arrived: got.arrived.map((t, k) => at(t, b.offset) - at(sent[k]!, a.offset)).slice(warmup),
    clockError: Math.max(a.rtt, b.rtt) / 2,
  };
}

export async function measureRemoteLatency(workDir: string, opts: { keys: number; warmup: number }): Promise<RemoteLatency> {
  const total = opts.keys + opts.warmup;
  const typed = TEXT.repeat(Math.ceil(total / TEXT.length)).slice(0, total);
  const half = Math.ceil(total / 2);
  const blocks = [typed.slice(0, half), typed.slice(half)];

  const pathA = join(workDir, 'live-typing-a.chancery');
  const pathB = join(workDir, 'live-typing-b.chancery');
  const { documents } = writeWorkspace(pathA, generatedSeed('Live typing benchmark', TYPING_WORKSPACE, 300));
  const target = documents[0]!;
  const clause = Math.floor(target.clauses / 2);
  const state = documentState(pathA, target.id);

  const relayDir = mkdtempSync(join(workDir, 'live-relay-'));
  const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: relayDir });
  const plain = new Server({ port: 0, quiet: true, stopOnSignals: false });
  const apps: BenchApp[] = [];
  let bare: Awaited<ReturnType<typeof serveBareEditor>> | null = null;
  try {
    const userA = join(workDir, 'live-user-a');
    const userB = join(workDir, 'live-user-b');
    mkdirSync(userA, { recursive: true });
    mkdirSync(userB, { recursive: true });
    const a = benchIdentity(userA, 'Convener (bench A)');
    const b = benchIdentity(userB, 'Head of VEL (bench B)');
    await conveneOnRelay(pathA, a, relay.url);
    await joinAs(benchInvitation(pathA, a, { party: 'VEL', role: 'head', relay: relay.url }), pathB, b);

    await plain.listen();
    bare = await serveBareEditor(await buildBareEditor(), state);
    const appA = await launchApp({ userDataDir: userA, args: [pathA] });
    apps.push(appA);
    const appB = await launchApp({ userDataDir: userB, args: [pathB] });
    apps.push(appB);
    for (const app of apps) {
      await openFirstDocument(app.page, null, target.clauses);
      await waitConnected(app.page);
    }
    const viewport = await appA.page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight }));
    const bareUrl = `${bare.url}?hocuspocus=${encodeURIComponent(`ws://127.0.0.1:${plain.address.port}`)}&name=bench`;
    const x = await openBarePage(appA, bareUrl, viewport);
    const y = await openBarePage(appB, bareUrl, viewport);
    await waitBareReady(x.page, target.clauses);
    await waitBareReady(y.page, target.clauses);

    const pairs = { bare: { typer: x.page, receiver: y.page, typed: 0 }, app: { typer: appA.page, receiver: appB.page, typed: 0 } };
    for (const [which, pair] of Object.entries(pairs)) {
      await installSendProbe(pair.typer);
      await pair.receiver.bringToFront();
      await installRemoteProbe(pair.receiver, which === 'app' ? APP_EDITOR : BARE_EDITOR, clause);
    }
    const random = seededRandom(11);
    for (const block of blocks) {
      for (const which of ['bare', 'app'] as const) await typeBlock(pairs[which], block, clause, random);
    }
    const app = await latencies(pairs.app, typed, opts.warmup);
    const base = await latencies(pairs.bare, typed, opts.warmup);
    // Every key durable in A's file before the apps close.
    await appA.page.locator('[role="status"][data-state="saved"]').waitFor({ timeout: 30_000 });
    await x.context.close();
    await y.context.close();
    return {
      app: app.painted,
      bare: base.painted,
      appArrived: app.arrived,
      bareArrived: base.arrived,
      keys: opts.keys,
      warmup: opts.warmup,
      doc: { words: target.words, clauses: target.clauses, stateBytes: state.byteLength },
      clockErrorMs: Math.max(app.clockError, base.clockError),
    };
  } finally {
    for (const app of apps.reverse()) await app.close().catch(async () => app.kill());
    await bare?.close();
    await plain.destroy().catch(() => undefined);
    await relay.close();
    rmSync(relayDir, { recursive: true, force: true });
  }
}
