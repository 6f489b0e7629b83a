import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './cli';

let dir: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chancery-cli-'));
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(argv, (s) => (out += s));
  return { code, out };
}
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('chancery CLI', () => {
  it('creates the sample and reports it as JSON', async () => {
    const file = join(dir, 'sample.chancery');
    expect((await run('new', file, '--sample')).code).toBe(0);
    const { code, out } = await run('info', file, '--json');
    expect(code).toBe(0);
    const info = JSON.parse(out) as { title: string; parties: { code: string; name: string }[]; documents: { id: string; title: string; clauses: number; words: number }[] };
    expect(Object.keys(info)).toEqual(['title', 'parties', 'documents']);
    expect(info.parties).toHaveLength(4);
    expect(Object.keys(info.parties[0]!)).toEqual(['code', 'name']);
    expect(info.documents).toHaveLength(5);
    for (const d of info.documents) {
      expect(Object.keys(d)).toEqual(['id', 'title', 'clauses', 'words']);
      expect(d.clauses).toBeGreaterThan(3);
      expect(d.words).toBeGreaterThan(100);
    }
  });

  it('prints a readable summary and leaves the file untouched', async () => {
    const file = join(dir, 'w.chancery');
    await run('new', file, '--sample');
    const before = sha(file);
    const { code, out } = await run('info', file);
    expect(code).toBe(0);
    expect(out).toMatch(/Parties \(4\):/u);
    expect(out).toMatch(/Documents \(5\):/u);
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses to overwrite an existing file', async () => {
    const file = join(dir, 'exists.chancery');
    writeFileSync(file, 'precious');
    const { code } = await run('new', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/already exists/u);
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('explains a missing, corrupt or foreign file and never modifies it', async () => {
    expect((await run('info', join(dir, 'missing.chancery'))).code).toBe(1);
    expect(stderr).toMatch(/missing\.chancery/u);

    const corrupt = join(dir, 'corrupt.chancery');
    writeFileSync(corrupt, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256)));
    const before = sha(corrupt);
    stderr = '';
    expect((await run('info', corrupt)).code).toBe(1);
    expect(stderr).toMatch(/corrupt\.chancery/u);
    expect(sha(corrupt)).toBe(before);
  });

  it('rejects unknown commands with a usage error', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    expect(stderr).toMatch(/unknown command/u);
  });
});
