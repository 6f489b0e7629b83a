import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { signInvitation } from '../../../shared/live/invitation';
import { privateDocId, relayDocName } from '../../../shared/live/relay-names';
import { REFUSAL_TEXT } from '../../../shared/live/relay-refusal';
import { putNote, readNotes } from '../../../shared/notes/notes-doc';
import { recordId } from '../../../shared/positions/canonical';
import { META_ROOT, ROSTER_ROOT } from '../../../shared/positions/roster-doc';
import { signRosterEntry } from '../../../shared/positions/signing';
import { MANIFEST_DOC_ID, readManifest } from '../../../shared/workspace/manifest';
import { C, newSigner } from '../positions/positions-test-support';
import { readAuthAnswer } from './frame-decode';
import type { RunningRelay } from './relay';
import {
  client,
  copyOf,
  frames,
  headerSocket,
  rawSocket,
  settled,
  textOf,
  tokenOf,
  typeInto,
  memberOf,
  until,
  useSeededRelay,
  type TestClient,
  type TestWorkspace,
  type Who,
} from './relay-test-support';

/**
 * What each member may do once in: observers read and never write (but their own join claim),
 * and show presence without a cursor; a delegation's private notes reach nobody outside it, not
 * one byte, and reach a key as soon as the relay's roster admits it to the party.
 */

let relay: RunningRelay;
let w: TestWorkspace;
let seeded: TestClient[];
const log: string[] = [];

useSeededRelay('access', { lines: log }, (f) => {
  ({ relay, w, seeded } = f);
});

const who = (signer: TestWorkspace['ald'], name: string, extra: Partial<Who> = {}): Who => memberOf(w, signer, name, extra);

/** The document a frame from the relay is about. */
function readFrameDoc(frame: Uint8Array): string {
  return decoding.readVarString(decoding.createDecoder(frame));
}

describe('presence', () => {
  it('show under the name and party they signed in as, whatever their client claims', async () => {
    const ald = client(relay, who(w.ald, 'Anja Korvel'), 'alpha');
    const vel = client(relay, who(w.vel, 'Tomas Brenner'), 'alpha');
    await Promise.all([settled(ald), settled(vel)]);
    ald.provider.setAwarenessField('user', { name: 'The Convener', party: 'VEL', colour: '#000000', session: 's-1' });
    ald.provider.setAwarenessField('cursor', { anchor: 1, head: 5 });
    const seen = () => vel.provider.awareness!.getStates().get(ald.doc.clientID) as { user?: { name: string; party: string | null; colour: string; session?: string }; cursor?: unknown } | undefined;
    await until(() => seen()?.cursor !== undefined, 'ALD’s presence on VEL’s side');
    expect(seen()!.user).toMatchObject({ party: 'ALD', session: 's-1' });
    expect(seen()!.user!.name).not.toBe('The Convener');
    expect(seen()!.user!.colour).not.toBe('#000000');
    expect(seen()!.cursor).toEqual({ anchor: 1, head: 5 });
    [ald, vel].forEach((c) => c.destroy());
  });
});

describe('observers', () => {
  it('read everything, but none of 100 edits reaches the relay or anyone else; their presence does, without a cursor', async () => {
    const observer = client(relay, who(w.observer, 'Olga Observer'), 'alpha');
    const ald = client(relay, who(w.ald, 'Anja Korvel'), 'alpha');
    await Promise.all([settled(observer), settled(ald)]);
    expect(textOf(observer.doc)).toBe(textOf(ald.doc));
    observer.provider.setAwarenessField('user', { name: 'Olga Observer' });
    observer.provider.setAwarenessField('cursor', { anchor: 1, head: 5 });
    for (let i = 0; i < 100; i++) typeInto(observer.doc, C.a1, ` OBS${i}`);

    typeInto(ald.doc, C.a2, ' Agreed text.');
    await until(() => textOf(observer.doc).includes('Agreed text.'), 'the observer reads ALD’s edit');
    await settled(ald);
    expect(textOf(ald.doc)).not.toContain('OBS');
    // Online for everyone to see, but never with a selection in the text.
    await until(() => (ald.provider.awareness!.getStates().get(observer.doc.clientID) as { user?: unknown } | undefined)?.user !== undefined, 'the observer online');
    expect(ald.provider.awareness!.getStates().get(observer.doc.clientID)).toEqual({ user: { name: expect.any(String), party: null, colour: '#8a8f98' } });

    const fresh = client(relay, who(w.vel, 'Tomas Brenner'), 'alpha');
    await settled(fresh);
    expect(textOf(fresh.doc)).toContain('Agreed text.');
    expect(textOf(fresh.doc)).not.toContain('OBS');
    [observer, ald, fresh].forEach((c) => c.destroy());
    await until(() => log.some((l) => /^disconnected Olga Observer .*\(\d+ frames passed, (\d+) dropped\)/u.test(l)), 'the observer is gone');
    const line = log.find((l) => l.startsWith('disconnected Olga Observer'))!;
    expect(Number(/(\d+) dropped/u.exec(line)![1])).toBeGreaterThanOrEqual(100);
  });

  it('add their own join claim to the roster, and nothing else: other manifest edits go nowhere', async () => {
    const joiner = newSigner();
    const invitation = signInvitation(
      { workspaceId: w.workspaceId, workspaceTitle: 'Test talks', relay: relay.url, party: null, role: 'observer', expires: new Date(Date.now() + 3600_000).toISOString() },
      w.convener,
    );
    const me = who(joiner, 'Oskar Onlooker', { invitation });
    const unsignedClaim = { v: 1, action: 'claim', workspaceId: w.workspaceId, at: new Date().toISOString(), signer: joiner.publicKey, name: 'Oskar Onlooker', invitation } as const;
    const claim = signRosterEntry(unsignedClaim, joiner);
    const observer = client(relay, me, MANIFEST_DOC_ID, copyOf(w.session, MANIFEST_DOC_ID));
    await settled(observer);
    const convener = seeded[0]!;
    observer.doc.getMap(ROSTER_ROOT).set(recordId(claim), { ...claim });
    await settled(observer);
    await until(() => convener.doc.getMap(ROSTER_ROOT).has(recordId(claim)), 'the claim on the convener’s copy');

    // A claim in someone else's name, an admit of its own, a new title: each dropped, the socket kept.
    const forged = signRosterEntry({ ...unsignedClaim, signer: w.stranger.publicKey, name: 'Someone Else' }, w.stranger);
    const admit = signRosterEntry({ v: 1, action: 'admit', workspaceId: w.workspaceId, at: new Date().toISOString(), signer: joiner.publicKey, key: joiner.publicKey, name: 'Oskar', role: 'head', party: 'ALD' }, joiner);
    const edits: ((doc: Y.Doc) => void)[] = [
      (doc) => doc.getMap(ROSTER_ROOT).set(recordId(forged), { ...forged }),
      (doc) => doc.getMap(ROSTER_ROOT).set(recordId(admit), { ...admit }),
      (doc) => doc.getMap(META_ROOT).set('title', 'Taken over'),
    ];
    const gone = () => log.filter((l) => l.startsWith('disconnected Oskar Onlooker'));
    for (const edit of edits) {
      const rogue = client(relay, me, MANIFEST_DOC_ID, copyOf(w.session, MANIFEST_DOC_ID));
      await settled(rogue);
      const before = gone().length;
      edit(rogue.doc);
      rogue.destroy(); // the edit is sent first: the relay judges it before it sees the socket close
      await until(() => gone().length > before, 'the rogue copy disconnected');
      expect(gone().at(-1)).toMatch(/ [1-9]\d* dropped\)$/u);
    }
    expect(log.filter((l) => l.startsWith('refused an edit') && l.includes('Oskar Onlooker'))).toEqual([]);
    const check = client(relay, who(w.ald, 'Anja Korvel'), MANIFEST_DOC_ID);
    await settled(check);
    const roster = check.doc.getMap(ROSTER_ROOT);
    expect(roster.has(recordId(claim))).toBe(true);
    expect([roster.has(recordId(forged)), roster.has(recordId(admit)), readManifest(check.doc).title]).toEqual([false, false, 'Test talks']);
    [observer, check].forEach((c) => c.destroy());
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

  it('another party asking for them is refused that document alone: not one byte of it, nor any presence, and the socket stays open', async () => {
    const name = relayDocName(w.workspaceId, privateDocId('ALD'));
    const alpha = relayDocName(w.workspaceId, 'alpha');
    const raw = rawSocket(relay.url, tokenOf(who(w.vel, 'Tomas Brenner')));
    await raw.open;
    raw.ws.send(frames.auth(name, tokenOf(who(w.vel, 'Tomas Brenner'))));
    raw.ws.send(frames.sync(name, 0, Y.encodeStateVector(new Y.Doc())));
    raw.ws.send(frames.auth(alpha, tokenOf(who(w.vel, 'Tomas Brenner'))));
    raw.ws.send(frames.sync(alpha, 0, Y.encodeStateVector(new Y.Doc())));
    await until(() => raw.received.some((f) => readFrameDoc(f) === alpha && readAuthAnswer(f) === null), 'alpha synced on the same socket');
    const aboutPrivate = raw.received.filter((f) => readFrameDoc(f) === name);
    expect(aboutPrivate.map(readAuthAnswer)).toEqual([{ doc: name, denied: REFUSAL_TEXT['forbidden-document'] }]);
    expect(raw.ws.readyState).toBe(WebSocket.OPEN);
    raw.ws.close();

    const vel = client(relay, who(w.vel, 'Tomas Brenner'), privateDocId('ALD'));
    await until(() => vel.authFailures.length > 0, 'VEL’s provider is refused');
    expect(vel.authFailures).toEqual([REFUSAL_TEXT['forbidden-document']]);
    expect(vel.closes).toEqual([]);
    expect(readNotes(vel.doc)).toEqual([]);
    expect(vel.provider.awareness!.getStates().size).toBe(1); // only its own
    vel.destroy();

    for (const [signer, nm] of [[w.observer, 'Olga Observer'], [w.convener, 'Convener']] as const) {
      const other = rawSocket(relay.url, tokenOf(who(signer, nm)));
      await other.open;
      other.ws.send(frames.auth(name, tokenOf(who(signer, nm))));
      other.ws.send(frames.sync(name, 0, Y.encodeStateVector(new Y.Doc())));
      await until(() => other.received.length > 0, 'the refusal');
      expect(other.received.map(readAuthAnswer)).toEqual([{ doc: name, denied: REFUSAL_TEXT['forbidden-document'] }]);
      other.ws.close();
    }
  });

  it('reach a key admitted to the party a moment ago on its next request, on the same socket', async () => {
    const newcomer = newSigner();
    const invitation = signInvitation(
      { workspaceId: w.workspaceId, workspaceTitle: 'Test talks', relay: relay.url, party: null, role: 'observer', expires: new Date(Date.now() + 3600_000).toISOString() },
      w.convener,
    );
    const me = who(newcomer, 'Nina Neu', { invitation });
    const closes: number[] = [];
    const socket = new HocuspocusProviderWebsocket({ url: relay.url, WebSocketPolyfill: headerSocket(me), maxAttempts: 1, onClose: ({ event }) => closes.push(event.code) });
    const ask = (failures: string[]) => {
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: relayDocName(w.workspaceId, privateDocId('ALD')),
        document: new Y.Doc(),
        token: () => tokenOf(me),
        onAuthenticationFailed: ({ reason }) => failures.push(reason),
      });
      provider.attach();
      return provider;
    };
    const refused: string[] = [];
    const first = ask(refused);
    await until(() => refused.length > 0, 'the first request refused');
    first.destroy();

    w.session.positions.admit(w.ald, { v: 1, name: 'Nina Neu', key: newcomer.publicKey }, 'member', 'ALD');
    const manifest = seeded[0]!;
    Y.applyUpdate(manifest.doc, Y.encodeStateAsUpdate(w.session.manifestDoc, Y.encodeStateVector(manifest.doc)));
    await settled(manifest);

    const failures: string[] = [];
    const second = ask(failures);
    await until(() => second.isSynced, 'the private document synced');
    expect(failures).toEqual([]);
    expect(readNotes(second.document).map((n) => n.text)).toEqual(['Our red line: no ceasefire without monitors.']);
    expect(closes).toEqual([]);
    second.destroy();
    socket.destroy();
  });
});
