import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChanceryError } from '../../../shared/errors';
import type { IpcResult } from '../../../shared/ipc/contract';
import type { EventName } from '../../../shared/ipc/derived';
import type { DelegationNote } from '../../../shared/notes/note-model';
import { encodeMemberCard } from '../../../shared/positions/member-card';
import type { DocPositions } from '../../../shared/positions/model';
import { MemberIdentity } from '../../headless/identity/member-identity';
import { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import { IdentitySource } from '../identity/identity-source';
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

const noKeychain = { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' };

let dir: string;
let registry: WorkspaceRegistry;
let unregister: () => void;
let identity: MemberIdentity;
const events: { windowId: number; event: EventName; payload: unknown[] }[] = [];

async function call<T>(windowId: number, channel: string, ...args: unknown[]): Promise<T> {
  const handler = ipc.handlers.get(channel);
  if (!handler) throw new Error(`no handler on ${channel}`);
  const reply = (await handler({ windowId }, ...args)) as IpcResult<T>;
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chancery-notes-ipc-'));
  identity = MemberIdentity.loadOrCreate({ path: join(dir, 'identity.json'), safeStorage: noKeychain, defaultName: 'Ilse Varga' });
  events.length = 0;
  registry = new WorkspaceRegistry({ docUpdate: () => {} });
  const source = new IdentitySource(() => identity);
  const send = (windowId: number, event: EventName, ...payload: unknown[]) => events.push({ windowId, event, payload });
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
    positions: new WorkspacePositions({ registry, identity: source, send }),
    notes: new WorkspaceNotes({ registry, identity: source, send }),
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
});
afterEach(() => {
  unregister();
  registry.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

/** A new workspace convened by this identity, with one document; `head` also makes it head of ALD. */
async function workspace(head: boolean): Promise<{ docId: string; clauseId: string }> {
  await call(1, 'workspace:create');
  await call(1, 'roster:setParty', { code: 'ALD', name: 'Aldoria', colour: '#1f6feb' });
  if (head) await call(1, 'roster:admit', encodeMemberCard(identity.memberCard()), 'head', 'ALD');
  const { id } = await call<{ id: string }>(1, 'documents:add', 'Framework');
  const clauseId = (await call<DocPositions>(1, 'positions:view', id)).clauses[0]!.clauseId;
  return { docId: id, clauseId };
}

describe('notes over IPC', { timeout: 30_000 }, () => {
  it('lets a head of delegation add, edit, list and remove its party’s notes', async () => {
    const { docId, clauseId } = await workspace(true);
    const note = await call<DelegationNote>(1, 'notes:add', docId, clauseId, '  Ask the capital about "shall".  ');
    expect(note).toMatchObject({ docId, clauseId, text: 'Ask the capital about "shall".', author: 'Ilse Varga', authorKey: identity.publicKey });
    expect(await call<DelegationNote[]>(1, 'notes:list', docId)).toEqual([note]);
    const edited = await call<DelegationNote>(1, 'notes:edit', note.id, 'Capital agrees.');
    expect(edited.text).toBe('Capital agrees.');
    await call(1, 'notes:remove', note.id);
    expect(await call<DelegationNote[]>(1, 'notes:list', docId)).toEqual([]);
    await expect(call(1, 'notes:remove', note.id)).rejects.toMatchObject({ code: 'NOTE_NOT_FOUND' });
  });

  it('refuses the convener who sits in no delegation', async () => {
    const { docId, clauseId } = await workspace(false);
    const refused = call(1, 'notes:list', docId);
    await expect(refused).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await expect(refused).rejects.toThrow(/Only members of a delegation keep private notes/u);
    await expect(call(1, 'notes:add', docId, clauseId, 'x')).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
  });

  it('sends notes.changed only to windows that have the document open', async () => {
    const { docId, clauseId } = await workspace(true);
    await call(2, 'workspace:open', join(dir, 'Talks.chancery'));
    await call(1, 'sync:openDoc', docId);
    events.length = 0;
    const note = await call<DelegationNote>(2, 'notes:add', docId, clauseId, 'Hold the line on para 2.');
    const changed = events.filter((e) => e.event === 'notes.changed');
    expect(changed.map((e) => e.windowId)).toEqual([1]);
    expect(changed[0]!.payload).toEqual([docId, [note]]);
  });

  it('never gives a window a replica of a private document', async () => {
    await workspace(true);
    await expect(call(1, 'sync:openDoc', 'private_ALD')).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await expect(call(1, 'sync:pushUpdate', 'private_ALD', new Uint8Array([0, 0]))).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await expect(call(1, 'notes:list', 'private_ALD')).rejects.toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
  });
});
