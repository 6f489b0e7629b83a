import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseInvitation } from '../../../shared/live/invitation';
import type { MergeReport } from '../../../shared/live/live-model';
import { loadIdentity } from '../identity/user-data';
import { invitationText, removeDir, testRelay, tmpDir, typeInClause } from '../live/live-test-support';
import { smallSeed } from '../positions/positions-test-support';
import type { RunningRelay } from '../relay/relay';
import { WorkspaceSession } from '../workspace/workspace-session';
import type { WorkspaceSummary } from '../workspace/workspace-summary';
import { runCli } from './cli';

let dir: string;
let stderr: string;
let relay: RunningRelay;

beforeEach(async () => {
  dir = tmpDir();
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  relay = await testRelay(join(dir, 'relay'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await relay.close();
  removeDir(dir);
});

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(argv, (s) => (out += s));
  return { code, out };
}

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

/** A workspace convened by the identity in `convenerData`, online once so the relay knows it. */
async function hostedWorkspace(): Promise<{ file: string; convenerData: string; joinerData: string }> {
  const convenerData = join(dir, 'convener-data');
  const joinerData = join(dir, 'joiner-data');
  const file = join(dir, 'talks.chancery');
  WorkspaceSession.create(file, smallSeed(loadIdentity(convenerData).signer)).close();
  const synced = await run('sync', file, '--relay', relay.url, '--once', '--user-data', convenerData);
  expect(synced.code, stderr).toBe(0);
  expect(synced.out).toContain('Synced');
  return { file, convenerData, joinerData };
}

describe('chancery invite / join / sync / merge', () => {
  it('joins with an invitation from the command line: same workspace, same documents, the joiner on the roster', { timeout: 30_000 }, async () => {
    const { file, convenerData, joinerData } = await hostedWorkspace();
    const invited = await run('invite', file, '--party', 'VEL', '--role', 'head', '--relay', relay.url, '--user-data', convenerData);
    expect(invited.code, stderr).toBe(0);
    const text = invited.out.trim();
    expect(parseInvitation(text)).toMatchObject({ party: 'VEL', role: 'head', relay: relay.url });

    const joined = join(dir, 'joined.chancery');
    const result = await run('join', text, '--out', joined, '--user-data', joinerData);
    expect(result.code, stderr).toBe(0);
    expect(result.out).toContain('head of delegation of VEL');

    const original = JSON.parse((await run('info', file, '--json')).out) as WorkspaceSummary;
    const copy = JSON.parse((await run('info', joined, '--json')).out) as WorkspaceSummary;
    expect(copy.workspaceId).toBe(original.workspaceId);
    expect(copy.documents.map((d) => [d.id, d.title, d.clauses])).toEqual(original.documents.map((d) => [d.id, d.title, d.clauses]));
    const session = WorkspaceSession.openReadOnly(joined);
    try {
      const joiner = loadIdentity(joinerData);
      expect(session.positions.resolvedRoster().member(joiner.publicKey)).toMatchObject({ role: 'head', party: 'VEL', via: 'invitation' });
    } finally {
      session.close();
    }
    // The convener's copy learns of the claim at its next sync.
    expect((await run('sync', file, '--once', '--user-data', convenerData)).code, stderr).toBe(0);
    const convener = WorkspaceSession.openReadOnly(file);
    try {
      expect(convener.positions.roster().members.some((m) => m.party === 'VEL' && m.role === 'head')).toBe(true);
    } finally {
      convener.close();
    }
  });

  it('refuses an expired invitation in one line, exit 1, and leaves no file', { timeout: 30_000 }, async () => {
    const { file, convenerData, joinerData } = await hostedWorkspace();
    const session = WorkspaceSession.openReadOnly(file);
    const past = new Date(Date.now() - 3600_000).toISOString();
    const text = invitationText(session, loadIdentity(convenerData).signer, relay.url, 'VEL', 'head', past, new Date(Date.now() - 7200_000).toISOString());
    session.close();
    const out = join(dir, 'late.chancery');
    const result = await run('join', text, '--out', out, '--user-data', joinerData);
    expect(result.code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/expired/u);
    expect(existsSync(out)).toBe(false);
  });

  it('says in one line when no relay answers, and leaves no file', { timeout: 30_000 }, async () => {
    const { file, convenerData, joinerData } = await hostedWorkspace();
    const port = relay.port;
    const session = WorkspaceSession.openReadOnly(file);
    const text = invitationText(session, loadIdentity(convenerData).signer, `ws://127.0.0.1:${port}`, 'VEL', 'head');
    session.close();
    await relay.close();
    relay = await testRelay(join(dir, 'relay-2')); // closed again by afterEach; the invitation's port stays dead
    const out = join(dir, 'nowhere.chancery');
    const result = await run('join', text, '--out', out, '--user-data', joinerData);
    expect(result.code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`no relay answers at ws://127.0.0.1:${port}`.replace('no', 'No'));
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an invitation from someone who may not invite', { timeout: 30_000 }, async () => {
    const { file, joinerData } = await hostedWorkspace();
    const result = await run('invite', file, '--party', 'VEL', '--role', 'delegate', '--relay', relay.url, '--user-data', joinerData);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/cannot invite a delegate of VEL/u);
  });

  it('merges a colleague’s copy once: the second merge reports nothing changed', { timeout: 30_000 }, async () => {
    const { file, convenerData, joinerData } = await hostedWorkspace();
    const text = (await run('invite', file, '--party', 'VEL', '--role', 'head', '--relay', relay.url, '--user-data', convenerData)).out.trim();
    const joined = join(dir, 'joined.chancery');
    expect((await run('join', text, '--out', joined, '--user-data', joinerData)).code, stderr).toBe(0);
    const colleague = WorkspaceSession.open(joined);
    typeInClause(colleague, 'alpha', 0, ' as amended offline by VEL');
    colleague.close();

    const first = await run('merge', file, joined, '--json', '--user-data', convenerData);
    expect(first.code, stderr).toBe(0);
    const report = JSON.parse(first.out) as MergeReport;
    expect(report).toMatchObject({ changed: true, rosterEntriesAdded: 1 });
    expect(report.documents.find((d) => d.docId === 'alpha')).toMatchObject({ changed: true, clausesChanged: 1 });
    const second = JSON.parse((await run('merge', file, joined, '--json', '--user-data', convenerData)).out) as MergeReport;
    expect(second.changed).toBe(false);
    expect((await run('merge', file, joined, '--user-data', convenerData)).out).toMatch(/^Nothing to merge/u);
  });

  it('refuses to merge a file of another workspace and leaves the target as it was', { timeout: 30_000 }, async () => {
    const { file, convenerData } = await hostedWorkspace();
    const other = join(dir, 'other.chancery');
    expect((await run('new', other)).code).toBe(0);
    const before = sha(file);
    const result = await run('merge', file, other, '--user-data', convenerData);
    expect(result.code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/not of "Test talks"/u);
    expect(sha(file)).toBe(before);
  });
});
