import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChanceryError } from '../../../shared/errors';
import type { ExportProgress } from '../../../shared/export/export-model';
import { catchChanceryError } from '../store/store-test-support';
import { sampleSeed } from '../workspace/sample';
import { WorkspaceSession } from '../workspace/workspace-session';
import { runExport, type ExportDeps } from './export-service';

const open: WorkspaceSession[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'chancery-export-service-'));
  const session = WorkspaceSession.create(join(dir, 'talks.chancery'), sampleSeed());
  open.push(session);
  return { dir, session };
}

/** What is in the folder besides the open workspace (its file and write-ahead log). */
const exported = (dir: string) => readdirSync(dir).filter((f) => !f.startsWith('talks.chancery')).sort();
const failingPrinter: ExportDeps['printPdf'] = () => Promise.reject(new ChanceryError('PDF_FAILED', 'Printing to PDF with chromium failed: out of memory.'));
const deps = (extra: Partial<ExportDeps> = {}): ExportDeps => ({ printPdf: failingPrinter, author: 'Test', now: () => new Date('2026-03-01T10:00:00Z'), ...extra });

async function rejection(promise: Promise<unknown>, code: Parameters<typeof catchChanceryError>[1]): Promise<ChanceryError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  return catchChanceryError(() => {
    throw err;
  }, code);
}

describe('runExport', { timeout: 60_000 }, () => {
  it('writes the file whole and reports each stage of the work in order', async () => {
    const { dir, session } = setUp();
    const seen: ExportProgress['stage'][] = [];
    const result = await runExport(session, { format: 'md', doc: 'annex 2: ceasefire monitoring and verification', out: join(dir, 'monitoring.md') }, deps({ onProgress: (p) => seen.push(p.stage) }));
    expect(result).toMatchObject({ path: join(dir, 'monitoring.md'), format: 'md', documents: 1 });
    expect(readFileSync(result.path).byteLength).toBe(result.bytes);
    expect(readFileSync(result.path, 'utf8')).toContain('Ceasefire Monitoring');
    expect([...new Set(seen)]).toEqual(['reading', 'rendering', 'writing', 'done']);
  });

  it('a printer failure leaves an earlier export untouched and nothing beside it', async () => {
    const { dir, session } = setUp();
    const target = join(dir, 'talks.pdf');
    writeFileSync(target, 'the export of yesterday');
    const err = await rejection(runExport(session, { format: 'pdf', out: target }, deps()), 'PDF_FAILED');
    expect(err.message).toContain('out of memory');
    expect(readFileSync(target, 'utf8')).toBe('the export of yesterday');
    expect(exported(dir)).toEqual(['talks.pdf']);
  });

  it('refuses a redline that is also clean, an unknown format, and a round that does not exist, writing nothing', async () => {
    const { dir, session } = setUp();
    await rejection(runExport(session, { format: 'docx', agreedOnly: true, compareTo: 'Berlin round', out: join(dir, 'x.docx') }, deps()), 'INVALID_ARGUMENT');
    await rejection(runExport(session, { format: 'odt' as never, out: join(dir, 'x.odt') }, deps()), 'INVALID_ARGUMENT');
    const err = await rejection(runExport(session, { format: 'docx', compareTo: 'Berlin round', out: join(dir, 'x.docx') }, deps()), 'ROUND_NOT_FOUND');
    expect(err.message).toContain('"Berlin round"');
    expect(exported(dir)).toEqual([]);
  });
});
