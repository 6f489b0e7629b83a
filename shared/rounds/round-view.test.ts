import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import type { ExportPackage, MarkupCounts } from '../export/export-model';
import type { AgreementFigures } from '../positions/model';
import { chancerySchema as s } from '../schema/schema';
import type { RoundInfo } from './round-model';
import { paragraphTexts, roundView } from './round-view';

const figures: AgreementFigures = { clauses: 2, agreed: 1, agreedAdRef: 0, disputed: 1, reserved: 0, open: 0, stale: 1, invalid: 0, percent: 50 };
const counts: MarkupCounts = { bracketed: 1, options: 0, reservations: 0, disputes: 1, adReferendum: 0, stale: 1, invalid: 0 };
const info: RoundInfo = { id: '6f1d2c3e-0a4b-4c5d-8e9f-0123456789ab', name: 'Berlin round', cutAt: '2025-03-01T10:00:00.000Z', cutBy: 'Ilse Varga', documents: 1, clauses: 2, percent: 50 };

const text = (t: string) => s.text(t);
const para = (...parts: PMNode[]) => s.node('paragraph', null, parts);

function pkg(): ExportPackage {
  const heading = s.node('paragraph', { level: 2 }, [text('Preamble')]);
  const clause1 = s.node('clause', { id: 'c-0000000000000001', label: null }, [
    s.node('paragraph', null, [text('States '), s.text('shall', [s.mark('strong')]), text(' cooperate.'), s.node('hard_break'), text('Second line.')]),
    s.node('list', { kind: 'ordered', order: 1 }, [
      s.node('list_item', null, [para(text('first'))]),
      s.node('list_item', null, [para(text('second')), para(text('more'))]),
    ]),
  ]);
  const clause2 = s.node('clause', { id: 'c-0000000000000002', label: '5 bis' }, [para(text('Funding.'))]);
  return {
    workspaceId: 'ws1',
    title: 'Framework talks',
    round: { name: 'Berlin round', cutAt: info.cutAt },
    exportedAt: '2025-03-02T00:00:00.000Z',
    parties: [{ code: 'ALD', name: 'Aldoria' }, { code: 'BRV', name: 'Bravonia' }],
    documents: [
      {
        id: 'doc1',
        title: 'Main text',
        agreement: figures,
        counts,
        content: [
          { kind: 'block', node: heading },
          {
            kind: 'clause', id: 'c-0000000000000001', label: '1', state: 'agreed', bracketed: false, options: [], footnotes: [], node: clause1,
            positions: [
              { party: 'ALD', partyName: 'Aldoria', status: 'accepted', stale: false, invalid: 0 },
              { party: 'BRV', partyName: 'Bravonia', status: 'accepted', stale: true, invalid: 0 },
            ],
          },
          {
            kind: 'clause', id: 'c-0000000000000002', label: '5 bis', state: 'disputed', bracketed: true, options: [], footnotes: [{ text: 'Disputed by Bravonia.' }], node: clause2,
            positions: [
              { party: 'ALD', partyName: 'Aldoria', status: 'open', stale: false, invalid: 0 },
              { party: 'BRV', partyName: 'Bravonia', status: 'disputed', stale: false, invalid: 0, comment: 'Too costly', proposal: 'No funding.' },
            ],
          },
        ],
      },
    ],
    agreement: figures,
    counts,
    partial: false,
  };
}

describe('roundView', () => {
  it('shows each clause under its editor label with its paragraphs as plain text', () => {
    const view = roundView(pkg(), info);
    expect(view.info).toBe(info);
    expect(view.title).toBe('Framework talks');
    expect(view.parties).toEqual([{ code: 'ALD', name: 'Aldoria' }, { code: 'BRV', name: 'Bravonia' }]);
    const [doc] = view.documents;
    expect(doc).toMatchObject({ id: 'doc1', title: 'Main text', agreement: figures });
    expect(doc!.items[0]).toEqual({ kind: 'block', level: 2, paragraphs: ['Preamble'] });
    expect(doc!.items[1]).toMatchObject({
      kind: 'clause',
      label: '1',
      state: 'agreed',
      paragraphs: ['States shall cooperate.\nSecond line.', '1. first', '2. second', 'more'],
    });
    expect(doc!.items[2]).toMatchObject({ kind: 'clause', label: '5 bis', state: 'disputed', paragraphs: ['Funding.'] });
  });

  it('keeps who held what, stale positions marked stale, and nothing the window could edit', () => {
    const view = roundView(pkg(), info);
    const clause = view.documents[0]!.items[1]!;
    expect(clause.kind === 'clause' && clause.positions).toEqual([
      { party: 'ALD', status: 'accepted', stale: false },
      { party: 'BRV', status: 'accepted', stale: true },
    ]);
    // Plain JSON: it survives structured cloning over IPC unchanged, with no ProseMirror node in it.
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(JSON.stringify(view)).not.toContain('"type"');
  });

  it('reads bullet lists and empty list items', () => {
    const list = s.node('list', { kind: 'bullet', order: 1 }, [s.node('list_item', null, [para(text('one'))]), s.node('list_item', null, [])]);
    expect(paragraphTexts(list)).toEqual(['• one', '•']);
  });
});
