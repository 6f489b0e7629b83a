import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { Server } from '@hocuspocus/server';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness';
import { privateDocId } from '../../../shared/live/relay-names';
import { C, newSigner } from '../positions/positions-test-support';
import { localUser, NEUTRAL_COLOUR, presenceState, showsCursor } from './presence';
import type { RunningRelay } from '../relay/relay';
import { WorkspaceSession } from '../workspace/workspace-session';
import { joinWorkspace } from './join';
import { convenedWorkspace, docXml, invitationText, QUICK_RETRY, removeDir, startSync, testRelay, tmpDir, typeInClause, waitFor } from './live-test-support';
import type { RelaySync } from './relay-sync';

let dir: string;
let relay: RunningRelay | null;
const syncs: RelaySync[] = [];
const sessions: WorkspaceSession[] = [];
/** Documents whose remote presence B was told of. */
let heardByB: string[] = [];

beforeEach(async () => {
  dir = tmpDir();
  heardByB = [];
  relay = await testRelay(join(dir, 'relay'));
});

afterEach(async () => {
  for (const s of syncs.splice(0)) await s.stop();
  for (const s of sessions.splice(0)) s.close();
  await relay?.close();
  removeDir(dir);
});

/** The convener online, and a VEL head joined through an invitation: two copies syncing. */
async function twoDelegations() {
  const a = convenedWorkspace(dir);
  sessions.push(a.session);
  const syncA = startSync(a.session, relay!.url, a.convener, 'Convener');
  syncs.push(syncA);
  await syncA.whenSynced(10_000);
  const vel = newSigner();
  const text = invitationText(a.session, a.convener, relay!.url, 'VEL', 'head');
  const b = await joinWorkspace({ invitationText: text, out: join(dir, 'vel.chancery'), signer: vel, name: 'Vel Head', timeoutMs: 10_000, retry: QUICK_RETRY });
  sessions.push(b);
  const syncB = startSync(b, relay!.url, vel, 'Vel Head', { onAwareness: (docId) => heardByB.push(docId) });
  syncs.push(syncB);
  await syncB.whenSynced(10_000);
  return { a: a.session, syncA, b, syncB, vel, convener: a.convener };
}

describe('RelaySync', () => {
  it('lets two delegations co-edit one document through the relay and converge', { timeout: 30_000 }, async () => {
    const { a, b, syncA, syncB } = await twoDelegations();
    expect(syncA.status()).toMatchObject({ state: 'connected', unconfirmed: 0, refusal: null });
    typeInClause(a, 'alpha', 0, ' (from A)');
    typeInClause(b, 'alpha', 1, ' (from B)');
    await waitFor(() => docXml(a, 'alpha') === docXml(b, 'alpha') && docXml(a, 'alpha').includes('(from B)') && docXml(b, 'alpha').includes('(from A)'), 'both edits on both sides');
    await syncA.whenSynced(10_000);
    await syncB.whenSynced(10_000);
    // The joiner is on the convener's roster: the claim reached it through the relay.
    await waitFor(() => a.positions.roster().members.some((m) => m.name === 'Vel Head' && m.party === 'VEL'), 'the claim on the convener’s roster');
  });

  it('keeps edits made offline and merges them on reconnect: nothing lost', { timeout: 30_000 }, async () => {
    const { a, b, syncB, vel } = await twoDelegations();
    await syncB.stop();
    syncs.splice(syncs.indexOf(syncB), 1);
    typeInClause(b, 'alpha', 0, ' offline-B');
    typeInClause(a, 'alpha', 2, ' online-A');
    await new Promise((r) => setTimeout(r, 200));
    expect(docXml(a, 'alpha')).not.toContain('offline-B');
    const again = startSync(b, relay!.url, vel, 'Vel Head');
    syncs.push(again);
    await again.whenSynced(10_000);
    await waitFor(() => docXml(a, 'alpha') === docXml(b, 'alpha'), 'convergence after reconnect');
    for (const text of ['offline-B', 'online-A']) {
      expect(docXml(a, 'alpha')).toContain(text);
      expect(docXml(b, 'alpha')).toContain(text);
    }
  });

  it('follows the manifest: a document added on one side arrives on the other', { timeout: 30_000 }, async () => {
    const { a, b } = await twoDelegations();
    const id = a.addDocument('Annex III');
    await waitFor(() => b.manifest().documents.some((d) => d.id === id), 'the new document listed on B');
    await waitFor(() => {
      try {
        return docXml(b, id) === docXml(a, id);
      } catch {
        return false;
      }
    }, 'its text on B');
  });

  it('counts an edit the hub refuses and keeps syncing what others send', { timeout: 30_000 }, async () => {
    // A relay that checks nothing (a foreign or older one) passes on whatever a client writes.
    const bare = new Server({ port: 0, address: '127.0.0.1', quiet: true });
    await bare.listen();
    const url = `ws://127.0.0.1:${bare.address.port}`;
    try {
      const { session: a, convener, path } = convenedWorkspace(dir);
      a.close();
      const copy = join(dir, 'copy.chancery');
      copyFileSync(path, copy);
      const first = WorkspaceSession.open(path);
      const second = WorkspaceSession.open(copy);
      sessions.push(first, second);
      const syncA = startSync(first, url, convener, 'Convener');
      const syncB = startSync(second, url, convener, 'Convener');
      syncs.push(syncA, syncB);
      await syncA.whenSynced(10_000);
      await syncB.whenSynced(10_000);

      const rogueSocket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
      const rogue = new HocuspocusProvider({ websocketProvider: rogueSocket, name: `${first.store.meta.workspaceId}/alpha` });
      rogue.attach();
      await waitFor(() => rogue.synced, 'the rogue client synced');
      rogue.document.getXmlFragment(CONTENT_FRAGMENT).insert(0, [new Y.XmlText('stray text at the root')]);
      await waitFor(() => syncB.refusedUpdates > 0 && syncA.refusedUpdates > 0, 'the stray edit refused on both');
      rogue.destroy();
      rogueSocket.destroy();

      typeInClause(first, 'alpha', 0, ' after the refusal');
      await waitFor(() => docXml(second, 'alpha').includes('after the refusal'), 'a later edit from A on B');
      expect(docXml(second, 'alpha')).not.toContain('stray text');
      expect(syncB.status()).toMatchObject({ state: 'connected', refusedUpdates: syncB.refusedUpdates });
    } finally {
      await bare.destroy();
    }
  });

  it('says offline and then reconnecting when the relay goes away, and connects again when it is back', { timeout: 30_000 }, async () => {
    const { a, b, syncA, syncB } = await twoDelegations();
    const port = relay!.port;
    await relay!.close();
    await waitFor(() => syncA.status().state === 'reconnecting', 'reconnecting');
    typeInClause(a, 'beta', 0, ' while the relay was down');
    expect(syncA.status().unconfirmed).toBeGreaterThan(0);
    relay = await testRelay(join(dir, 'relay'), port);
    await syncA.whenSynced(15_000);
    await waitFor(() => docXml(b, 'beta').includes('while the relay was down'), 'the edit on B');
    expect(syncB.status().state).toBe('connected');
  });

  it('shows who is where: names, parties and colours from the roster, cursors only from those allowed', { timeout: 30_000 }, async () => {
    const { syncA, syncB } = await twoDelegations();
    syncA.setLocalPresence('alpha', { cursor: { anchor: { x: 1 }, head: { x: 2 } } });
    await waitFor(() => syncB.peers().some((p) => p.docId === 'alpha' && p.name === 'Convener'), 'the convener in alpha, seen from B');
    expect(syncB.peers().find((p) => p.docId === 'alpha')).toMatchObject({ party: null, colour: NEUTRAL_COLOUR });
    syncB.setLocalPresence('beta', { cursor: null });
    await waitFor(() => syncA.peers().some((p) => p.docId === 'beta'), 'B in beta, seen from A');
    expect(syncA.peers().find((p) => p.docId === 'beta')).toMatchObject({ name: 'Vel Head', party: 'VEL', colour: '#c27c0e' });
    const update = syncB.remotePresence('alpha');
    const probe = new Awareness(new Y.Doc());
    applyAwarenessUpdate(probe, update, 'test');
    const states = [...probe.getStates().values()].filter((st) => st.user) as { user: { name: string }; cursor: unknown }[];
    expect(states.map((st) => [st.user.name, st.cursor])).toEqual([['Convener', { anchor: { x: 1 }, head: { x: 2 } }]]);
    probe.destroy();
    syncA.setLocalPresence('alpha', null);
    await waitFor(() => !syncB.peers().some((p) => p.docId === 'alpha'), 'the convener gone from alpha');
    expect(heardByB).toContain('alpha');
  });

  it('keeps a delegation’s private notes within it: its members get them, nobody else', { timeout: 30_000 }, async () => {
    const { a, b, vel } = await twoDelegations();
    const member = newSigner();
    const text = invitationText(b, vel, relay!.url, 'VEL', 'member');
    const c = await joinWorkspace({ invitationText: text, out: join(dir, 'vel-member.chancery'), signer: member, name: 'Vel Delegate', timeoutMs: 10_000, retry: QUICK_RETRY });
    sessions.push(c);
    const syncC = startSync(c, relay!.url, member, 'Vel Delegate');
    syncs.push(syncC);
    await syncC.whenSynced(10_000);
    b.notes.add('VEL', 'alpha', C.a1, 'Fallback: accept 5 bis.', { name: 'Vel Head', key: vel.publicKey });
    await waitFor(() => c.notes.list('VEL', 'alpha').some((n) => n.text === 'Fallback: accept 5 bis.'), 'the note on the other VEL member');
    expect(a.store.updateCount(privateDocId('VEL'))).toBe(0);
  });

  it('lets an observer read along, with no cursor in the text and nothing to confirm', { timeout: 30_000 }, async () => {
    const { a, convener } = await twoDelegations();
    const observer = newSigner();
    const text = invitationText(a, convener, relay!.url, null, 'observer');
    const o = await joinWorkspace({ invitationText: text, out: join(dir, 'observer.chancery'), signer: observer, name: 'Observer', timeoutMs: 10_000, retry: QUICK_RETRY });
    sessions.push(o);
    const syncO = startSync(o, relay!.url, observer, 'Observer');
    syncs.push(syncO);
    await syncO.whenSynced(10_000);
    // An observer's presence never carries a cursor into the text (and the relay takes any cursor out).
    const me = localUser(o.positions.resolvedRoster(), observer.publicKey, 'Observer', 'session');
    expect(showsCursor(o.positions.resolvedRoster(), observer.publicKey)).toBe(false);
    expect(presenceState(me, { cursor: { anchor: 1, head: 2 } }, false)).toEqual({ user: me, cursor: null });
    typeInClause(a, 'alpha', 0, ' read by the observer');
    await waitFor(() => docXml(o, 'alpha').includes('read by the observer'), 'the edit on the observer’s copy');
    await syncO.whenSynced(10_000);
    expect(syncO.status().unconfirmed).toBe(0);
  });
});
