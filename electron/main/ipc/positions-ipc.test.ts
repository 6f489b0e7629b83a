import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChanceryError } from '../../../shared/errors';
import type { IpcResult } from '../../../shared/ipc/contract';
import type { EventName } from '../../../shared/ipc/derived';
import { encodeMemberCard } from '../../../shared/positions/member-card';
import type { DocPositions, RosterState } from '../../../shared/positions/model';
import { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import { IdentitySource } from '../identity/identity-source';
import { MemberIdentity } from '../../headless/identity/member-identity';
import { WorkspaceNotes } from '../notes/workspace-notes';
import { WorkspacePositions } from '../positions/workspace-positions';
import { RecentWorkspaces } from '../workspace/recent-workspaces';
import { createHandlers, type Dialogs } from './handlers';
import { registerIpc } from './register-ipc';
import { CANCELED_LIVE_DIALOGS, testLive } from '../live/live-test-support';
import { CANCELED_EXPORT_DIALOGS, testExportDeps } from '../export/export-test-support';

/** Electron's ipcMain, reduced to a table of channel → handler that a test calls as a window would. */
const ipc = vi.hoisted(() => ({ handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => ipc.handlers.set(channel, fn),
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
}));

/** No keychain: the private key is then in the identity file as base64, so the test knows it. */
const noKeychain = {
  isEncryptionAvailable: () => false,
  encryptString: () => Buffer.alloc(0),
  decryptString: () => '',
};

let dir: string;
let registry: WorkspaceRegistry;
let unregister: () => void;
let identity: MemberIdentity;
const events: { windowId: number; event: EventName; payload: unknown[] }[] = [];
const replies: unknown[] = [];

async function call<T>(windowId: number, channel: string, ...args: unknown[]): Promise<T> {
  const handler = ipc.handlers.get(channel);
  if (!handler) throw new Error(`no handler on ${channel}`);
  const reply = (await handler({ windowId }, ...args)) as IpcResult<T>;
  replies.push(reply);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value;
}

function setUp(source: IdentitySource): void {
  registry = new WorkspaceRegistry({ docUpdate: () => {} });
  const positions = new WorkspacePositions({ registry, identity: source, send: (windowId, event, ...payload) => events.push({ windowId, event, payload }) });
  const dialogs: Dialogs = {
    askNewWorkspacePath: async () => join(dir, 'Talks'),
    askOpenWorkspacePath: async () => ({ canceled: true }),
    askSaveCardPath: async () => join(dir, 'card'),
    askOpenCardPath: async () => join(dir, 'card.chancery-card'),
    ...CANCELED_LIVE_DIALOGS,
    ...CANCELED_EXPORT_DIALOGS,
  };
  const handlers = createHandlers({
    registry,
    recent: new RecentWorkspaces(join(dir, 'recent.json')),
    identity: source,
    positions,
    notes: new WorkspaceNotes({ registry, identity: source, send: () => {} }),
    live: testLive(registry, source, join(dir, 'relay')),
    ...testExportDeps(registry, source),
    dialogs,
    workspaceChanged: () => {},
    startupError: () => null,
  });
  unregister = registerIpc(handlers, (event) => {
    const { windowId } = event as unknown as { windowId: number };
    if (windowId < 0) throw new ChanceryError('UNTRUSTED_SENDER', 'IPC refused: not a Chancery window.');
    return windowId;
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chancery-ipc-'));
  identity = MemberIdentity.loadOrCreate({ path: join(dir, 'identity.json'), safeStorage: noKeychain, defaultName: 'Ilse Varga' });
  events.length = 0;
  replies.length = 0;
});
afterEach(() => {
  unregister();
  registry.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('positions over IPC', () => {
  it('convenes a new workspace with this identity, and a head can then sign for the party', async () => {
    setUp(new IdentitySource(() => identity));
    await call(1, 'workspace:create');
    let state = await call<RosterState>(1, 'roster:get');
    expect(state.roster.convener).toBe(identity.publicKey);
    expect(state.me).toMatchObject({ role: 'convener', name: 'Ilse Varga' });

    state = await call<RosterState>(1, 'roster:setParty', { code: 'ald', name: 'Aldoria', colour: '#1f6feb' });
    expect(state.roster.parties).toEqual([{ code: 'ald', name: 'Aldoria', colour: '#1f6feb' }]);
    state = await call<RosterState>(1, 'roster:admit', await call<string>(1, 'identity:memberCard'), 'head', 'ald');
    expect(state.me).toMatchObject({ role: 'head', party: 'ald' });

    const { id } = await call<{ id: string }>(1, 'documents:add', 'Framework');
    await call(1, 'workspace:open', join(dir, 'Talks.chancery')); // a second look, same session
    const clauseId = (await call<DocPositions>(1, 'positions:view', id)).clauses[0]!.clauseId;
    await call(1, 'sync:openDoc', id);
    events.length = 0;
    await call(1, 'positions:set', id, clauseId, 'ald', 'accepted', '', null);

    const view = await call<DocPositions>(1, 'positions:view', id);
    expect(view.clauses[0]).toMatchObject({ clauseId, state: 'agreed' });
    expect(view.summary.agreement.percent).toBe(100);
    const history = await call<{ record: { comment?: string } }[]>(1, 'positions:history', id, clauseId);
    expect(history).toHaveLength(1);
    expect(history[0]!.record).not.toHaveProperty('comment');
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['positions.changed', 'positions.agreementChanged']));
  });

  it('sends clause states only to windows with the document open, the roster to every window', async () => {
    setUp(new IdentitySource(() => identity));
    await call(1, 'workspace:create');
    await call(2, 'workspace:open', join(dir, 'Talks.chancery'));
    events.length = 0;
    await call(1, 'roster:setParty', { code: 'ald', name: 'Aldoria', colour: '#1f6feb' });
    expect(events.filter((e) => e.event === 'roster.changed').map((e) => e.windowId).sort()).toEqual([1, 2]);

    await call(1, 'roster:admit', encodeMemberCard(identity.memberCard()), 'head', 'ald');
    const { id } = await call<{ id: string }>(1, 'documents:add', 'Framework');
    await call(1, 'sync:openDoc', id);
    const clauseId = (await call<DocPositions>(1, 'positions:view', id)).clauses[0]!.clauseId;
    events.length = 0;
    await call(2, 'positions:set', id, clauseId, 'ald', 'reserved', 'Pending capitals.', null);
    expect(events.filter((e) => e.event === 'positions.changed').map((e) => e.windowId)).toEqual([1]);
    expect(events.filter((e) => e.event === 'positions.agreementChanged').map((e) => e.windowId).sort()).toEqual([1, 2]);
  });

  it('refuses to sign for a party this key is not enrolled in', async () => {
    setUp(new IdentitySource(() => identity));
    await call(1, 'workspace:create');
    await call(1, 'roster:setParty', { code: 'ald', name: 'Aldoria', colour: '#1f6feb' });
    const { id } = await call<{ id: string }>(1, 'documents:add', 'Framework');
    const clauseId = (await call<DocPositions>(1, 'positions:view', id)).clauses[0]!.clauseId;
    await expect(call(1, 'positions:set', id, clauseId, 'ald', 'accepted', null, null)).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
  });

  it('saves and loads the member card as a file', async () => {
    setUp(new IdentitySource(() => identity));
    const path = await call<string>(1, 'identity:saveMemberCard');
    expect(path).toBe(join(dir, 'card.chancery-card'));
    expect(readFileSync(path, 'utf8').trim()).toBe(await call<string>(1, 'identity:memberCard'));
    expect(await call(1, 'identity:loadMemberCard')).toEqual({ v: 1, name: 'Ilse Varga', key: identity.publicKey });
  });

  it('never sends the private key: not in any reply, not in any event', async () => {
    setUp(new IdentitySource(() => identity));
    await call(1, 'workspace:create');
    await call(1, 'identity:get');
    await call(1, 'identity:setName', 'Amb. Ilse Varga');
    await call(1, 'identity:memberCard');
    await call(1, 'identity:saveMemberCard');
    await call(1, 'identity:loadMemberCard');
    await call(1, 'roster:setParty', { code: 'ald', name: 'Aldoria', colour: '#1f6feb' });
    await call(1, 'roster:admit', await call<string>(1, 'identity:memberCard'), 'head', 'ald');
    const { id } = await call<{ id: string }>(1, 'documents:add', 'Framework');
    await call(1, 'sync:openDoc', id);
    const clauseId = (await call<DocPositions>(1, 'positions:view', id)).clauses[0]!.clauseId;
    await call(1, 'positions:set', id, clauseId, 'ald', 'disputed', 'No.', 'Other words.');
    await call(1, 'positions:history', id, clauseId);
    await call(1, 'positions:agreement');

    const file = JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8')) as { privateKey: { data: string } };
    const pkcs8 = Buffer.from(file.privateKey.data, 'base64');
    const seed = pkcs8.subarray(pkcs8.length - 32);
    const spellings = [file.privateKey.data, seed.toString('base64'), seed.toString('base64url'), seed.toString('hex')];
    const sent = JSON.stringify([replies, events], (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
    expect(replies.length).toBeGreaterThan(10);
    for (const spelling of spellings) expect(sent).not.toContain(spelling.slice(0, 40));
  });

  it('checks the sender before anything else, and the arguments before the handler', async () => {
    setUp(new IdentitySource(() => identity));
    await expect(call(-1, 'identity:memberCard')).rejects.toMatchObject({ code: 'UNTRUSTED_SENDER' });
    await expect(call(1, 'positions:set', 'framework', 'c-1', 'ald', 'accepted', null, null)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(call(1, 'roster:get')).rejects.toMatchObject({ code: 'WORKSPACE_NOT_OPEN' });
  });

  it('with an unusable identity, opens and reads workspaces but signs nothing', async () => {
    const damaged = join(dir, 'damaged-identity.json');
    writeFileSync(damaged, '{"v":1,');
    setUp(new IdentitySource(() => MemberIdentity.loadOrCreate({ path: damaged, safeStorage: noKeychain })));
    await call(1, 'workspace:create');
    const state = await call<RosterState>(1, 'roster:get');
    expect(state).toMatchObject({ roster: { convener: null }, me: null });
    await expect(call(1, 'identity:get')).rejects.toMatchObject({ code: 'IDENTITY_FAILED' });
    await expect(call(1, 'roster:setParty', { code: 'ald', name: 'Aldoria', colour: '#1f6feb' })).rejects.toMatchObject({ code: 'IDENTITY_FAILED' });
  });
});
