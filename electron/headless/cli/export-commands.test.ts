import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { RoundInfo } from '../../../shared/rounds/round-model';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { documentNode } from '../../../shared/workspace/document-content';
import { docxToText, docxXml, pdfToText } from '../export/office-readers';
import { loadIdentity } from '../identity/user-data';
import { WorkspaceSession } from '../workspace/workspace-session';
import type { WorkspaceSummary } from '../workspace/workspace-summary';
import { runCli } from './cli';
import type { PositionsMatrix } from './positions-report';

/**
 * The export commands end to end, on the built-in sample convened by the test's own identity (so
 * its delegation can write a private note), with every file read back by what a user opens it
 * with: LibreOffice for DOCX, the archive's XML for revision marks, pdftotext for PDF.
 */

/** A private note of the user's delegation: it must appear in no export. */
const SECRET = 'Fallback: our capital would settle for twenty kilometres';

let dir: string;
let userData: string;
let file: string;
let stderr = '';
beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(['--user-data', userData, ...argv], (s) => (out += s));
  return { code, out };
}
async function ok(...argv: string[]): Promise<string> {
  const { code, out } = await run(...argv);
  expect(code, stderr).toBe(0);
  return out;
}

/** Changes the first text of `clauseId`'s first paragraph as a window would, and saves it. */
function edit(docId: string, clauseId: string, change: (text: Y.XmlText) => void): void {
  const session = WorkspaceSession.open(file);
  try {
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(session.getDoc(docId)));
    const before = Y.encodeStateVector(replica);
    const clause = replica
      .getXmlFragment(CONTENT_FRAGMENT)
      .toArray()
      .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === clauseId) as Y.XmlElement;
    change((clause.get(0) as Y.XmlElement).get(0) as Y.XmlText);
    session.applyRendererUpdate(docId, Y.encodeStateAsUpdate(replica, before), 1);
  } finally {
    session.close();
  }
}

/** Per document: each clause's id and the start of its text. */
function clauseStarts(): Map<string, Map<string, string>> {
  const session = WorkspaceSession.openReadOnly(file);
  try {
    const byDoc = new Map<string, Map<string, string>>();
    for (const { id } of session.manifest().documents) {
      const starts = new Map<string, string>();
      documentNode(session.getDoc(id)).forEach((node) => {
        if (node.type.name !== 'clause') return;
        let first = '';
        node.descendants((child) => {
          if (first === '' && child.isTextblock) first = child.textContent;
          return first === '';
        });
        starts.set(node.attrs.id as string, first.slice(0, 30));
      });
      byDoc.set(id, starts);
    }
    return byDoc;
  } finally {
    session.close();
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const inserted = (xml: string) => [...xml.matchAll(/<w:ins\b[^>]*>([\s\S]*?)<\/w:ins>/gu)].map((m) => [...m[1]!.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/gu)].map((t) => t[1]).join(''));
const deleted = (xml: string) => [...xml.matchAll(/<w:del\b[^>]*>([\s\S]*?)<\/w:del>/gu)].map((m) => [...m[1]!.matchAll(/<w:delText\b[^>]*>([^<]*)<\/w:delText>/gu)].map((t) => t[1]).join(''));

let info: WorkspaceSummary;
let matrix: PositionsMatrix;
let texts: Record<string, string>;
const out = (name: string) => join(dir, name);

describe('chancery export, version, versions', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chancery-export-cli-'));
    userData = join(dir, 'user');
    file = join(dir, 'sample.chancery');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runCli(['--user-data', userData, 'new', file, '--sample', '--convene'], () => undefined)).toBe(0);
    const me = loadIdentity(userData);
    const session = WorkspaceSession.open(file);
    try {
      const first = session.positions.docPositions('framework').clauses[0]!.clauseId;
      session.notes.add('ALD', 'framework', first, SECRET, { name: me.name, key: me.publicKey });
    } finally {
      session.close();
    }
    let json = '';
    await runCli(['info', file, '--json'], (s) => (json += s));
    info = JSON.parse(json) as WorkspaceSummary;
    json = '';
    await runCli(['positions', file, '--json'], (s) => (json += s));
    matrix = JSON.parse(json) as PositionsMatrix;
    vi.restoreAllMocks();
  });

  it('exports the marked-up DOCX with brackets around exactly the disputed and reserved clauses, and the cover figures of `info --json`', async () => {
    expect(await ok('export', file, '--format', 'docx', '--out', out('all.docx'))).toMatch(/^Exported the marked-up text of the whole workspace \(5 document\(s\)\), the current text, to .*all\.docx \(\d+ KiB\)\n$/u);
    for (const d of matrix.documents) await ok('export', file, '--format', 'docx', '--doc', d.id, '--out', out(`${d.id}.docx`));
    await ok('export', file, '--format', 'docx', '--clean', '--out', out('clean.docx'));
    const names = ['all', ...matrix.documents.map((d) => d.id), 'clean'];
    const read = await docxToText(names.map((n) => out(`${n}.docx`)));
    texts = Object.fromEntries(names.map((n, i) => [n, read[i]!]));

    expect(texts.all).toContain(info.title);
    expect(texts.all).toContain(`${info.agreement.percent.toFixed(1)}%`);
    for (const d of info.documents) expect(texts.all).toMatch(new RegExp(`${escape(d.title)}: ${escape(d.agreement.percent.toFixed(1))}%`, 'u'));

    const starts = clauseStarts();
    let bracketed = 0;
    for (const d of matrix.documents) {
      const text = texts[d.id]!;
      expect(text).toContain(d.title);
      for (const c of d.clauses) {
        const label = c.label ?? c.number;
        const start = starts.get(d.id)!.get(c.id)!;
        const line = new RegExp(`^${escape(label)}\\.\\t(\\[(?:Option 1: )?)?${escape(start)}`, 'mu').exec(text);
        expect(line, `${d.id} ${label} "${start}"`).not.toBeNull();
        const shouldBracket = c.state === 'disputed' || c.state === 'reserved';
        expect(line![1] !== undefined, `${d.id} para ${label} (${c.state})`).toBe(shouldBracket);
        if (shouldBracket) bracketed += 1;
      }
    }
    expect(bracketed).toBeGreaterThan(5);
    expect(matrix.documents.flatMap((d) => d.clauses).some((c) => c.label === '5 bis')).toBe(true);
    expect(texts.framework).toMatch(/^5 bis\.\t/mu);
    expect(texts.all).toContain('(proposed by');
    expect(texts.clean).toContain(info.title);
    expect(texts.clean).not.toContain('(proposed by');
    expect(texts.clean).not.toContain('Bracketed clauses');
    for (const t of Object.values(texts)) expect(t).not.toContain(SECRET);
  });

  it('prints the PDF through Chromium with the title and page numbers, and writes HTML and Markdown', async () => {
    await ok('export', file, '--format', 'pdf', '--out', out('all.pdf'));
    const pdf = pdfToText(out('all.pdf'));
    expect(pdf).toContain('Calvane Peace Framework');
    expect(pdf).toMatch(/Page 1 of \d+/u);
    await ok('export', file, '--format', 'html', '--doc', 'Annex 1: Security Guarantees', '--out', out('security.html'));
    const html = readFileSync(out('security.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/iu);
    expect(html).toContain('Security Guarantees');
    expect(html).not.toContain('Sanctions and Economic Measures</h');
    await ok('export', file, '--format', 'md', '--agreed-only', '--out', out('agreed.md'));
    const md = readFileSync(out('agreed.md'), 'utf8');
    expect(md).not.toContain('(proposed by');
    const agreedCount = matrix.documents.flatMap((d) => d.clauses).filter((c) => c.state === 'agreed').length;
    const openOne = matrix.documents[0]!.clauses.find((c) => c.state === 'disputed')!;
    expect(md).not.toContain(clauseStarts().get(matrix.documents[0]!.id)!.get(openOne.id)!);
    expect(agreedCount).toBeGreaterThan(0);
    for (const t of [pdf, html, md]) expect(t).not.toContain(SECRET);
  });

  it('cuts rounds, lists them, and exports a redline with revision marks exactly where the text changed', async () => {
    const [framework] = matrix.documents;
    const target = framework!.clauses.find((c) => c.label === null && c.state === 'agreed')!;
    const other = framework!.clauses.find((c) => c !== target && c.state === 'open' && c.label === null)!;
    expect(await ok('version', file, '--name', 'Berlin round')).toMatch(/^Cut round "Berlin round" \(.+\): 5 document\(s\), \d+ clause\(s\), [\d.]+% agreed; cut .+ by .+\n$/u);
    const dup = await run('version', file, '--name', 'berlin ROUND');
    expect(dup.code).toBe(1);
    expect(stderr).toMatch(/^chancery: .*"Berlin round" already exists.*\n$/u);

    edit('framework', target.id, (t) => t.insert(t.length, ' without further ado'));
    let removed = '';
    edit('framework', other.id, (t) => {
      const s = t.toDelta().map((op: { insert: string }) => op.insert).join('');
      const at = s.indexOf(' ', 15);
      const end = s.indexOf(' ', at + 1);
      removed = s.slice(at + 1, end);
      t.delete(at + 1, end - at);
    });
    await ok('version', file, '--name', 'Paris round');
    const rounds = JSON.parse(await ok('versions', file, '--json')) as RoundInfo[];
    expect(rounds.map((r) => r.name)).toEqual(['Berlin round', 'Paris round']);
    expect(rounds[0]!.percent).toBe(info.agreement.percent);
    expect(await ok('versions', file)).toContain('"Paris round"');

    expect(await ok('export', file, '--format', 'docx', '--version', 'Paris round', '--compare-to', 'Berlin round', '--out', out('redline.docx'))).toContain(
      'a redline of the whole workspace (5 document(s)) from round "Berlin round" to round "Paris round"',
    );
    const xml = docxXml(out('redline.docx'));
    expect(inserted(xml).map((s) => s.trim())).toEqual(['without further ado']);
    expect(deleted(xml).map((s) => s.trim())).toEqual([removed]);
    expect(xml).toMatch(/<w:ins\b[^>]*w:author="[^"]+"/u);
    // The round, exported later, is still the text as it stood.
    await ok('export', file, '--format', 'md', '--version', 'Berlin round', '--out', out('berlin.md'));
    expect(readFileSync(out('berlin.md'), 'utf8')).not.toContain('without further ado');
    await ok('export', file, '--format', 'md', '--out', out('now.md'));
    expect(readFileSync(out('now.md'), 'utf8')).toContain('without further ado');
    expect(readFileSync(out('now.md'), 'utf8')).not.toContain(SECRET);
  });

  it('shows a clause moved between rounds as moved, not as deleted and inserted, in the redline LibreOffice and pdftotext read', async () => {
    // Move the second top-level clause of the framework after the fifth, as a cut and paste in
    // the editor does: the clause leaves its place and comes back, same id, elsewhere.
    const session = WorkspaceSession.open(file);
    let movedStart = '';
    try {
      const replica = new Y.Doc();
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(session.getDoc('framework')));
      const before = Y.encodeStateVector(replica);
      const fragment = replica.getXmlFragment(CONTENT_FRAGMENT);
      const clauses = fragment.toArray().flatMap((n, index) => (n instanceof Y.XmlElement && n.nodeName === 'clause' ? [{ n, index }] : []));
      const { n: moving, index: from } = clauses[1]!;
      const to = clauses[4]!.index;
      movedStart = moving.toArray()[0]!.toString().replace(/<[^>]+>/gu, '').slice(0, 25);
      replica.transact(() => {
        const copy = moving.clone();
        fragment.insert(to + 1, [copy]);
        fragment.delete(from, 1);
      });
      session.applyRendererUpdate('framework', Y.encodeStateAsUpdate(replica, before), 1);
    } finally {
      session.close();
    }
    await ok('version', file, '--name', 'Geneva round');
    await ok('export', file, '--format', 'docx', '--doc', 'framework', '--version', 'Geneva round', '--compare-to', 'Paris round', '--out', out('moved.docx'));
    await ok('export', file, '--format', 'pdf', '--doc', 'framework', '--version', 'Geneva round', '--compare-to', 'Paris round', '--out', out('moved.pdf'));
    const [text] = await docxToText([out('moved.docx')]);
    const line = text!.split(/\r?\n/u).find((l) => l.includes(movedStart.trim()));
    expect(line, text).toMatch(/\(Moved from after para \d+\)/u);
    // Its words were neither deleted nor inserted: the clause is the same, only its place changed.
    const xml = docxXml(out('moved.docx'));
    expect(inserted(xml).join(' ')).not.toContain(movedStart.trim().slice(0, 15));
    expect(deleted(xml).join(' ')).not.toContain(movedStart.trim().slice(0, 15));
    expect(pdfToText(out('moved.pdf')).replace(/\s+/gu, ' ')).toMatch(/Moved from after para \d+/u);
  });

  it('fails in one line with exit 1 and leaves no file: missing workspace, unknown document or round, unwritable place, bad combination', async () => {
    const before = readdirSync(dir).sort();
    const cases: [string[], RegExp][] = [
      [['export', join(dir, 'missing.chancery'), '--format', 'docx', '--out', out('x1.docx')], /missing\.chancery/u],
      [['export', file, '--format', 'docx', '--doc', 'Annex 9', '--out', out('x2.docx')], /"Annex 9".*framework/u],
      [['export', file, '--format', 'pdf', '--version', 'Oslo round', '--out', out('x3.pdf')], /"Oslo round".*"Berlin round"/u],
      [['export', file, '--format', 'md', '--out', join(dir, 'no-such-folder', 'x4.md')], /no-such-folder/u],
      [['export', file, '--format', 'md', '--out', '/proc/x'], /\/proc\/x/u],
      [['export', file, '--format', 'md', '--out', file], /workspace file itself/u],
      [['export', file, '--format', 'docx', '--clean', '--compare-to', 'Berlin round', '--out', out('x5.docx')], /clean/u],
    ];
    for (const [argv, message] of cases) {
      stderr = '';
      const { code } = await run(...argv);
      expect(code, argv.join(' ')).toBe(1);
      expect(stderr).toMatch(/^chancery: [^\n]+\n$/u);
      expect(stderr).toMatch(message);
    }
    expect((await run('export', file, '--format', 'odt', '--out', out('x6.odt'))).code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync('/proc/x')).toBe(false);
  });
});
