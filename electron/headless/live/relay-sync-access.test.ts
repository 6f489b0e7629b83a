import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyAwarenessUpdate, Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { privateDocId } from '../../../shared/live/relay-names';
import { REFUSAL_TEXT } from '../../../shared/live/relay-refusal';
import { runCli } from '../cli/cli';
import { loadIdentity } from '../identity/user-data';
import { C, newSigner, smallSeed } from '../positions/positions-test-support';
import { startRelay, type RunningRelay } from '../relay/relay';
import { WorkspaceSession } from '../workspace/workspace-session';
import { joinWorkspace } from './join';
import { convenedWorkspace, docXml, invitationText, QUICK_RETRY, removeDir, startSync, tmpDir, typeInClause, waitFor } from './live-test-support';
import type { RelaySync } from './relay-sync';

/**
 * Who the relay lets the sync client do what: a convener who also heads a party gets its private
 * notes from the very first contact with a fresh relay; a refused member stops trying and says
 * why; an observer enrols through its own join claim and shows presence, but never edits.
 */

let dir: string;
let relay: RunningRelay;
let relayLog: string[];
const syncs: RelaySync[] = [];
const sessions: WorkspaceSession[] = [];

beforeEach(async () => {
  dir = tmpDir();
  relayLog = [];
  relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'relay'), log: (line) => relayLog.push(line) });
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of syncs.splice(0)) await s.stop();
  for (const s of sessions.splice(0)) s.close();
  await relay.close();
  removeDir(dir);
});

const notesOf = (session: WorkspaceSession, party: string) => session.notes.list(party, 'alpha').map((n) => n.text);

describe('RelaySync and the relay’s access rules', () => {
  it('lets a convener who heads a party host a fresh relay: connected at once, its private notes synced', { timeout: 30_000 }, async () => {
    const { session: a, convener } = convenedWorkspace(dir);
    sessions.push(a);
    a.positions.admit(convener, { v: 1, name: 'Convener', key: convener.publicKey }, 'head', 'ALD');
    a.notes.add('ALD', 'alpha', C.a1, 'Written before going online.', { name: 'Convener', key: convener.publicKey });
    const syncA = startSync(a, relay.url, convener, 'Convener');
    syncs.push(syncA);
    await syncA.whenSynced(10_000);
    expect(syncA.status()).toMatchObject({ state: 'connected', refusal: null, unconfirmed: 0 });
    a.notes.add('ALD', 'alpha', C.a2, 'Written online.', { name: 'Convener', key: convener.publicKey });
    await syncA.whenSynced(10_000);

    // A second ALD member, invited by the convener as ALD's head, finds both notes on the relay.
    const member = newSigner();
    const text = invitationText(a, convener, relay.url, 'ALD', 'member');
    const c = await joinWorkspace({ invitationText: text, out: join(dir, 'ald-member.chancery'), signer: member, name: 'Ald Delegate', timeoutMs: 10_000, retry: QUICK_RETRY });
    sessions.push(c);
    expect(notesOf(c, 'ALD').sort()).toEqual(['Written before going online.', 'Written online.']);
    const syncC = startSync(c, relay.url, member, 'Ald Delegate');
    syncs.push(syncC);
    await syncC.whenSynced(10_000);
    a.notes.add('ALD', 'alpha', C.a3, 'Live to the delegation.', { name: 'Convener', key: convener.publicKey });
    await waitFor(() => notesOf(c, 'ALD').includes('Live to the delegation.'), 'the live note on the other ALD member');
    expect(relayLog.filter((l) => l.startsWith('refused'))).toEqual([]);
  });

  it('on a relay hosted in a delegate’s app, passes a delegation’s notes between its members and writes none of them to the host’s disk', { timeout: 40_000 }, async () => {
    const hosted = await startRelay({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'hosted'), storePrivateNotes: false });
    try {
      const { session: a, convener } = convenedWorkspace(dir);
      sessions.push(a);
      a.positions.admit(convener, { v: 1, name: 'Convener', key: convener.publicKey }, 'head', 'ALD');
      const syncA = startSync(a, hosted.url, convener, 'Convener');
      syncs.push(syncA);
      await syncA.whenSynced(10_000);
      const member = newSigner();
      const c = await joinWorkspace({ invitationText: invitationText(a, convener, hosted.url, 'ALD', 'member'), out: join(dir, 'ald-hosted.chancery'), signer: member, name: 'Ald Delegate', timeoutMs: 10_000, retry: QUICK_RETRY });
      sessions.push(c);
      const syncC = startSync(c, hosted.url, member, 'Ald Delegate');
      syncs.push(syncC);
      await syncC.whenSynced(10_000);
      const secret = 'Fallback line: accept 12 km if VEL moves on Annex 2.';
      a.notes.add('ALD', 'alpha', C.a1, secret, { name: 'Convener', key: convener.publicKey });
      await waitFor(() => notesOf(c, 'ALD').includes(secret), 'the note on the other ALD member, through the hosted relay');
      await syncA.whenSynced(10_000);
      // Shared text is stored as usual; the note is in neither the relay's files nor anything beside them.
      typeInClause(a, 'alpha', 1, ' Stored shared text.');
      await syncA.whenSynced(10_000);
      await hosted.close();
      const bytes = readdirSync(join(dir, 'hosted')).map((f) => readFileSync(join(dir, 'hosted', f)).toString('latin1')).join('');
      expect(bytes).toContain('Stored shared text.');
      expect(bytes).not.toContain('Fallback line');
    } finally {
      await hosted.close().catch(() => undefined);
    }
  });

  it('stops trying once the relay refuses this member, and says why', { timeout: 30_000 }, async () => {
    const { session: a, convener, path } = convenedWorkspace(dir);
    const syncA = startSync(a, relay.url, convener, 'Convener');
    await syncA.whenSynced(10_000);
    await syncA.stop();
    a.close();
    // A stranger with a copy of the file, but no admission and no invitation.
    const copyPath = join(dir, 'copy.chancery');
    copyFileSync(path, copyPath);
    const copy = WorkspaceSession.open(copyPath);
    sessions.push(copy);
    const stranger = startSync(copy, relay.url, newSigner(), 'Stranger');
    syncs.push(stranger);
    await expect(stranger.whenSynced(10_000)).rejects.toMatchObject({ code: 'RELAY_REFUSED', message: expect.stringContaining(REFUSAL_TEXT['not-admitted']) });
    expect(stranger.status()).toMatchObject({ state: 'refused', refusal: { reason: 'not-admitted', message: REFUSAL_TEXT['not-admitted'] } });
    const attempts = relayLog.filter((l) => l.startsWith('refused a connection')).length;
    expect(attempts).toBe(1);
    // Well past the quick retry pacing, still the one attempt.
    await new Promise((r) => setTimeout(r, 3 * QUICK_RETRY.maxDelayMs));
    expect(relayLog.filter((l) => l.startsWith('refused a connection'))).toHaveLength(attempts);
    expect(stranger.status().state).toBe('refused');
  });

  it('enrols an observer who joins from the command line; it shows online without a cursor and none of its edits is applied', { timeout: 40_000 }, async () => {
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    const run = async (...argv: string[]) => {
      let out = '';
      const code = await runCli(argv, (s) => (out += s));
      return { code, out };
    };
    const convenerData = join(dir, 'convener-data');
    const observerData = join(dir, 'observer-data');
    const file = join(dir, 'talks.chancery');
    WorkspaceSession.create(file, smallSeed(loadIdentity(convenerData).signer)).close();
    expect((await run('sync', file, '--relay', relay.url, '--once', '--user-data', convenerData)).code, stderr).toBe(0);
    const invited = await run('invite', file, '--role', 'observer', '--relay', relay.url, '--user-data', convenerData);
    expect(invited.code, stderr).toBe(0);
    const observerFile = join(dir, 'observer.chancery');
    const joined = await run('join', invited.out.trim(), '--out', observerFile, '--timeout', '10', '--user-data', observerData);
    expect(joined.code, stderr).toBe(0);
    expect(joined.out).toContain('as an observer');

    // The claim reached the relay: the convener's copy has the observer on its roster.
    const observer = loadIdentity(observerData);
    const a = WorkspaceSession.open(file);
    const o = WorkspaceSession.open(observerFile);
    sessions.push(a, o);
    const convener = loadIdentity(convenerData);
    const syncA = startSync(a, relay.url, convener.signer, convener.name);
    syncs.push(syncA);
    await syncA.whenSynced(10_000);
    await waitFor(() => a.positions.resolvedRoster().member(observer.publicKey) !== null, 'the observer on the convener’s roster');
    expect(a.positions.resolvedRoster().member(observer.publicKey)).toMatchObject({ role: 'observer', party: null, via: 'invitation' });

    // Online, with no cursor; typing goes nowhere.
    typeInClause(o, 'alpha', 0, ' typed by the observer');
    const syncO = startSync(o, relay.url, observer.signer, observer.name);
    syncs.push(syncO);
    await syncO.whenSynced(10_000);
    syncO.setLocalPresence('alpha', { cursor: { anchor: { x: 1 }, head: { x: 2 } } });
    await waitFor(() => syncA.peers().some((p) => p.docId === 'alpha' && p.name === observer.name), 'the observer online in alpha');
    const probe = new Awareness(new Y.Doc());
    applyAwarenessUpdate(probe, syncA.remotePresence('alpha'), 'test');
    const seen = [...probe.getStates().values()].find((st) => (st as { user?: { name?: string } }).user?.name === observer.name);
    expect(seen).toBeDefined();
    expect(Object.keys(seen!)).not.toContain('cursor'); // the relay took it out
    probe.destroy();
    typeInClause(a, 'alpha', 1, ' typed by the convener');
    await waitFor(() => docXml(o, 'alpha').includes('typed by the convener'), 'the convener’s edit on the observer’s copy');
    await syncA.whenSynced(10_000);
    expect(docXml(a, 'alpha')).not.toContain('typed by the observer');
    expect(syncO.status()).toMatchObject({ state: 'connected', unconfirmed: 0 });
    expect(a.store.updateCount(privateDocId('ALD'))).toBe(0);
  });
});
