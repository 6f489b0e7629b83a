import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChanceryError } from '../../../shared/errors';
import type { Canceled, IpcResult } from '../../../shared/ipc/contract';
import { parseInvitation } from '../../../shared/live/invitation';
import type { LiveStatus } from '../../../shared/live/live-model';
import type { RosterRole } from '../../../shared/positions/model';
import type { Signer } from '../../../shared/positions/signing';
import { MemberIdentity } from '../../headless/identity/member-identity';
import { newSigner, smallSeed } from '../../headless/positions/positions-test-support';
import { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import { WorkspaceSession } from '../../headless/workspace/workspace-session';
import { IdentitySource } from '../identity/identity-source';
import { testLive } from '../live/live-test-support';
import { CANCELED_EXPORT_DIALOGS, testExportDeps } from '../export/export-test-support';
import { WorkspaceNotes } from '../notes/workspace-notes';
import { WorkspacePositions } from '../positions/workspace-positions';
import { RecentWorkspaces } from '../workspace/recent-workspaces';
import { createHandlers, type Dialogs } from './handlers';
import { registerIpc } from './register-ipc';

/**
 * The `live` namespace as a window calls it: arguments checked before anything runs, and who may
 * host and invite decided by where this installation's key stands in the roster.
 */

const ipc = vi.hoisted(() => ({ handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => ipc.handlers.set(channel, fn),
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
}));

const noKeychain = { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' };

let dir: string;
let registry: WorkspaceRegistry;
let unregister: () => void;
let identity: MemberIdentity;
let source: IdentitySource;
const asked: string[] = [];
/** What the next file dialog answers. */
let dialogAnswer: string | Canceled = { canceled: true };

async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const reply = (await ipc.handlers.get(channel)!({ windowId: 1 }, ...args)) as IpcResult<T>;
  if (!reply.ok) throw new ChanceryError(reply.error.code, reply.error.message);
  return reply.value;
}

const answer = (name: string) => async () => {
  asked.push(name);
  return dialogAnswer;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chancery-live-ipc-'));
  identity = MemberIdentity.loadOrCreate({ path: join(dir, 'identity.json'), safeStorage: noKeychain, defaultName: 'Ilse Varga' });
  source = new IdentitySource(() => identity);
  registry = new WorkspaceRegistry({ docUpdate: () => {} });
  asked.length = 0;
  dialogAnswer = { canceled: true };
  const dialogs: Dialogs = {
    askNewWorkspacePath: answer('new'),
    askOpenWorkspacePath: answer('open'),
    askSaveCardPath: answer('save card'),
    askOpenCardPath: answer('open card'),
    askSaveInvitationPath: answer('save invitation'),
    askOpenInvitationPath: answer('open invitation'),
    askJoinWorkspacePath: answer('join'),
    askImportWorkspacePath: answer('import'),
    ...CANCELED_EXPORT_DIALOGS,
  };
  const send = () => {};
  const handlers = createHandlers({
    registry,
    recent: new RecentWorkspaces(join(dir, 'recent.json')),
    identity: source,
    positions: new WorkspacePositions({ registry, identity: source, send }),
    notes: new WorkspaceNotes({ registry, identity: source, send }),
    live: testLive(registry, source, join(dir, 'relay')),
    ...testExportDeps(registry, source),
    dialogs,
    workspaceChanged: () => {},
    startupError: () => null,
  });
  unregister = registerIpc(handlers, (event) => (event as unknown as { windowId: number }).windowId);
});

afterEach(() => {
  unregister();
  registry.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const inAWeek = () => new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
const RELAY = 'ws://192.168.1.20:4455';

/**
 * A negotiation convened by someone else, in which this installation's key is admitted as `role`
 * (a member by the head of ALD), opened in window 1.
 */
async function openAs(role: RosterRole | 'convener'): Promise<void> {
  const path = join(dir, 'talks.chancery');
  const me = identity.signer;
  const convener: Signer = role === 'convener' ? me : newSigner();
  const session = WorkspaceSession.create(path, smallSeed(convener));
  const card = { v: 1 as const, key: me.publicKey, name: 'Ilse Varga' };
  if (role === 'head' || role === 'observer') session.positions.admit(convener, card, role, role === 'head' ? 'ALD' : null);
  if (role === 'member') {
    const head = newSigner();
    session.positions.admit(convener, { v: 1, key: head.publicKey, name: 'Anja Korvel' }, 'head', 'ALD');
    session.positions.admit(head, card, 'member', 'ALD');
  }
  session.close();
  await call('workspace:open', path);
}

describe('live over IPC', () => {
  it.each([
    ['an observer', 'observer'],
    ['a delegate', 'member'],
  ] as const)('refuses %s hosting or inviting anyone', async (_who, role) => {
    await openAs(role);
    await expect(call('live:host', 0)).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await expect(call('live:createInvitation', 'ALD', 'head', inAWeek(), RELAY)).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await expect(call('live:createInvitation', 'ALD', 'member', inAWeek(), RELAY)).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await expect(call('live:createInvitation', null, 'observer', inAWeek(), RELAY)).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(await call<LiveStatus>('live:status')).toMatchObject({ state: 'local', hosting: null });
  });

  it('lets a head invite delegates of its own party only, and not host', async () => {
    await openAs('head');
    const text = await call<string>('live:createInvitation', 'ALD', 'member', inAWeek(), RELAY);
    expect(parseInvitation(text)).toMatchObject({ party: 'ALD', role: 'member', relay: RELAY, issuer: identity.publicKey });
    await expect(call('live:createInvitation', 'VEL', 'member', inAWeek(), RELAY)).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await expect(call('live:createInvitation', 'ALD', 'head', inAWeek(), RELAY)).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await expect(call('live:host', 0)).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
  });

  it('lets the convener invite any party and role; the invitation saves to a file that opens again', async () => {
    await openAs('convener');
    const expires = inAWeek();
    const text = await call<string>('live:createInvitation', 'VEL', 'head', expires, RELAY);
    const inv = parseInvitation(text);
    expect(inv).toMatchObject({ workspaceTitle: 'Test talks', party: 'VEL', role: 'head', expires, relay: RELAY, issuer: identity.publicKey });
    expect(parseInvitation(await call<string>('live:createInvitation', null, 'observer', expires, RELAY))).toMatchObject({ party: null, role: 'observer' });
    // An observer sits in no party, heads need one, and the party must be at the table.
    await expect(call('live:createInvitation', 'VEL', 'observer', expires, RELAY)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(call('live:createInvitation', null, 'head', expires, RELAY)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(call('live:createInvitation', 'XYZ', 'head', expires, RELAY)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(call('live:createInvitation', 'VEL', 'head', '2020-01-01T00:00:00.000Z', RELAY)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });

    dialogAnswer = join(dir, 'for velmark');
    const saved = await call<string>('live:saveInvitation', text);
    expect(saved).toBe(join(dir, 'for velmark.chancery-invitation'));
    expect(readFileSync(saved, 'utf8').trim()).toBe(text);
    dialogAnswer = saved;
    expect(await call<string>('live:openInvitationFile')).toBe(text);

    // A file that is not an invitation is refused, saying which file.
    const junk = join(dir, 'junk.chancery-invitation');
    writeFileSync(junk, 'chancery-invitation:AAAA');
    dialogAnswer = junk;
    await expect(call('live:openInvitationFile')).rejects.toMatchObject({ code: 'INVALID_INVITATION', message: expect.stringContaining(junk) });
  });

  it('refuses malformed arguments before anything runs', async () => {
    await openAs('convener');
    const bad: [string, ...unknown[]][] = [
      ['live:host', -1],
      ['live:host', 70_000],
      ['live:host', '4455'],
      ['live:connect', 'http://example.org'],
      ['live:connect', 'ws://host:1/path'],
      ['live:createInvitation', 'VEL', 'delegate', inAWeek(), RELAY],
      ['live:createInvitation', 'VEL', 'head', 'next week', RELAY],
      ['live:createInvitation', 'VEL', 'head', inAWeek(), 'not a relay'],
      ['live:join', ''],
      ['live:join', 'x'.repeat(17 * 1024)],
      ['live:setPresence', 'alpha', { anchor: 'x'.repeat(2000), head: null }],
      ['live:setPresence', '../etc', null],
    ];
    for (const [channel, ...args] of bad) {
      await expect(call(channel, ...args), channel).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect(asked).toEqual([]);
  });

  it('checks an invitation before asking where to save the joined copy, and cancelling changes nothing', async () => {
    await expect(call('live:join', 'chancery-invitation:not-one')).rejects.toMatchObject({ code: 'INVALID_INVITATION' });
    expect(asked).toEqual([]);

    await openAs('convener');
    const text = await call<string>('live:createInvitation', 'VEL', 'head', inAWeek(), RELAY);
    dialogAnswer = { canceled: true };
    expect(await call('live:join', text)).toEqual({ canceled: true });
    expect(asked).toEqual(['join']);
    expect(await call('live:importChanges')).toEqual({ canceled: true });
    expect(existsSync(join(dir, 'Test talks.chancery'))).toBe(false);
  });

  it('says a workspace without a relay is not shared, and will not go online without one', async () => {
    await openAs('convener');
    expect(await call<LiveStatus>('live:status')).toEqual({ state: 'local', relay: null, unconfirmed: 0, refusal: null, hosting: null });
    await expect(call('live:connect', null)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await call('live:peers')).toEqual([]);
    expect(await call('live:setPresence', 'alpha', null)).toBeNull();
  });
});
