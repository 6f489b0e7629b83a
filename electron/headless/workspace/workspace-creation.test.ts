import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isChanceryError } from '../../../shared/errors';
import { limitCreationPagesForTesting } from '../store/test-hooks';
import { sampleSeed } from './sample';
import { WorkspaceSession } from './workspace-session';

describe('creating a workspace on a nearly full disk', () => {
  it('either publishes the whole sample or nothing at all, whatever page the disk fills at', () => {
    const sample = sampleSeed();
    let failed = 0;
    let created = 0;
    // From "full before the format is written" to "room for everything", in steps of a few pages.
    for (let pages = 4; pages <= 150; pages += 5) {
      const dir = mkdtempSync(join(tmpdir(), 'chancery-full-'));
      const file = join(dir, 'Sample negotiation.chancery');
      const lift = limitCreationPagesForTesting(pages);
      try {
        const session = WorkspaceSession.create(file, sample);
        lift();
        created += 1;
        expect(session.manifest().documents.map((d) => d.id)).toEqual(sample.documents.map((d) => d.id));
        for (const d of sample.documents) expect(session.getDoc(d.id)).toBeDefined();
        session.close();
      } catch (err) {
        lift();
        if (!isChanceryError(err, 'DISK_FULL')) throw err;
        failed += 1;
        expect(err.message).toMatch(/full/u);
        // Nothing under the real name, and no temp file left behind either.
        expect(readdirSync(dir)).toEqual([]);
      } finally {
        lift();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(failed).toBeGreaterThan(3);
    expect(created).toBeGreaterThan(3);
  }, 60_000);
});
