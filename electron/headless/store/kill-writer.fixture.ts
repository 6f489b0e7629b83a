/**
 * Child-process fixture for the kill -9 durability test. Run:
 *   node --require tsx/cjs kill-writer.fixture.ts <workspace> <round> <compactEvery>
 *
 * Waits for a line on stdin (so the parent can start it early and hide Node's start-up time),
 * prints `started`, opens the workspace for writing, loads doc "kill-test", then forever: appends
 * the token `<round.n>` to its Y.Text, stores that update and only then prints `ack n`. Every
 * `compactEvery` acks (0 = never) it also compacts the doc, so kills land mid-compaction too.
 * The parent SIGKILLs it at a random moment; every acked token must survive.
 *
 * Acks are written with fs.writeSync: once it returns, the line is in the pipe and reaches the
 * parent even if this process dies the next instant.
 */
import { writeSync } from 'node:fs';
import * as Y from 'yjs';
import { WorkspaceStore } from './workspace-store';

/** Must match kill-durability.test.ts. */
const KILL_DOC_ID = 'kill-test';
/** Safety net: never outlive a parent that forgot to kill us by much. */
const MAX_RUN_MS = 15_000;

const [path = '', round = '', compactEveryArg = '0'] = process.argv.slice(2);
if (!path || !round) {
  process.stderr.write('usage: kill-writer.fixture.ts <workspace> <round> <compactEvery>\n');
  process.exit(2);
}
const compactEvery = Number(compactEveryArg);

function say(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  for (let off = 0; off < bytes.length; ) {
    try {
      off += writeSync(1, bytes, off);
    } catch (err) {
      if ((err as { code?: string }).code !== 'EAGAIN') throw err;
    }
  }
}

function run(): void {
  say('started');
  const startedAt = Date.now();
  const store = WorkspaceStore.open(path);
  const doc = new Y.Doc();
  for (const u of store.loadUpdates(KILL_DOC_ID)) Y.applyUpdate(doc, u);
  const text = doc.getText('t');
  let captured: Uint8Array | undefined;
  doc.on('update', (u: Uint8Array) => {
    captured = u;
  });
  say('ready');
  for (let n = 0; Date.now() - startedAt < MAX_RUN_MS; n++) {
    text.insert(text.length, `<${round}.${n}>`);
    store.appendUpdate(KILL_DOC_ID, captured!);
    say(`ack ${n}`);
    if (compactEvery > 0 && (n + 1) % compactEvery === 0) {
      store.replaceWithSnapshot(KILL_DOC_ID, Y.encodeStateAsUpdate(doc));
      say(`compacted ${n}`);
    }
  }
  store.close();
  process.exit(3); // the parent should have killed us long before
}

process.stdin.once('data', run);
