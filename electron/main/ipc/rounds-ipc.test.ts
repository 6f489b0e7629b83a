import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceComparison } from '../../../shared/compare/compare-model';
import type { RoundInfo, RoundView } from '../../../shared/rounds/round-model';
import { C, typingUpdate } from '../../headless/positions/positions-test-support';
import { cutRound } from '../../headless/rounds/rounds';
import { WorkspaceSession } from '../../headless/workspace/workspace-session';
import { startExportIpc, type ExportIpcFixture } from '../export/export-ipc-fixture';

/**
 * The `rounds` namespace as a window calls it: only the convener cuts a round, anyone reads and
 * compares them, every window of the workspace hears of a new one, and malformed arguments never
 * reach the store.
 */

const ipc = vi.hoisted(() => ({ handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => ipc.handlers.set(channel, fn),
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
}));

let f: ExportIpcFixture;
beforeEach(() => {
  f = startExportIpc(ipc.handlers);
});
afterEach(() => f.close());

/** Types at the end of a clause's first paragraph in window `windowId`, as its editor would. */
async function type(windowId: number, docId: string, clauseId: string, text: string): Promise<void> {
  const session = f.registry.sessionFor(windowId);
  await f.call(windowId, 'sync:openDoc', docId);
  await f.call(windowId, 'sync:pushUpdate', docId, typingUpdate(session, docId, clauseId, text));
}

const roundsChanged = () => f.events.filter((e) => e.event === 'rounds.changed');

describe('rounds over IPC', { timeout: 30_000 }, () => {
  it('lets the convener cut a round, and tells every window of that workspace (and no other)', async () => {
    const talks = f.createWorkspace('Talks', true);
    const other = f.createWorkspace('Other', true);
    await f.call(1, 'workspace:open', talks);
    await f.call(2, 'workspace:open', talks);
    await f.call(3, 'workspace:open', other);
    expect(await f.call<RoundInfo[]>(1, 'rounds:list')).toEqual([]);

    const berlin = await f.call<RoundInfo>(1, 'rounds:cut', '  Berlin round ');
    expect(berlin).toMatchObject({ name: 'Berlin round', cutBy: 'Ilse Varga', documents: 2, clauses: 4 });
    expect(roundsChanged().map((e) => e.windowId).sort()).toEqual([1, 2]);
    expect(roundsChanged()[0]!.payload).toEqual([[berlin]]);

    const geneva = await f.call<RoundInfo>(2, 'rounds:cut', 'Geneva round');
    expect(await f.call<RoundInfo[]>(1, 'rounds:list')).toEqual([berlin, geneva]);
    expect(await f.call<RoundInfo[]>(3, 'rounds:list')).toEqual([]);
    await expect(f.call(1, 'rounds:cut', 'BERLIN ROUND')).rejects.toMatchObject({ code: 'ROUND_EXISTS' });
  });

  it('refuses a cut by anyone but the convener, saying who can', async () => {
    await f.call(1, 'workspace:open', f.createWorkspace('Talks', false));
    const refused = f.call(1, 'rounds:cut', 'Berlin round');
    await expect(refused).rejects.toMatchObject({ code: 'NOT_AUTHORISED' });
    await expect(refused).rejects.toThrow(/Only the convener, Convener, can cut a named round/u);
    expect(await f.call<RoundInfo[]>(1, 'rounds:list')).toEqual([]);
    expect(roundsChanged()).toEqual([]);
  });

  it('shows a round read-only as it was cut, after the text has moved on', async () => {
    await f.call(1, 'workspace:open', f.createWorkspace('Talks', true));
    const berlin = await f.call<RoundInfo>(1, 'rounds:cut', 'Berlin round');
    await type(1, 'alpha', C.a1, ' Immediately.');

    const view = await f.call<RoundView>(1, 'rounds:view', berlin.id);
    expect(view.info).toEqual(berlin);
    expect(view.title).toBe('Test talks');
    expect(view.documents.map((d) => d.title)).toEqual(['Alpha', 'Beta']);
    const first = view.documents[0]!.items.find((i) => i.kind === 'clause');
    expect(first).toMatchObject({ kind: 'clause', label: '1', paragraphs: ['The Parties shall cease fire.'] });
    await expect(f.call(1, 'rounds:view', '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'ROUND_NOT_FOUND' });
  });

  it('compares a round with the current text and with a later round, clause by clause', async () => {
    await f.call(1, 'workspace:open', f.createWorkspace('Talks', true));
    const berlin = await f.call<RoundInfo>(1, 'rounds:cut', 'Berlin round');
    await type(1, 'alpha', C.a1, ' Immediately.');

    const withCurrent = await f.call<WorkspaceComparison>(1, 'rounds:compare', berlin.id, null);
    expect(withCurrent.older).toMatchObject({ name: 'Berlin round', roundId: berlin.id });
    expect(withCurrent.newer).toMatchObject({ name: 'Current text', roundId: null });
    const clauses = withCurrent.documents[0]!.items.flatMap((i) => (i.kind === 'clause' ? [i.clause] : []));
    const a1 = clauses.find((c) => c.id === C.a1)!;
    expect(a1.kind).toBe('changed');
    expect(a1.paragraphs.flatMap((p) => p.runs).filter((r) => r.op === 'insert').map((r) => r.text.trim())).toEqual(['Immediately.']);
    expect(clauses.filter((c) => c.id !== C.a1).every((c) => c.kind === 'unchanged')).toBe(true);

    const geneva = await f.call<RoundInfo>(1, 'rounds:cut', 'Geneva round');
    const between = await f.call<WorkspaceComparison>(1, 'rounds:compare', berlin.id, geneva.id);
    expect(between.newer).toMatchObject({ name: 'Geneva round', roundId: geneva.id, at: geneva.cutAt });
    expect(between.counts.changed).toBe(1);
  });

  it('tells the windows when a merged file brings a round', async () => {
    const talks = f.createWorkspace('Talks', true);
    const copy = join(f.dir, 'Colleague.chancery');
    copyFileSync(talks, copy);
    const colleague = WorkspaceSession.open(copy);
    cutRound(colleague, 'Vienna round', 'Anja Korvel');
    colleague.close();
    await f.call(1, 'workspace:open', talks);
    f.importAnswer = copy;
    await f.call(1, 'live:importChanges');
    const [event] = roundsChanged();
    expect(event?.windowId).toBe(1);
    expect((event?.payload[0] as RoundInfo[]).map((r) => r.name)).toEqual(['Vienna round']);
  });

  it('refuses malformed arguments and windows that are not Chancery’s', async () => {
    await f.call(1, 'workspace:open', f.createWorkspace('Talks', true));
    for (const [channel, args] of [
      ['rounds:cut', ['']],
      ['rounds:cut', ['   ']],
      ['rounds:cut', ['x'.repeat(121)]],
      ['rounds:cut', ['Berlin\u0000round']],
      ['rounds:cut', [42]],
      ['rounds:view', ['../etc/passwd']],
      ['rounds:view', []],
      ['rounds:compare', ['a b', null]],
      ['rounds:list', ['extra']],
    ] as const) {
      await expect(f.call(1, channel, ...args), `${channel} ${JSON.stringify(args)}`).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    await expect(f.call(-1, 'rounds:list')).rejects.toMatchObject({ code: 'UNTRUSTED_SENDER' });
    await expect(f.call(-1, 'rounds:cut', 'Berlin round')).rejects.toMatchObject({ code: 'UNTRUSTED_SENDER' });
    expect(await f.call<RoundInfo[]>(1, 'rounds:list')).toEqual([]);
  });
});
