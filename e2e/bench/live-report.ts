/** Row 6 of the table (live co-editing: remote edit latency, relay fan-out and memory, offline merge) and its note. */
import type { FanOutRun } from './live-fanout';
import type { OfflineMerge } from './live-offline-merge';
import type { RemoteLatency } from './live-remote-latency';
import { bytes, ms, NA, ratio, type Row } from './report-table';
import { median, quantile } from './stats';

const thousands = (n: number) => n.toLocaleString('en-US');
const q = (values: readonly number[] | undefined, p: number) => (values && values.length ? quantile(values, p) : NaN);
const mid = (values: readonly number[] | undefined) => (values && values.length ? median(values) : NaN);
const runs = (values: readonly number[]) => values.map((x) => x.toFixed(0)).join(', ');
const mib = (n: number) => (Number.isFinite(n) ? `${(n / 1024 / 1024).toFixed(0)} MiB` : NA);

export interface LiveResults {
  remote?: RemoteLatency;
  fanOut?: { chancery?: FanOutRun; plain?: FanOutRun; workspaces: number; intervalMs: number; durationMs: number; keySeed: number };
  merge?: OfflineMerge;
}

export interface LiveConfig {
  remoteKeys: number;
  workspaces: number;
  intervalMs: number;
  durationMs: number;
  ops: number;
}

export function liveRows(r: LiveResults, c: LiveConfig): Row[] {
  const rows: Row[] = [];
  const doc = r.remote?.doc;
  const what = doc ? `${thousands(doc.words)}-word doc, ${doc.clauses} clauses` : 'typing doc';
  for (const [id, label, p, target] of [
    ['6a', 'p50', 0.5, '—'],
    ['6b', 'p95', 0.95, '≤ 50 ms'],
  ] as const) {
    const a = q(r.remote?.app, p);
    const b = q(r.remote?.bare, p);
    rows.push({
      measure: `${id}. Remote edit: key in A → painted in B via the relay on loopback ${label}, two app instances, ${what}, ${c.remoteKeys} keys`,
      app: ms(a, 1),
      baseline: r.remote ? `${ms(b, 1)} two bare y-prosemirror pages, plain Hocuspocus Server` : NA,
      ratio: ratio(a, b),
      target,
    });
  }
  const load = `${c.workspaces} workspaces × 3 clients, 1 update / ${c.intervalMs} ms per workspace for ${(c.durationMs / 1000).toFixed(0)} s`;
  const chancery = r.fanOut?.chancery;
  const plain = r.fanOut?.plain;
  const lost = (run: FanOutRun | undefined) => (run && run.lost > 0 ? `, ${thousands(run.lost)} of ${thousands(run.updates)} not delivered` : '');
  const f = q(chancery?.fanOut, 0.99);
  const fb = q(plain?.fanOut, 0.99);
  rows.push({
    measure: `6c. Relay fan-out p99 (update sent → both other clients have it), ${load}`,
    app: chancery ? `${ms(f, 1)}${lost(chancery)}` : NA,
    baseline: plain ? `${ms(fb, 1)} plain Hocuspocus Server, same load${lost(plain)}` : NA,
    ratio: ratio(f, fb),
    target: '—',
  });
  rows.push({
    measure: `6d. Relay resident memory under 6c's load (peak RSS of the relay's own process)`,
    app: chancery ? mib(chancery.memory.peakRss) : NA,
    baseline: plain ? `${mib(plain.memory.peakRss)} plain Hocuspocus Server process` : NA,
    ratio: chancery && plain ? ratio(chancery.memory.peakRss, plain.memory.peakRss) : NA,
    target: '—',
  });
  const m = r.merge;
  const plainMerge = mid(m?.plain);
  rows.push({
    measure: `6e. ${thousands(c.ops)} offline operations: reconnect → relay confirmed all and the other member's copy has them`,
    app: ms(m?.reconnect ?? NaN),
    baseline: m ? `${ms(plainMerge, 1)} Y.applyUpdate of the same diff, median of ${m.plain.length}` : NA,
    ratio: ratio(m?.reconnect ?? NaN, plainMerge),
    target: '—',
  });
  const cli = mid(m?.cli);
  rows.push({
    measure: `6f. ${thousands(c.ops)} offline operations: \`chancery merge TARGET SOURCE\` (process wall time), median of ${m?.cli.length ?? 0}`,
    app: ms(cli),
    baseline: m ? `${ms(plainMerge, 1)} Y.applyUpdate of the same diff` : NA,
    ratio: ratio(cli, plainMerge),
    target: '—',
  });
  return rows;
}

function fanOutNote(run: FanOutRun, label: string): string {
  const mem = run.memory;
  return (
    `${label}: ${thousands(run.updates)} updates, p50 ${ms(q(run.fanOut, 0.5), 1)}, p99 ${ms(q(run.fanOut, 0.99), 1)}, max ${ms(Math.max(...run.fanOut), 1)}` +
    `${run.lost ? `, ${thousands(run.lost)} still undelivered ${(run.drainMs / 1000).toFixed(0)} s after the load` : `, the last delivered ${ms(run.drainMs)} after the load`}; ` +
    `connecting all clients ${ms(run.connectMs)}; RSS started ${mib(mem.started.rss)}, clients connected ${mib(mem.connected.rss)}, peak ${mib(mem.peakRss)}, end ${mib(mem.end.rss)} (heap used at end ${mib(mem.end.heapUsed)})`
  );
}

export function liveNote(r: LiveResults): string {
  const parts: string[] = [];
  const remote = r.remote;
  if (remote) {
    parts.push(
      `Remote edit (6a/6b): ${remote.keys} keys measured after ${remote.warmup} warm-up, typed in alternating blocks (bare, app, bare, app) at the end of the middle clause; each key once the previous had painted at the other end, plus 25–50 ms. ` +
        `App: A (convener, heading no party) and B (head of VEL, joined with an invitation) are two harness app instances with their own main processes and Chromiums, on a relay (startRelay) in the bench process; ` +
        `B's DOM changed p50 ${ms(q(remote.appArrived, 0.5), 1)} / p95 ${ms(q(remote.appArrived, 0.95), 1)} after A's keydown, max painted ${ms(Math.max(...remote.app), 1)}. ` +
        `Bare: bare y-prosemirror pages in A's and B's Chromium on a plain Hocuspocus Server in the bench process, DOM changed p50 ${ms(q(remote.bareArrived, 0.5), 1)} / p95 ${ms(q(remote.bareArrived, 0.95), 1)}, max painted ${ms(Math.max(...remote.bare), 1)}. ` +
        `One clock: page epoch times (timeOrigin + now) corrected by each page's measured offset, error ≤ ${ms(remote.clockErrorMs, 1)}; doc state ${bytes(remote.doc.stateBytes)}.`,
    );
  }
  const fan = r.fanOut;
  if (fan) {
    const each = [fan.chancery && fanOutNote(fan.chancery, 'Chancery relay'), fan.plain && fanOutNote(fan.plain, 'plain Hocuspocus Server')].filter(Boolean);
    parts.push(
      `Fan-out (6c/6d): the server in a child process (tsx, both alike), ${fan.workspaces} workspaces (one 12-clause document each; convener + heads of ALD and VEL, keys from test-keys seed ${fan.keySeed}), ` +
        `3 Node HocuspocusProviders each (valid tokens on the relay, none on the plain server), one socket per client, in the bench process; each update one typed character, the members in turn. ${each.join('. ')}.`,
    );
  }
  const m = r.merge;
  if (m) {
    parts.push(
      `Offline merge (6e/6f): ${thousands(m.ops)} edits (9 in 10 one typed character, 1 in 10 a Backspace, random clauses) made through the hub of A's copy while offline (${ms(m.offlineEditMs)}, one durable append each) into a ${thousands(m.doc.words)}-word, ${m.doc.clauses}-clause document; diff ${bytes(m.diffBytes)}. ` +
        `6e: relay (startRelay) and both members' sessions in the bench process; relay confirmed everything after ${ms(m.reconnectConfirmed)}, the other member (B, connected throughout) had every edit in its file after ${ms(m.reconnect)} (one run). ` +
        `6f: runs ${runs(m.cli)} ms (a fresh TARGET each), of which the command line's bare start (\`chancery --help\`) ${ms(mid(m.cliStart))}; mergeWorkspaceFile in the bench process ${runs(m.inProcess)} ms; Y.applyUpdate runs ${m.plain.map((x) => x.toFixed(1)).join(', ')} ms.`,
    );
  }
  return parts.join(' ');
}
