import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { recordId } from '../../../shared/positions/canonical';
import type { PositionRecord } from '../../../shared/positions/model';
import { positionsMap } from '../../../shared/positions/positions-doc';
import { legacyClauseId } from '../../../shared/schema/clause-ids';
import { WorkspaceStore } from '../store/workspace-store';
import { WorkspaceSession } from '../workspace/workspace-session';
import type { WorkspaceSummary } from '../workspace/workspace-summary';
import { runCli } from './cli';
import type { PositionsMatrix } from './positions-report';
import type { VerifyReport } from './verify-report';

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
  it('creates the sample and reports it as JSON, with the figures the positions service computes', async () => {
    const file = join(dir, 'sample.chancery');
    expect((await run('new', file, '--sample')).code).toBe(0);
    const { code, out } = await run('info', file, '--json');
    expect(code).toBe(0);
    const info = JSON.parse(out) as WorkspaceSummary;
    expect(Object.keys(info)).toEqual(['workspaceId', 'title', 'parties', 'documents', 'agreement']);
    expect(info.parties).toHaveLength(4);
    expect(Object.keys(info.parties[0]!)).toEqual(['code', 'name', 'accepted', 'acceptedAdRef', 'reserved', 'disputed', 'open']);
    expect(info.documents).toHaveLength(5);
    for (const d of info.documents) {
      expect(Object.keys(d)).toEqual(['id', 'title', 'clauses', 'words', 'agreement', 'parties']);
      expect(d.clauses).toBeGreaterThan(3);
      expect(d.words).toBeGreaterThan(100);
      expect(d.agreement.clauses).toBe(d.clauses);
      expect(Object.keys(d.parties)).toEqual(['ALD', 'VEL', 'MPS', 'DUN']);
    }
    expect(Object.keys(info.agreement)).toEqual(['clauses', 'agreed', 'agreedAdRef', 'disputed', 'reserved', 'open', 'stale', 'invalid', 'percent']);

    const session = WorkspaceSession.openReadOnly(file);
    try {
      const pkg = session.positions.packageAgreement();
      expect(info.agreement).toEqual(pkg.package.agreement);
      for (const p of info.parties) expect(p).toEqual({ code: p.code, name: p.name, ...pkg.package.parties[p.code] });
      for (const d of info.documents) expect({ agreement: d.agreement, parties: d.parties }).toEqual(pkg.documents[d.id]);
    } finally {
      session.close();
    }
    // The sample's mix, as the issue asks for it.
    expect(info.agreement.agreed).toBeGreaterThan(0);
    expect(info.agreement.agreedAdRef).toBeGreaterThan(0);
    expect(info.agreement.reserved).toBe(1);
    expect(info.agreement.disputed).toBeGreaterThan(3);
    expect(info.agreement.stale).toBe(1);
    expect(info.agreement.invalid).toBe(0);
    expect(info.agreement.percent).toBe(Math.round((info.agreement.agreed / info.agreement.clauses) * 1000) / 10);
  }, 30_000);

  it('prints the clause × party matrix, for one document by id or title', async () => {
    const file = join(dir, 'm.chancery');
    await run('new', file, '--sample');
    const all = JSON.parse((await run('positions', file, '--json')).out) as PositionsMatrix;
    expect(all.parties).toEqual(['ALD', 'VEL', 'MPS', 'DUN']);
    expect(all.documents.map((d) => d.id)).toEqual(['framework', 'annex-security', 'annex-monitoring', 'annex-territory', 'annex-sanctions']);
    const framework = all.documents[0]!;
    expect(framework.clauses.map((c) => c.number).slice(0, 7)).toEqual(['1', '2', '3', '4', '5', '5 bis', '6']);
    expect(framework.clauses[5]!.label).toBe('5 bis');
    expect(framework.clauses[0]!.label).toBeNull();
    for (const row of framework.clauses) {
      expect(Object.keys(row)).toEqual(['number', 'label', 'id', 'state', 'positions']);
      expect(row.id).toMatch(/^c-[0-9a-f]{16}$/u);
      expect(Object.keys(row.positions)).toEqual(all.parties);
      for (const cell of Object.values(row.positions)) expect(Object.keys(cell)).toEqual(['status', 'stale', 'invalid']);
    }
    // The sample's one stale acceptance: DUN on the last clause of Annex 3.
    const stale = all.documents.flatMap((d) => d.clauses.flatMap((c) => Object.entries(c.positions).filter(([, p]) => p.stale).map(([party]) => `${d.id} ${c.number} ${party}`)));
    expect(stale).toEqual(['annex-territory 8 DUN']);

    const byTitle = JSON.parse((await run('positions', file, '--doc', 'annex 3: territorial arrangements', '--json')).out) as PositionsMatrix;
    expect(byTitle.documents.map((d) => d.id)).toEqual(['annex-territory']);
    const table = await run('positions', file, '--doc', 'framework');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^ {2}5 bis +c-[0-9a-f]{16} +open/mu);
    expect(table.out).toMatch(/ALD +VEL +MPS +DUN/u);
    expect((await run('positions', file, '--doc', 'annex-9')).code).toBe(1);
    expect(stderr).toMatch(/No document "annex-9".*framework, annex-security/u);
  }, 30_000);

  it('verifies a sample, and names a record whose status was rewritten in the file', async () => {
    const file = join(dir, 'v.chancery');
    await run('new', file, '--sample');
    const clean = await run('verify', file);
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/^All 9 roster entries and \d+ positions verify\.$/mu);

    // Another program turns DUN's dispute of framework paragraph 4 into an acceptance, storing it
    // under the new record's own id (so the file still loads), but cannot re-sign it.
    const store = WorkspaceStore.open(file);
    try {
      const doc = new Y.Doc();
      for (const row of store.loadUpdates('framework')) Y.applyUpdate(doc, row);
      const clause4 = legacyClauseId('fw-04');
      const [, original] = [...positionsMap(doc).entries()].find(([, r]) => (r as PositionRecord).clauseId === clause4 && (r as PositionRecord).party === 'DUN')!;
      const forged = { ...(original as PositionRecord), status: 'accepted' as const, at: '2099-01-01T00:00:00.000Z' };
      const before = Y.encodeStateVector(doc);
      positionsMap(doc).set(recordId(forged), forged);
      store.appendUpdate('framework', Y.encodeStateAsUpdate(doc, before));
    } finally {
      store.close();
    }
    const before = sha(file);
    const tampered = await run('verify', file);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(/Peace Framework, clause 4, DUN, signed by Pavel Dravic .*\[bad-signature\]/u);
    expect(tampered.out).toMatch(/^1 of \d+ positions does not verify; all 9 roster entries verify\.$/mu);
    expect(stderr).toMatch(/1 record\(s\) in .* do not verify/u);
    const json = JSON.parse((await run('verify', file, '--json')).out) as VerifyReport;
    expect(json.valid).toBe(false);
    expect(json.problems).toEqual([expect.objectContaining({ kind: 'position', docId: 'framework', clause: '4', party: 'DUN', reason: 'bad-signature' })]);
    expect(sha(file)).toBe(before);
    // The forgery is shown as invalid and never counted: DUN still disputes paragraph 4.
    const info = JSON.parse((await run('info', file, '--json')).out) as WorkspaceSummary;
    expect(info.agreement.invalid).toBe(1);
    const matrix = JSON.parse((await run('positions', file, '--doc', 'framework', '--json')).out) as PositionsMatrix;
    expect(matrix.documents[0]!.clauses[3]!.positions.DUN).toEqual({ status: 'disputed', stale: false, invalid: 1 });
  }, 30_000);

  it('prints a readable summary and leaves the file untouched', async () => {
    const file = join(dir, 'w.chancery');
    await run('new', file, '--sample');
    const before = sha(file);
    const { code, out } = await run('info', file);
    expect(code).toBe(0);
    expect(out).toMatch(/Parties \(4\):/u);
    expect(out).toMatch(/^Package agreement: \d+\.\d% \(\d+ of 48 clauses agreed by all; \d+ ad referendum; \d+ disputed; 1 reserved; 1 stale\)$/mu);
    expect(out).toMatch(/^ +Agreement: \d+\.\d% \(\d+ of 15 clauses agreed by all/mu);
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
