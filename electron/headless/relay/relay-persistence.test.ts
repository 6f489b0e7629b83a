import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C } from '../positions/positions-test-support';
import { COMPACT_AFTER_ROWS } from './persistence-extension';
import type { RunningRelay } from './relay';
import { relayFileOf } from './relay-store';
import { client, removeDir, seedRelay, settled, tempDir, testRelay, testWorkspace, textOf, typeInto, until, type TestWorkspace, type Who } from './relay-test-support';

/**
 * The relay's file: every accepted edit is a row until the document is compacted — past
 * COMPACT_AFTER_ROWS rows while it is open, and when it is closed — and what is read back after a
 * restart is exactly what clients last saw.
 */

let dataDir: string;
let w: TestWorkspace;

beforeAll(() => {
  dataDir = tempDir('persist');
  w = testWorkspace();
});

afterAll(() => {
  w.session.close();
  removeDir(dataDir);
  removeDir(w.dir);
});

function rowsOf(doc: string): number {
  const db = new Database(relayFileOf(dataDir, w.workspaceId), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM updates WHERE doc = ?').get(doc) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the relay file', () => {
  it('compacts a busy document while it is open and when the relay stops, and reads it back whole', { timeout: 60_000 }, async () => {
    let relay: RunningRelay = await testRelay(dataDir);
    const seeded = await seedRelay(relay, w);
    const ald: Who = { signer: w.ald, name: 'Anja Korvel', workspaceId: w.workspaceId };
    const typist = client(relay, ald, 'alpha');
    await settled(typist);
    const edits = COMPACT_AFTER_ROWS + 100;
    for (let i = 0; i < edits; i++) {
      typeInto(typist.doc, C.a3, ` k${i}`);
      if (i % 50 === 0) await settled(typist);
    }
    await settled(typist);
    await until(() => rowsOf('alpha') < COMPACT_AFTER_ROWS, 'the open document is compacted');
    const seen = textOf(typist.doc);
    [typist, ...seeded].forEach((c) => c.destroy());
    await relay.close();
    expect(rowsOf('alpha')).toBe(1);
    expect(rowsOf('manifest')).toBe(1);

    relay = await testRelay(dataDir);
    const reader = client(relay, { signer: w.vel, name: 'Tomas Brenner', workspaceId: w.workspaceId }, 'alpha');
    await settled(reader);
    expect(textOf(reader.doc)).toBe(seen);
    reader.destroy();
    await relay.close();
  });
});
