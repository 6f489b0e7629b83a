import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceStore } from './workspace-store';
import {
  catchChanceryError,
  collectStderr,
  listDir,
  makeTempDir,
  onLines,
  probeInChild,
  removeDir,
  spawnFixture,
  whenClosed,
} from './store-test-support';

/**
 * One writer per file: a second Chancery window, a second process or the CLI must be told the file
 * is in use (WORKSPACE_LOCKED, "close it there first") instead of both writing to it.
 */

const TIMEOUT = 60_000;
const LOCKED_MESSAGE = /open in another Chancery window or process; close it there first/;

let dir: string;
let path: string;
beforeEach(() => {
  dir = makeTempDir('lock');
  path = join(dir, 'talks.chancery');
});
afterEach(() => removeDir(dir));

/** Starts a child that opens `path` and keeps it open until `release()` is awaited. */
async function holdInChild(mode: 'hold-open' | 'hold-read-only'): Promise<{ release: () => Promise<void> }> {
  const child = spawnFixture('open-probe.fixture.ts', [mode, path]);
  const stderr = collectStderr(child);
  const lines: string[] = [];
  const closed = whenClosed(child);
  await new Promise<void>((ready, fail) => {
    onLines(child, (line) => {
      lines.push(line);
      if (line === 'held') ready();
      else if (line.startsWith('{')) fail(new Error(`child could not open the file: ${line}`));
    });
    void closed.then(() => fail(new Error(`child exited before holding the file; stderr:\n${stderr()}`)));
  });
  return {
    release: async () => {
      child.stdin?.end();
      await closed;
      expect(lines).toContain('released');
    },
  };
}

describe('a second opener is refused while the file is held', () => {
  it(
    'another process gets WORKSPACE_LOCKED, for editing and for reading, and opens fine once this one closes',
    async () => {
      const store = WorkspaceStore.create(path, { workspaceId: 'held-here' });
      store.appendUpdate('framework', new Uint8Array([0, 0]));

      const [asWriter, asReader] = await Promise.all([probeInChild('open', path), probeInChild('read-only', path)]);
      expect(asWriter).toMatchObject({ ok: false, code: 'WORKSPACE_LOCKED' });
      expect(asReader).toMatchObject({ ok: false, code: 'WORKSPACE_LOCKED' });
      for (const r of [asWriter, asReader]) {
        if (r.ok) continue;
        expect(r.message).toContain(path);
        expect(r.message).toMatch(LOCKED_MESSAGE);
      }

      // The refused attempts did not disturb the holder.
      store.appendUpdate('framework', new Uint8Array([0, 0]));
      expect(store.updateCount('framework')).toBe(2);
      store.close();

      expect(await probeInChild('open', path)).toEqual({ ok: true, workspaceId: 'held-here' });
      expect(await probeInChild('read-only', path)).toEqual({ ok: true, workspaceId: 'held-here' });
      expect(listDir(dir)).toEqual(['talks.chancery']);
    },
    TIMEOUT,
  );

  it(
    'while another process edits the file, this process gets WORKSPACE_LOCKED; after it closes, opens fine',
    async () => {
      WorkspaceStore.create(path, { workspaceId: 'held-there' }).close();
      const holder = await holdInChild('hold-open');

      const asWriter = catchChanceryError(() => WorkspaceStore.open(path), 'WORKSPACE_LOCKED');
      expect(asWriter.message).toContain(path);
      expect(asWriter.message).toMatch(LOCKED_MESSAGE);
      catchChanceryError(() => WorkspaceStore.openReadOnly(path), 'WORKSPACE_LOCKED');

      await holder.release();
      const store = WorkspaceStore.open(path);
      expect(store.meta.workspaceId).toBe('held-there');
      store.close();
      expect(listDir(dir)).toEqual(['talks.chancery']);
    },
    TIMEOUT,
  );

  it(
    'a reader elsewhere (CLI export) keeps writers out but lets other readers in',
    async () => {
      WorkspaceStore.create(path).close();
      const reader = await holdInChild('hold-read-only');

      catchChanceryError(() => WorkspaceStore.open(path), 'WORKSPACE_LOCKED');
      const alsoReading = WorkspaceStore.openReadOnly(path);
      expect(alsoReading.docIds()).toEqual([]);
      alsoReading.close();

      await reader.release();
      WorkspaceStore.open(path).close();
    },
    TIMEOUT,
  );

  it(
    'a second store in the same process is refused, by any path spelling, and the first keeps its lock',
    async () => {
      const first = WorkspaceStore.create(path);
      symlinkSync(path, join(dir, 'alias.chancery'));
      for (const spelling of [path, join(dir, '.', 'talks.chancery'), join(dir, 'alias.chancery')]) {
        const err = catchChanceryError(() => WorkspaceStore.open(spelling), 'WORKSPACE_LOCKED');
        expect(err.message).toMatch(/already open in this Chancery process.*close it there first/s);
        catchChanceryError(() => WorkspaceStore.openReadOnly(spelling), 'WORKSPACE_LOCKED');
      }

      // Had a refused attempt so much as opened and closed a descriptor on the file, POSIX would
      // have dropped the first store's lock and another process could now write concurrently.
      expect(await probeInChild('open', path)).toMatchObject({ ok: false, code: 'WORKSPACE_LOCKED' });

      first.appendUpdate('framework', new Uint8Array([0, 0]));
      first.close();
      const second = WorkspaceStore.open(join(dir, 'alias.chancery'));
      expect(second.updateCount('framework')).toBe(1);
      second.close();
    },
    TIMEOUT,
  );
});
