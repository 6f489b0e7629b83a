import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxToText, docxXml } from '../../electron/headless/export/office-readers';
import { clause, h, p } from '../sample/builders';
import type { BlockJSON } from '../sample/builders';
import { testPackage, type TestDocument } from '../export/test-package';
import { compareWorkspaces } from './compare-workspaces';
import { renderRedlineDocx } from './render-redline-docx';

const AUTHOR = 'Republic of Aldoria delegation';
const DATE = '2025-03-12T14:05:00.000Z';
const VERSIONS = {
  older: { name: 'Berlin round', roundId: 'r-1', at: '2025-03-01T10:00:00.000Z' },
  newer: { name: 'Current text', roundId: null, at: DATE },
};

function version(content: BlockJSON[], positions: TestDocument['positions']) {
  return testPackage({ title: 'Harbour Accord', documents: [{ id: 'fw', title: 'Framework Agreement', content, positions }] });
}

const older = version(
  [
    h(1, 'Part I General'),
    clause('c-a', 'The parties shall cooperate in good faith.'),
    clause('c-b', 'Troops withdraw within thirty days.'),
    clause('c-c', 'Ports remain open.'),
    clause('c-d', 'This clause goes away.'),
  ],
  { 'c-b': { ALD: 'accepted', VEL: 'disputed' } },
);
const newer = version(
  [
    h(1, 'Part I General provisions'),
    clause('c-c', 'Ports remain open.'),
    clause('c-a', 'The parties shall cooperate fully in good faith.'),
    clause('c-b', p('Troops withdraw within days.')),
    clause('c-e', 'Brand new clause.'),
  ],
  { 'c-b': { ALD: 'accepted', VEL: 'accepted' } },
);

let dir: string;
let file: string;
let xml: string;
let text: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chancery-redline-docx-'));
  file = join(dir, 'redline.docx');
  const cmp = compareWorkspaces(older, newer, VERSIONS);
  writeFileSync(file, await renderRedlineDocx(cmp, { author: AUTHOR, date: DATE }));
  xml = docxXml(file);
  [text] = (await docxToText([file])) as [string];
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text inside each revision of a kind, in document order (w:t for insertions, w:delText for deletions). */
function revisions(kind: 'ins' | 'del'): { attrs: string; text: string }[] {
  const tag = kind === 'ins' ? 'w:t' : 'w:delText';
  return [...xml.matchAll(new RegExp(`<w:${kind} ([^>]*[^/>])>(.*?)</w:${kind}>`, 'gs'))].map((m) => ({
    attrs: m[1]!,
    text: [...m[2]!.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map((t) => t[1]).join(''),
  }));
}

describe('renderRedlineDocx', () => {
  it('marks exactly the inserted words as w:ins with author and date', () => {
    const ins = revisions('ins').filter((r) => r.text !== '');
    expect(ins.map((r) => r.text)).toEqual([' provisions', 'fully ', '4.', 'Brand new clause.']);
    for (const r of ins) {
      expect(r.attrs).toMatch(/w:id="\d+"/);
      expect(r.attrs).toContain(`w:author="${AUTHOR}"`);
      expect(r.attrs).toContain(`w:date="${DATE}"`);
    }
  });

  it('marks exactly the deleted words as w:del / w:delText, a removed clause with its label', () => {
    const del = revisions('del').filter((r) => r.text !== '');
    expect(del.map((r) => r.text)).toEqual(['thirty ', '4.', 'This clause goes away.']);
    for (const r of del) expect(r.attrs).toContain(`w:author="${AUTHOR}"`);
    // Whole paragraphs: accepting the changes drops the removed clause's paragraph and keeps the added one.
    expect(xml).toMatch(/<w:pPr><w:rPr><w:del w:id="\d+"[^>]*\/><\/w:rPr><\/w:pPr>(?:(?!<\/w:p>).)*This clause goes away\./s);
    expect(xml).toMatch(/<w:pPr><w:rPr><w:ins w:id="\d+"[^>]*\/><\/w:rPr><\/w:pPr>(?:(?!<\/w:p>).)*Brand new clause\./s);
  });

  it('gives every revision a unique id', () => {
    const ids = [...xml.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(6);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows a moved clause as moved, at its new place, and renumbered clauses with their old number', () => {
    expect(text).toMatch(/^1\. \(was 3\)\t\(Moved from after para 3\) Ports remain open\.$/m);
    expect(text).toMatch(/^2\. \(was 1\)\tThe parties shall cooperate fully in good faith\.$/m);
    // The marker is annotation, not a revision: it is plain italic text outside any w:ins.
    expect(revisions('ins').some((r) => r.text.includes('Moved'))).toBe(false);
    expect(xml).toMatch(/<w:i\/>.*?<w:t[^>]*>\(Moved from after para 3\) <\/w:t>/s);
  });

  it('lists position changes after the clause and per document', () => {
    expect(text).toContain('Position changes: State: Disputed → Agreed by all; Republic of Velmora (VEL): Disputed → Accepted');
    expect(text).toContain('Para 3 — Republic of Velmora (VEL): Disputed → Accepted');
  });

  it('has a cover saying what was compared, and opens in LibreOffice with the kept words', () => {
    expect(text).toContain('Comparison of Berlin round (1 March 2025, 10:00 UTC) with Current text (12 March 2025, 14:05 UTC)');
    expect(text).toContain('2 clauses changed, 1 added, 1 removed');
    expect(text).toContain('Troops withdraw within');
    expect(text).toContain('Ports remain open.');
    expect(docxXml(file)).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });
});
