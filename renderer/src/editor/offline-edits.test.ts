// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AllSelection, NodeSelection, TextSelection } from 'prosemirror-state';
import { clause, doc, h, li, ol, p, ul } from '../../../shared/sample/builders';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { setParagraph } from './commands';
import { findInvariantFixes } from './content-invariants-plugin';
import type { Peer } from './convergence/peer';
import { clauseAt, cursorAt, find, TwoPeers, typeAt } from './convergence/two-peers';

/**
 * Scripted offline edits against concurrent typing: what the convergence test finds by chance,
 * spelled out. Expectations marked "as before" were measured with the schema and editor before
 * the concurrency changes (clause and list content `+`, separate heading and list node types, no
 * invariants plugin); the new ones must keep at least that much.
 */

const C1 = 'c-00000000000000c1';
const C2 = 'c-00000000000000c2';

let pair: TwoPeers | null = null;
afterEach(() => {
  pair?.destroy();
  pair = null;
});

function start(content: unknown): TwoPeers {
  pair = new TwoPeers(content);
  return pair;
}

const framework = () =>
  doc(h(1, 'Title'), p('Preamble.'), clause(C1, p('First paragraph.'), p('Second paragraph.')), clause(C2, p('Other clause.')));

interface OfflineDelete {
  name: string;
  run: (b: Peer) => void;
  /** Whether A's text typed into the clause's first / second paragraph survives (as before). */
  survives: { First: boolean; Second: boolean };
}

const DELETES: OfflineDelete[] = [
  {
    name: '(a) deletes everything (select all, Backspace)',
    run: (b) => {
      b.select(new AllSelection(b.view.state.doc));
      b.press('Backspace');
    },
    survives: { First: false, Second: false },
  },
  {
    name: '(b) clears the clause: its whole content deleted as one range',
    run: (b) => {
      const { from, to } = clauseAt(b.view.state.doc, 0);
      b.view.dispatch(b.view.state.tr.delete(from, to));
    },
    // As before, only because the emptied first paragraph is kept (now: put back in the same
    // dispatch, which y-prosemirror writes as "keep the element, delete its text").
    survives: { First: true, Second: false },
  },
  {
    name: "(b') selects the clause's text across its paragraphs and presses Backspace",
    run: (b) => {
      const { doc: d } = b.view.state;
      b.select(TextSelection.create(d, find(d, 'First'), find(d, 'Second') + 'Second paragraph.'.length));
      b.press('Backspace');
    },
    survives: { First: true, Second: false },
  },
  {
    name: "(c) deletes the text of each of the clause's paragraphs",
    run: (b) => {
      for (const text of ['First paragraph.', 'Second paragraph.']) {
        const { doc: d } = b.view.state;
        b.select(TextSelection.create(d, find(d, text), find(d, text) + text.length));
        b.press('Backspace');
      }
    },
    survives: { First: true, Second: true },
  },
  {
    name: '(d) deletes the clause (node selection, Backspace)',
    run: (b) => {
      b.select(NodeSelection.create(b.view.state.doc, clauseAt(b.view.state.doc, 0).pos));
      b.press('Backspace');
    },
    survives: { First: false, Second: false },
  },
];

describe('B deletes offline while A types in the clause (the y-prosemirror #108 family)', () => {
  for (const c of DELETES) {
    for (const where of ['First', 'Second'] as const) {
      it(`B ${c.name}; A types in its ${where.toLowerCase()} paragraph: A's text ${c.survives[where] ? 'survives' : 'goes with it'}`, () => {
        const { a, b, ledger } = start(framework());
        c.run(b);
        typeAt(a, `${where} paragraph`, 'TYPED ');
        pair!.merge();
        expect(a.view.state.doc.textContent.includes('TYPED')).toBe(c.survives[where]);
        expect(b.view.state.doc.eq(a.view.state.doc)).toBe(true);
        expect(ledger.schemaRepairNodes).toBe(0);
        // The other clause, which nobody touched, is intact (unless B deleted everything).
        if (!c.name.startsWith('(a)')) expect(a.view.state.doc.textContent).toContain('Other clause.');
      });
    }
  }

  it('keeps the Yjs element of the emptied paragraph when a clause is cleared, so concurrent typing lands in it', () => {
    const { b } = start(framework());
    const clauseEl = b.doc.getXmlFragment(CONTENT_FRAGMENT).get(2) as Y.XmlElement;
    const firstParagraph = clauseEl.get(0) as Y.XmlElement;
    const { from, to } = clauseAt(b.view.state.doc, 0);
    b.view.dispatch(b.view.state.tr.delete(from, to));
    expect(clauseEl.length).toBe(1);
    expect(clauseEl.get(0)).toBe(firstParagraph);
    expect(firstParagraph._item!.deleted).toBe(false);
    expect(b.view.state.doc.child(2).childCount).toBe(1);
  });
});

describe('the composition from the issue', () => {
  it('keeps text nobody touched when A presses Delete at the end of x1 while B presses Enter at the start of z2', () => {
    const { a, b, ledger } = start(doc(clause(C1, p('pre'), ul(li(p('x1'), p('z2'), ul(li(p('w4')))), li(p('v5'))))));
    cursorAt(a, 'x1', 2);
    a.press('Delete');
    cursorAt(b, 'z2');
    b.press('Enter');
    pair!.merge();
    expect(ledger.schemaRepairNodes).toBe(0); // before: 2 (the item holding "w4", whole)
    const text = a.view.state.doc.textContent;
    for (const untouched of ['pre', 'x1', 'w4', 'v5']) expect(text).toContain(untouched);
    // "z2", which both edited, is lost to replacements: A's join moved it into x1's paragraph,
    // which B's split rebuilt; B kept the original, which A's join deleted.
    expect(b.view.state.doc.eq(a.view.state.doc)).toBe(true);
    // The merge left a list item that starts with a sub-list; the next local edit repairs it.
    expect(findInvariantFixes(a.view.state.doc)).toHaveLength(1);
    typeAt(a, 'pre', '!');
    pair!.merge();
    expect(findInvariantFixes(b.view.state.doc)).toEqual([]);
    expect(b.view.state.doc.eq(a.view.state.doc)).toBe(true);
  });
});

describe('style changes are attribute changes: concurrent typing survives them', () => {
  const cases = [
    { name: 'turns the paragraph into a heading', content: () => doc(p('Loose text.'), clause(C1, p('x'))), act: (b: Peer) => b.press('1', { mod: true, alt: true }), at: 'Loose' },
    { name: 'turns the heading back into body text', content: () => doc(h(2, 'Part one'), clause(C1, p('x'))), act: (b: Peer) => b.run(setParagraph), at: 'Part' },
    { name: 'switches the bulleted list to numbered', content: () => doc(clause(C1, p('Lead-in:'), ul('first item', 'second item'))), act: (b: Peer) => b.press('7', { mod: true, shift: true }), at: 'second' },
    { name: 'switches the numbered list to bulleted', content: () => doc(clause(C1, ol('first item', 'second item'))), act: (b: Peer) => b.press('8', { mod: true, shift: true }), at: 'first' },
  ];
  for (const c of cases) {
    it(`B ${c.name} while A types in it: A's text survives`, () => {
      const { a, b, ledger } = start(c.content());
      cursorAt(b, c.at);
      c.act(b);
      const before = b.view.state.doc.toString();
      typeAt(a, c.at, 'TYPED ');
      pair!.merge();
      expect(a.view.state.doc.textContent).toContain('TYPED');
      expect(b.view.state.doc.eq(a.view.state.doc)).toBe(true);
      // B's change holds, too.
      expect(a.view.state.doc.toString().replace('TYPED ', '')).toBe(before);
      expect(ledger.schemaRepairNodes).toBe(0);
    });
  }
});
