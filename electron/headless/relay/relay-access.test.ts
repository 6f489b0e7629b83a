import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { privateDocId, relayDocName } from '../../../shared/live/relay-names';
import { REFUSAL_TEXT } from '../../../shared/live/relay-refusal';
import { putNote, readNotes } from '../../../shared/notes/notes-doc';
import { C } from '../positions/positions-test-support';
import type { RunningRelay } from './relay';
import {
  client,
  frames,
  rawSocket,
  removeDir,
  seedRelay,
  settled,
  tempDir,
  testRelay,
  testWorkspace,
  textOf,
  tokenOf,
  typeInto,
  until,
  type TestClient,
  type TestWorkspace,
  type Who,
} from './relay-test-support';

/**
 * What each member may do once in: observers read and never write (nor show presence);
 * a delegation's private notes reach nobody outside it, not one byte.
 */

let dataDir: string;
let relay: RunningRelay;
let w: TestWorkspace;
let seeded: TestClient[];
const log: string[] = [];

beforeAll(async () => {
  dataDir = tempDir('access');
  relay = await testRelay(dataDir, log);
  w = testWorkspace();
  seeded = await seedRelay(relay, w);
});

afterAll(async () => {
  seeded.forEach((c) => c.destroy());
  await relay.close();
  w.session.close();
  removeDir(dataDir);
  removeDir(w.dir);
});

const who = (signer: TestWorkspace['ald'], name: string): Who => ({ signer, name, workspaceId: w.workspaceId });

describe('observers', () => {
  it('read everything, but none of 100 edits reaches the relay or anyone else, nor their presence', async () => {
    const observer = client(relay, who(w.observer, 'Olga Observer'), 'alpha');
    const ald = client(relay, who(w.ald, 'Anja Korvel'), 'alpha');
    await Promise.all([settled(observer), settled(ald)]);
    expect(textOf(observer.doc)).toBe(textOf(ald.doc));
    observer.provider.setAwarenessField('user', { name: 'Olga Observer' });
    for (let i = 0; i < 100; i++) typeInto(observer.doc, C.a1, ` OBS${i}`);

    typeInto(ald.doc, C.a2, ' Agreed text.');
    await until(() => textOf(observer.doc).includes('Agreed text.'), 'the observer reads ALD’s edit');
    await settled(ald);
    expect(textOf(ald.doc)).not.toContain('OBS');
    expect(ald.provider.awareness!.getStates().has(observer.doc.clientID)).toBe(false);

    const fresh = client(relay, who(w.vel, 'Tomas Brenner'), 'alpha');
    await settled(fresh);
    expect(textOf(fresh.doc)).toContain('Agreed text.');
    expect(textOf(fresh.doc)).not.toContain('OBS');
    [observer, ald, fresh].forEach((c) => c.destroy());
    await until(() => log.some((l) => /^disconnected Olga Observer .*\(\d+ frames passed, (\d+) dropped\)/u.test(l)), 'the observer is gone');
    const line = log.find((l) => l.startsWith('disconnected Olga Observer'))!;
    expect(Number(/(\d+) dropped/u.exec(line)![1])).toBeGreaterThanOrEqual(100);
  });
});

describe('private notes', () => {
  const note = (author: string, authorKey: string) => ({
    id: 'n-1',
    docId: 'alpha',
    clauseId: C.a1,
    text: 'Our red line: no ceasefire without monitors.',
    author,
    authorKey,
    at: new Date().toISOString(),
  });

  it('sync within the delegation', async () => {
    const mine = new Y.Doc();
    putNote(mine, note('Anja Korvel', w.ald.publicKey), null);
    const ald = client(relay, who(w.ald, 'Anja Korvel'), privateDocId('ALD'), mine);
    await settled(ald);
    const again = client(relay, who(w.ald, 'Anja Korvel'), privateDocId('ALD'));
    await settled(again);
    expect(readNotes(again.doc).map((n) => n.text)).toEqual(['Our red line: no ceasefire without monitors.']);
    again.destroy();
    // Stays open for the next test, with presence.
    ald.provider.setAwarenessField('user', { name: 'Anja Korvel' });
    seeded.push(ald);
  });

  it('another party asking for them is refused with 4403 and receives not one byte of them, nor any presence', async () => {
    const name = relayDocName(w.workspaceId, privateDocId('ALD'));
    const raw = rawSocket(relay.url, tokenOf(who(w.vel, 'Tomas Brenner')));
    await raw.open;
    raw.ws.send(frames.auth(name, tokenOf(who(w.vel, 'Tomas Brenner'))));
    raw.ws.send(frames.sync(name, 0, Y.encodeStateVector(new Y.Doc())));
    expect(await raw.closed).toEqual({ code: 4403, reason: REFUSAL_TEXT['forbidden-document'] });
    expect(raw.received).toHaveLength(0);

    const vel = client(relay, who(w.vel, 'Tomas Brenner'), privateDocId('ALD'));
    await until(() => vel.closes.length > 0, 'VEL’s provider is closed');
    expect(vel.closes[0]!.code).toBe(4403);
    expect(readNotes(vel.doc)).toEqual([]);
    expect(vel.provider.awareness!.getStates().size).toBe(1); // only its own
    vel.destroy();

    for (const [signer, nm] of [[w.observer, 'Olga Observer'], [w.convener, 'Convener']] as const) {
      const other = rawSocket(relay.url, tokenOf(who(signer, nm)));
      await other.open;
      other.ws.send(frames.auth(name, tokenOf(who(signer, nm))));
      expect((await other.closed).code).toBe(4403);
      expect(other.received).toHaveLength(0);
    }
  });
});
