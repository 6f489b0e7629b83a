import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signInvitation } from '../../../shared/live/invitation';
import { REFUSAL_TEXT, type RefusalReason } from '../../../shared/live/relay-refusal';
import { MANIFEST_DOC_ID } from '../../../shared/workspace/manifest';
import { C } from '../positions/positions-test-support';
import type { RunningRelay } from './relay';
import {
  client,
  copyOf,
  filesIn,
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
 * Who gets in: the convener's first contact pins the workspace; admitted keys sync; every kind of
 * bad sign-in is turned away with 4401 and the text the app shows, and leaves nothing on disk.
 */

let dataDir: string;
let relay: RunningRelay;
let w: TestWorkspace;
let seeded: TestClient[];
const log: string[] = [];

useSeededRelay('auth', { lines: log }, (f) => {
  ({ dataDir, relay, w, seeded } = f);
});

const who = (signer: TestWorkspace['ald'], name: string, extra: Partial<Who> = {}): Who => memberOf(w, signer, name, extra);

async function refusedWith(token: string | null, reason: RefusalReason, via: 'header' | 'query' = 'header'): Promise<void> {
  const socket = rawSocket(relay.url, token, via);
  const closed = await socket.closed;
  expect(closed).toEqual({ code: 4401, reason: REFUSAL_TEXT[reason] });
  expect(socket.received).toHaveLength(0);
}

describe('signing in to the relay', () => {
  it('pins the workspace at the convener’s first contact and lets admitted heads co-edit', async () => {
    expect(filesIn(dataDir).filter((f) => f.endsWith('.relay.sqlite'))).toEqual([`${w.workspaceId}.relay.sqlite`]);
    const ald = client(relay, who(w.ald, 'Anja Korvel'), 'alpha');
    const vel = client(relay, who(w.vel, 'Tomas Brenner'), 'alpha');
    await Promise.all([settled(ald), settled(vel)]);
    expect(textOf(ald.doc)).toBe(textOf(copyOf(w.session, 'alpha')));
    typeInto(ald.doc, C.a1, ' Forthwith.');
    await until(() => textOf(vel.doc).includes('Forthwith.'), 'VEL sees ALD’s edit');
    typeInto(vel.doc, C.a2, ' Soon.');
    await until(() => textOf(ald.doc).includes('Soon.'), 'ALD sees VEL’s edit');
    expect(log.some((l) => l.startsWith('connected Anja Korvel ['))).toBe(true);
    ald.destroy();
    vel.destroy();
  });

  it('accepts the token in the query string for clients that cannot set a header', async () => {
    const socket = rawSocket(relay.url, tokenOf(who(w.ald, 'Anja Korvel')), 'query');
    await socket.open;
    socket.ws.close();
    await socket.closed;
  });

  it('refuses a missing or garbage token as malformed', async () => {
    await refusedWith(null, 'malformed');
    await refusedWith('not a token at all', 'malformed');
    await refusedWith(JSON.stringify({ proof: { v: 1 }, signature: 'x' }), 'malformed');
  });

  it('refuses a proof whose signature does not match (forged)', async () => {
    const token = JSON.parse(tokenOf(who(w.ald, 'Anja Korvel'))) as { proof: { name: string } };
    token.proof.name = 'Somebody Else';
    await refusedWith(JSON.stringify(token), 'bad-proof');
  });

  it('refuses a replayed token (the same nonce twice)', async () => {
    const token = tokenOf(who(w.ald, 'Anja Korvel'));
    const first = rawSocket(relay.url, token);
    await first.open;
    await refusedWith(token, 'replayed');
    first.ws.close();
  });

  it('refuses a stranger, an expired invitation, an invitation for another workspace, and says so in the upgrade response too', async () => {
    await refusedWith(tokenOf(who(w.stranger, 'Stranger')), 'not-admitted');
    const base = { workspaceTitle: 'Test talks', relay: relay.url, party: null, role: 'observer' as const };
    const expired = signInvitation(
      { ...base, workspaceId: w.workspaceId, at: new Date(Date.now() - 2 * 3600_000).toISOString(), expires: new Date(Date.now() - 3600_000).toISOString() },
      w.convener,
    );
    await refusedWith(tokenOf(who(w.stranger, 'Stranger', { invitation: expired })), 'invitation-expired');
    const elsewhere = signInvitation({ ...base, workspaceId: randomUUID(), expires: new Date(Date.now() + 3600_000).toISOString() }, w.convener);
    await refusedWith(tokenOf(who(w.stranger, 'Stranger', { invitation: elsewhere })), 'wrong-workspace');

    const socket = rawSocket(relay.url, tokenOf(who(w.stranger, 'Stranger')));
    const header = await new Promise<string | undefined>((resolve) => socket.ws.once('upgrade', (res) => resolve(res.headers['x-chancery-refusal'] as string | undefined)));
    expect(header).toBe('not-admitted');
    await socket.closed;
  });

  it('refuses a workspace nobody convened on this relay, and creates no file for it', async () => {
    const before = filesIn(dataDir);
    await refusedWith(tokenOf({ signer: w.ald, name: 'Anja Korvel', workspaceId: randomUUID() }), 'not-pinned');
    await refusedWith(tokenOf({ signer: w.ald, name: 'Anja Korvel', workspaceId: '../../etc' }), 'malformed');
    expect(filesIn(dataDir)).toEqual(before);
  });

  it('shows the refusal to a real provider as its close event', async () => {
    const c = client(relay, who(w.stranger, 'Stranger'), 'alpha');
    await until(() => c.closes.length > 0, 'the stranger’s provider is closed');
    expect(c.closes[0]).toEqual({ code: 4401, reason: REFUSAL_TEXT['not-admitted'] });
    expect(textOf(c.doc)).toBe('');
    c.destroy();
  });

  it('closes a removed member’s open connection when the convener’s removal arrives, and refuses it afterwards', async () => {
    const vel = client(relay, who(w.vel, 'Tomas Brenner'), 'alpha');
    await settled(vel);
    const manifest = seeded[0]!;
    const before = Y.encodeStateVector(w.session.manifestDoc);
    w.session.positions.remove(w.convener, w.vel.publicKey);
    Y.applyUpdate(manifest.doc, Y.encodeStateAsUpdate(w.session.manifestDoc, before));
    await until(() => vel.closes.length > 0, 'VEL’s connection is closed');
    expect(vel.closes[0]).toEqual({ code: 4401, reason: REFUSAL_TEXT.removed });
    vel.destroy();
    await refusedWith(tokenOf(who(w.vel, 'Tomas Brenner')), 'removed');
    // Heads still in the roster are unaffected.
    const ald = client(relay, who(w.ald, 'Anja Korvel'), MANIFEST_DOC_ID);
    await settled(ald);
    ald.destroy();
  });
});
