import { b, clause, doc, h, i, inserted, ol, p, u } from '../sample/builders';
import type { TestPackageSpec } from './test-package';

/**
 * One package both renderer tests (HTML and Markdown) print, so they assert the same things:
 * an agreed clause, a disputed one with a shared proposal, a reserved "2 bis", an ad referendum
 * one with an invalid record, a stale acceptance, markup and characters that must be escaped.
 */
export const FIXTURE_PARTIES = [
  { code: 'ALD', name: 'Republic of Aldoria' },
  { code: 'VEL', name: 'Republic of Velmora' },
  { code: 'MPS', name: 'Maritime Principality of Sessa' },
];

/** A fresh copy each call, so a test that tweaks it cannot change what another test prints. */
export function fixtureSpec(): TestPackageSpec {
  return {
    title: 'Calvane Framework <Draft> & "Annexes"',
    parties: FIXTURE_PARTIES,
    round: { name: 'Berlin round', cutAt: '2025-03-01T09:00:00.000Z' },
    documents: [
      {
        id: 'fw',
        title: 'Framework Agreement',
        content: doc(
          h(1, 'Part I — General'),
          p('Recalling the ', i('Charter'), ';'),
          clause('k-1', p('The Parties agree to ', b('cease'), ' all hostilities.')),
          clause('k-2', p('Troops withdraw within 30 days [sic] *now*.'), ol('from the north;', 'from the south.')),
          inserted('k-2b', '2 bis', p(u('Monitoring begins at once.'))),
          clause('k-3', p('Sanctions are lifted <script>alert(1)</script>.')),
          clause('k-4', p('1. Stale clause text.')),
        ),
        positions: {
          'k-1': { ALD: 'accepted', VEL: 'accepted', MPS: 'accepted' },
          'k-2': {
            ALD: 'accepted',
            VEL: { status: 'disputed', comment: 'Too short for orders to reach every unit', proposal: 'Troops withdraw within 90 days.' },
            MPS: { status: 'disputed', proposal: 'Troops withdraw within 90 days.' },
          },
          'k-2b': { ALD: 'accepted', VEL: 'accepted', MPS: { status: 'reserved', comment: 'Pending instructions.' } },
          'k-3': { ALD: 'accepted', VEL: { status: 'accepted', invalid: 1 }, MPS: { status: 'accepted-ad-ref', comment: 'Subject to parliament.' } },
          'k-4': { ALD: 'accepted', VEL: { status: 'accepted', stale: true }, MPS: 'accepted' },
        },
      },
      {
        id: 'an',
        title: 'Annex 1',
        content: doc(clause('a-1', 'Annex clause one.'), clause('a-2', 'Annex clause two.')),
        positions: { 'a-1': { ALD: 'accepted', VEL: 'accepted', MPS: 'accepted' }, 'a-2': { ALD: 'disputed' } },
      },
    ],
  };
}
