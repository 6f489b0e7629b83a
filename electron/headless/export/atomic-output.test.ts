import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catchChanceryError } from '../store/store-test-support';
import { AtomicOutput } from './atomic-output';

const folder = () => mkdtempSync(join(tmpdir(), 'chancery-out-'));

describe('AtomicOutput', () => {
  it('replaces the target only when complete and leaves no temp file', () => {
    const dir = folder();
    const target = join(dir, 'talks.docx');
    writeFileSync(target, 'old export');
    const out = AtomicOutput.begin(target);
    expect(readFileSync(target, 'utf8')).toBe('old export'); // untouched while the work runs
    out.commit(new TextEncoder().encode('new export'));
    expect(readFileSync(target, 'utf8')).toBe('new export');
    expect(readdirSync(dir)).toEqual(['talks.docx']);
  });

  it('abandoned, it leaves the target as it was and nothing beside it', () => {
    const dir = folder();
    const target = join(dir, 'talks.docx');
    writeFileSync(target, 'old export');
    AtomicOutput.begin(target).abort();
    expect(readFileSync(target, 'utf8')).toBe('old export');
    expect(readdirSync(dir)).toEqual(['talks.docx']);
  });

  it('refuses before any work a missing folder, a folder as target, the workspace itself, and a place that cannot hold files', () => {
    const dir = folder();
    expect(catchChanceryError(() => AtomicOutput.begin(join(dir, 'nope', 'x.docx')), 'EXPORT_UNWRITABLE').message).toContain('does not exist');
    mkdirSync(join(dir, 'sub'));
    expect(catchChanceryError(() => AtomicOutput.begin(join(dir, 'sub')), 'EXPORT_UNWRITABLE').message).toContain('is a folder');
    const workspace = join(dir, 'talks.chancery');
    writeFileSync(workspace, 'workspace');
    expect(catchChanceryError(() => AtomicOutput.begin(workspace, [workspace]), 'EXPORT_UNWRITABLE').message).toContain('workspace file itself');
    expect(readFileSync(workspace, 'utf8')).toBe('workspace');
    catchChanceryError(() => AtomicOutput.begin('/proc/chancery-export.docx'), 'EXPORT_UNWRITABLE');
    expect(readdirSync(dir).sort()).toEqual(['sub', 'talks.chancery']);
  });
});
