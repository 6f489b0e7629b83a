import { describe, expect, it } from 'vitest';
import { clause, doc, h, inserted, p } from '../sample/builders';
import { testPackage, testSource, type TestPackageSpec } from './test-package';
import { buildExportPackage } from './build-export';
import type { ExportClause } from './export-model';

const PARTIES = [
  { code: 'ALD', name: 'Republic of Aldoria' },
  { code: 'VEL', name: 'Republic of Velmora' },
  { code: 'MPS', name: 'Maritime Principality of Sessa' },
];

function spec(): TestPackageSpec {
  return {
    parties: PARTIES,
    documents: [
      {
        id: 'fw',
        title: 'Framework',
        content: doc(
          h(1, 'Part I'),
          p('Preamble text.'),
          clause('k-1', 'The parties agree.'),
          clause('k-2', 'Troops withdraw within 30 days.'),
          inserted('k-2b', '2 bis', 'Monitoring begins at once.'),
          clause('k-3', 'Sanctions are lifted.'),
          clause('k-4', 'Open clause.'),
        ),
        positions: {
          'k-1': { ALD: 'accepted', VEL: 'accepted', MPS: 'accepted' },
          'k-2': {
            ALD: 'accepted',
            VEL: { status: 'disputed', comment: 'Too short', proposal: 'Troops withdraw within 90 days.' },
            MPS: { status: 'disputed', proposal: 'Troops  withdraw within 90 days. ' },
          },
          'k-2b': { ALD: 'accepted-ad-ref', VEL: { status: 'accepted', stale: true }, MPS: 'reserved' },
          'k-3': { ALD: 'accepted', VEL: { status: 'accepted', invalid: 2 }, MPS: 'accepted-ad-ref' },
        },
        unattributedInvalid: { 'k-4': 1 },
      },
      { id: 'an', title: 'Annex', content: doc(clause('a-1', 'Annex clause.')), positions: { 'a-1': { ALD: 'accepted', VEL: 'accepted', MPS: 'accepted' } } },
    ],
  };
}

const clauses = (pkg: ReturnType<typeof testPackage>, i = 0) => pkg.documents[i]!.content.filter((c): c is ExportClause => c.kind === 'clause');

describe('buildExportPackage', () => {
  it('labels clauses as the editor does, brackets exactly the disputed and reserved ones, keeps blocks in order', () => {
    const pkg = testPackage(spec());
    expect(pkg.documents[0]!.content.map((c) => c.kind)).toEqual(['block', 'block', 'clause', 'clause', 'clause', 'clause', 'clause']);
    const cs = clauses(pkg);
    expect(cs.map((c) => c.label)).toEqual(['1', '2', '2 bis', '3', '4']);
    expect(cs.map((c) => [c.state, c.bracketed])).toEqual([
      ['agreed', false],
      ['disputed', true],
      ['reserved', true],
      ['agreed-ad-ref', false],
      ['open', false],
    ]);
    expect(cs[4]!.positions.map((x) => x.status)).toEqual(['open', 'open', 'open']);
  });

  it('offers one option per distinct proposal, attributed to every proposing party', () => {
    const cs = clauses(testPackage(spec()));
    expect(cs[1]!.options).toEqual([
      { n: 2, text: 'Troops withdraw within 90 days.', parties: [PARTIES[1], PARTIES[2]] },
    ]);
    expect(cs[1]!.positions[1]).toMatchObject({ comment: 'Too short', proposal: 'Troops withdraw within 90 days.' });
  });

  it('writes footnotes naming parties with their comments, and marks stale and invalid positions as not counted', () => {
    const cs = clauses(testPackage(spec()));
    expect(cs[0]!.footnotes).toEqual([]);
    expect(cs[1]!.footnotes.map((f) => f.text)).toEqual([
      'Disputed by Republic of Velmora (VEL): Too short; Maritime Principality of Sessa (MPS).',
    ]);
    expect(cs[2]!.footnotes.map((f) => f.text)).toEqual([
      'Reserved by Maritime Principality of Sessa (MPS).',
      'Accepted ad referendum by Republic of Aldoria (ALD).',
      'Position of Republic of Velmora (VEL) given on earlier text; not counted as agreement.',
    ]);
    expect(cs[3]!.footnotes.map((f) => f.text)).toEqual([
      'Accepted ad referendum by Maritime Principality of Sessa (MPS).',
      '2 records that do not verify (Republic of Velmora (VEL)) are not counted.',
    ]);
    expect(cs[4]!.footnotes.map((f) => f.text)).toEqual(['1 record that does not verify (no party at the table) is not counted.']);
  });

  it('counts the marks and sums documents into the package figures', () => {
    const pkg = testPackage(spec());
    expect(pkg.documents[0]!.counts).toEqual({ bracketed: 2, options: 1, reservations: 1, disputes: 2, adReferendum: 2, stale: 1, invalid: 3 });
    expect(pkg.agreement).toMatchObject({ clauses: 6, agreed: 2, agreedAdRef: 1, disputed: 1, reserved: 1, open: 1, percent: 33.3 });
    expect(pkg.counts.bracketed).toBe(2);
    expect(pkg.partial).toBe(false);
  });

  it('exports one document on request and names an unknown one', () => {
    const pkg = testPackage({ ...spec(), docId: 'an' });
    expect(pkg.documents.map((d) => d.id)).toEqual(['an']);
    expect(pkg.partial).toBe(true);
    expect(pkg.agreement.percent).toBe(100);
    expect(() => buildExportPackage(testSource(spec()), { docId: 'nope' })).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_NOT_FOUND', message: expect.stringContaining('"nope"') }),
    );
  });

  it('stops on a damaged document instead of dropping it', () => {
    const source = testSource(spec());
    const damaged = { ...source, documentNode: () => { throw Object.assign(new Error('document "Annex" is damaged'), { code: 'DOCUMENT_DAMAGED' }); } };
    expect(() => buildExportPackage(damaged)).toThrow(/Annex/);
  });
});
