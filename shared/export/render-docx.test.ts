import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxToText, docxXml } from '../../electron/headless/export/office-readers';
import { b, clause, doc, h, inserted, ol, p } from '../sample/builders';
import { figureText } from './export-text';
import type { ExportPackage, ExportRound } from './export-model';
import { renderDocx } from './render-docx';
import { testPackage } from './test-package';

const PARTIES = [
  { code: 'ALD', name: 'Republic of Aldoria' },
  { code: 'VEL', name: 'Republic of Velmora' },
  { code: 'MPS', name: 'Maritime Principality of Sessa' },
];

function pkg(extra: { round?: ExportRound; docId?: string } = {}): ExportPackage {
  return testPackage({
    ...extra,
    title: 'Harbour Accord',
    parties: PARTIES,
    documents: [
      {
        id: 'fw',
        title: 'Framework Agreement',
        content: doc(
          h(1, 'Part I General'),
          p('Recalling the earlier talks.'),
          clause('k-1', p('The parties agree on ', b('shared waters'), '.')),
          clause('k-2', 'Troops withdraw within thirty days.'),
          inserted('k-2b', '2 bis', 'Monitoring begins at once.'),
          clause('k-3', 'Sanctions are lifted.', ol('first step', 'second step')),
          clause('k-4', 'Fisheries stay open.'),
        ),
        positions: {
          'k-1': { ALD: 'accepted', VEL: 'accepted', MPS: 'accepted' },
          'k-2': {
            ALD: 'accepted',
            VEL: { status: 'disputed', comment: 'Too short a period', proposal: 'Troops withdraw within ninety days.' },
            MPS: 'accepted',
          },
          'k-2b': { ALD: 'accepted', VEL: 'accepted', MPS: { status: 'reserved', comment: 'Scrutiny reservation' } },
          'k-3': { ALD: 'accepted', VEL: { status: 'accepted', stale: true }, MPS: 'accepted-ad-ref' },
          'k-4': { VEL: { status: 'open', invalid: 1 } },
        },
      },
      {
        id: 'an',
        title: 'Annex on Ports',
        content: doc(clause('a-1', 'Ports remain open to all vessels.')),
        positions: { 'a-1': { ALD: 'accepted', VEL: 'accepted', MPS: 'accepted' } },
      },
    ],
  });
}

let dir: string;
let marked: string;
let clean: string;
let agreed: string;
let round: string;
let text: { marked: string; clean: string; agreed: string; round: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chancery-docx-'));
  const p = pkg();
  marked = join(dir, 'marked.docx');
  clean = join(dir, 'clean.docx');
  agreed = join(dir, 'agreed.docx');
  writeFileSync(marked, await renderDocx(p, { clean: false, agreedOnly: false }));
  writeFileSync(clean, await renderDocx(p, { clean: true, agreedOnly: false }));
  writeFileSync(agreed, await renderDocx(p, { clean: true, agreedOnly: true }));
  round = join(dir, 'round.docx');
  const berlin = pkg({ round: { name: 'Berlin round', cutAt: '2025-03-01T10:00:00.000Z' }, docId: 'an' });
  writeFileSync(round, await renderDocx(berlin, { clean: false, agreedOnly: false }));
  const [m, c, a, r] = await docxToText([marked, clean, agreed, round]);
  text = { marked: m!, clean: c!, agreed: a!, round: r! };
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text LibreOffice shows for the clause whose label is `label` (its line). */
function clauseLine(all: string, label: string): string {
  const line = all.split('\n').find((l) => l.startsWith(`${label}.\t`));
  if (!line) throw new Error(`no clause line "${label}." in:\n${all}`);
  return line;
}

describe('renderDocx marked-up, as LibreOffice reads it', () => {
  it('puts square brackets around exactly the disputed and reserved clauses, with options attributed', () => {
    expect(clauseLine(text.marked, '2')).toContain('[Option 1: Troops withdraw within thirty days.]');
    expect(clauseLine(text.marked, '2 bis')).toContain('[Monitoring begins at once.]');
    for (const label of ['1', '3', '4']) expect(clauseLine(text.marked, label)).not.toMatch(/[[\]]/);
    expect(clauseLine(text.marked, '1')).toContain('The parties agree on shared waters.');
    expect(text.marked).toContain('[Option 2: Troops withdraw within ninety days.] (proposed by Republic of Velmora (VEL))');
    // Ports clause of the second document is agreed: no brackets.
    expect(text.marked).toMatch(/^1\.\tPorts remain open to all vessels\.\S*$/m);
  });

  it('keeps headings, preamble and list items in order with their numbers', () => {
    const order = ['Part I General', 'Recalling the earlier talks.', 'Sanctions are lifted.', '1.\tfirst step', '2.\tsecond step', 'Fisheries stay open.'];
    const at = order.map((s) => text.marked.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
  });

  it('writes real Word footnotes naming the parties and their comments', () => {
    const notes = docxXml(marked, 'word/footnotes.xml');
    expect(notes).toContain('Disputed by Republic of Velmora (VEL): Too short a period.');
    expect(notes).toContain('Reserved by Maritime Principality of Sessa (MPS): Scrutiny reservation.');
    expect(notes).toContain('Accepted ad referendum by Maritime Principality of Sessa (MPS).');
    expect(notes).toContain('Position of Republic of Velmora (VEL) given on earlier text; not counted as agreement.');
    expect(notes).toContain('1 record that does not verify (Republic of Velmora (VEL)) is not counted.');
    const body = docxXml(marked);
    expect(body.match(/<w:footnoteReference /g)?.length).toBe(5);
  });

  it('prints the cover: version, parties, figures per document and for the package, counts', () => {
    const p = pkg();
    expect(text.marked).toContain('Current text');
    expect(text.marked).toContain('Exported 12 March 2025, 14:05 UTC');
    for (const party of PARTIES) expect(text.marked).toContain(`${party.name} (${party.code})`);
    expect(text.marked).toContain(`Package agreement: ${figureText(p.agreement)}`);
    expect(text.marked).toContain(`Framework Agreement: ${figureText(p.documents[0]!.agreement)}`);
    expect(text.marked).toContain(`Annex on Ports: ${figureText(p.documents[1]!.agreement)}`);
    expect(text.marked).toContain('Bracketed clauses: 2');
    expect(text.marked).toContain('Options: 1');
    expect(text.marked).toContain('Reservations: 1');
    expect(text.marked).toContain('Disputes: 1');
    expect(text.marked).toContain('Positions given on earlier text: 1');
  });

  it('ends with an annex table of clause × party in status words, stale marked', () => {
    const body = docxXml(marked);
    const annex = body.slice(body.indexOf('Annex: positions by clause and party'));
    const cells = [...annex.matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    // Header row, then clause rows: label then ALD, VEL, MPS.
    expect(cells.slice(0, 4)).toEqual(['Clause', 'ALD', 'VEL', 'MPS']);
    const row = (label: string) => cells.slice(cells.indexOf(label), cells.indexOf(label) + 4);
    expect(row('2')).toEqual(['2', 'Accepted', 'Disputed', 'Accepted']);
    expect(row('2 bis')).toEqual(['2 bis', 'Accepted', 'Accepted', 'Reserved']);
    expect(row('3')).toEqual(['3', 'Accepted', 'Accepted (earlier text)', 'Accepted ad referendum']);
    expect(row('4')).toEqual(['4', 'Open', 'Open; 1 invalid record', 'Open']);
  });

  it('is an A4 document with a running title and "Page N of M"', () => {
    const body = docxXml(marked);
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const xml = Object.values({ h: docxXml(marked, 'word/header1.xml'), f: docxXml(marked, 'word/footer1.xml') }).join('');
    expect(xml).toContain('Harbour Accord — Current text');
    expect(xml).toMatch(/PAGE[\s\S]*NUMPAGES/);
  });
});

describe('renderDocx of a named round, one document', () => {
  it('names the round on the cover and in the running title, and says the figure is this document only', () => {
    expect(text.round).toContain('Berlin round (round cut 1 March 2025, 10:00 UTC)');
    expect(text.round).toContain('Agreement (this document only): 100.0% (1 of 1 clause agreed by all)');
    expect(text.round).not.toContain('Troops withdraw');
    expect(docxXml(round, 'word/header1.xml')).toContain('Harbour Accord — Berlin round (round cut 1 March 2025, 10:00 UTC)');
  });
});

describe('renderDocx clean', () => {
  it('has the text and numbering without any markup', () => {
    expect(text.clean).toContain('Clean text');
    expect(clauseLine(text.clean, '2')).toBe('2.\tTroops withdraw within thirty days.');
    expect(clauseLine(text.clean, '2 bis')).toBe('2 bis.\tMonitoring begins at once.');
    expect(text.clean).not.toMatch(/[[\]]/);
    expect(text.clean).not.toContain('Option');
    expect(text.clean).not.toContain('Disputed');
    expect(text.clean).not.toContain('Package agreement');
    expect(docxXml(clean)).not.toContain('footnoteReference');
  });

  it('with agreed clauses only, leaves out every clause not agreed by all and keeps the numbers', () => {
    expect(text.agreed).toContain('Clean text — agreed clauses only');
    expect(clauseLine(text.agreed, '1')).toBe('1.\tThe parties agree on shared waters.');
    for (const gone of ['Troops withdraw', 'Monitoring begins', 'Sanctions are lifted', 'Fisheries stay open']) {
      expect(text.agreed).not.toContain(gone);
    }
    expect(text.agreed).toContain('Ports remain open to all vessels.');
    expect(text.agreed).toContain('Part I General');
  });
});
