import { describe, expect, it } from 'vitest';
import { clause, h, inserted, p } from '../sample/builders';
import type { BlockJSON } from '../sample/builders';
import { testClauseId, testPackage, type TestDocument } from '../export/test-package';
import { seededRandom } from '../testing/seeded-random';
import { normaliseClauseText } from '../positions/clause-text';
import type { ExportPackage } from '../export/export-model';
import type { ClauseComparison, DiffParagraph, DocumentComparison, WorkspaceComparison } from './compare-model';
import { compareWorkspaces } from './compare-workspaces';
import { comparableParagraphs } from './word-diff';

const VERSIONS = {
  older: { name: 'Berlin round', roundId: 'r-1', at: '2025-03-01T10:00:00.000Z' },
  newer: { name: 'Current text', roundId: null, at: '2025-03-12T14:05:00.000Z' },
};

function pkg(...documents: TestDocument[]): ExportPackage {
  return testPackage({ documents });
}
function one(content: BlockJSON[], positions?: TestDocument['positions']): ExportPackage {
  return pkg({ id: 'doc-1', title: 'Framework', content, ...(positions ? { positions } : {}) });
}
function compare(older: ExportPackage, newer: ExportPackage): WorkspaceComparison {
  return compareWorkspaces(older, newer, VERSIONS);
}
function clauses(d: DocumentComparison): ClauseComparison[] {
  return d.items.flatMap((item) => (item.kind === 'clause' ? [item.clause] : []));
}
function byKey(cmp: WorkspaceComparison, key: string): ClauseComparison {
  const found = clauses(cmp.documents[0]!).find((c) => c.id === testClauseId(key));
  if (!found) throw new Error(`no clause ${key}`);
  return found;
}
/** The redline as a reader sees it: [+inserted+], [-deleted-]. */
function shown(c: { paragraphs: DiffParagraph[] }): string {
  return c.paragraphs
    .map((para) => para.runs.map((r) => (r.op === 'insert' ? `[+${r.text}+]` : r.op === 'delete' ? `[-${r.text}-]` : r.text)).join(''))
    .join(' / ');
}
function side(paragraphs: DiffParagraph[], keep: 'insert' | 'delete'): string {
  return normaliseClauseText(paragraphs.map((para) => para.runs.filter((r) => r.op === 'equal' || r.op === keep).map((r) => r.text).join('')));
}

describe('compareWorkspaces: words', () => {
  it('marks inserted words, and only those', () => {
    const cmp = compare(
      one([clause('a', 'States shall cooperate.')]),
      one([clause('a', 'States shall fully cooperate.')]),
    );
    const a = byKey(cmp, 'a');
    expect(a.kind).toBe('changed');
    expect(shown(a)).toBe('States shall [+fully +]cooperate.');
    expect(cmp.counts).toMatchObject({ changed: 1, wordsInserted: 1, wordsDeleted: 0 });
  });

  it('marks deleted words', () => {
    const a = byKey(compare(one([clause('a', 'States shall promptly and fully cooperate.')]), one([clause('a', 'States shall cooperate.')])), 'a');
    expect(shown(a)).toBe('States shall [-promptly and fully -]cooperate.');
  });

  it('shows a replacement as the old words struck and the new ones inserted', () => {
    const cmp = compare(one([clause('a', 'Parties shall notify the Secretariat.')]), one([clause('a', 'Parties should inform the Secretariat.')]));
    expect(shown(byKey(cmp, 'a'))).toBe('Parties [-shall notify-][+should inform+] the Secretariat.');
    expect(cmp.counts).toMatchObject({ wordsInserted: 2, wordsDeleted: 2 });
  });

  it('leaves unchanged clauses without any insertion or deletion, even when re-wrapped or in NFC', () => {
    const cmp = compare(
      one([clause('a', 'Caf\u0065\u0301  terms apply.'), clause('b', 'Second.')]),
      one([clause('a', 'Caf\u00e9 terms apply.'), clause('b', 'Second.')]),
    );
    for (const c of clauses(cmp.documents[0]!)) {
      expect(c.kind).toBe('unchanged');
      expect(c.paragraphs.flatMap((para) => para.runs).every((r) => r.op === 'equal')).toBe(true);
    }
    expect(cmp.counts).toMatchObject({ changed: 0, wordsInserted: 0, wordsDeleted: 0 });
  });

  it('aligns paragraphs inside a clause: a new sub-paragraph is one inserted paragraph', () => {
    const a = byKey(compare(one([clause('a', 'First part.', 'Last part.')]), one([clause('a', 'First part.', 'Middle part.', 'Last part.')])), 'a');
    expect(shown(a)).toBe('First part. / [+Middle part.+] / Last part.');
  });
});

describe('compareWorkspaces: clauses', () => {
  const base = [clause('a', 'Alpha text.'), clause('b', 'Beta text.'), inserted('b2', '2 bis', 'Beta bis text.'), clause('c', 'Gamma text.')];

  it('recognises an added clause above others: later running numbers renumbered, "2 bis" stays', () => {
    const cmp = compare(one(base), one([clause('new', 'New text.'), ...base]));
    const added = byKey(cmp, 'new');
    expect(added).toMatchObject({ kind: 'added', newLabel: '1', moved: false });
    expect(shown(added)).toBe('[+New text.+]');
    expect(byKey(cmp, 'a')).toMatchObject({ kind: 'unchanged', oldLabel: '1', newLabel: '2', renumbered: true, moved: false });
    expect(byKey(cmp, 'b2')).toMatchObject({ oldLabel: '2 bis', newLabel: '2 bis', renumbered: false, moved: false });
    expect(byKey(cmp, 'c')).toMatchObject({ oldLabel: '3', newLabel: '4', renumbered: true });
    expect(clauses(cmp.documents[0]!)[0]!.id).toBe(testClauseId('new'));
    expect(cmp.counts).toMatchObject({ added: 1, renumbered: 3, moved: 0, changed: 0, wordsInserted: 2 });
  });

  it('keeps a removed clause where it stood, after the clause it followed', () => {
    const cmp = compare(one(base), one([base[0]!, base[2]!, base[3]!]));
    const order = clauses(cmp.documents[0]!).map((c) => [c.id, c.kind]);
    expect(order).toEqual([
      [testClauseId('a'), 'unchanged'],
      [testClauseId('b'), 'removed'],
      [testClauseId('b2'), 'unchanged'],
      [testClauseId('c'), 'unchanged'],
    ]);
    expect(shown(byKey(cmp, 'b'))).toBe('[-Beta text.-]');
    expect(byKey(cmp, 'c')).toMatchObject({ oldLabel: '3', newLabel: '2', renumbered: true });
    expect(cmp.counts).toMatchObject({ removed: 1, wordsDeleted: 2 });
  });

  it('recognises a moved clause as one move, saying where it came from', () => {
    // c moved from the end to the top; a, b, 2 bis keep their order.
    const cmp = compare(one(base), one([base[3]!, base[0]!, base[1]!, base[2]!]));
    const c = byKey(cmp, 'c');
    expect(c).toMatchObject({ kind: 'unchanged', moved: true, oldLabel: '3', newLabel: '1', movedFromAfter: '2 bis' });
    for (const key of ['a', 'b', 'b2']) expect(byKey(cmp, key).moved).toBe(false);
    expect(cmp.counts.moved).toBe(1);
    // a and b swapped: one of them moved, and the marker names where it was.
    const swapped = compare(one(base), one([base[1]!, base[0]!, base[2]!, base[3]!]));
    const moved = clauses(swapped.documents[0]!)
      .filter((x) => x.moved)
      .map((x) => [x.id, x.movedFromAfter]);
    expect([[[testClauseId('a'), null]], [[testClauseId('b'), '2']]]).toContainEqual(moved);
  });

  it('keeps a clause removed from under a clause that moved away where it stood', () => {
    // Older: a b c x d; newer: c a b d (x removed; c moved to the top).
    const [a, b, c, x, d] = ['a', 'b', 'c', 'x', 'd'].map((k) => clause(k, `${k.toUpperCase()}.`)) as [BlockJSON, BlockJSON, BlockJSON, BlockJSON, BlockJSON];
    const cmp = compare(one([a, b, c, x, d]), one([c, a, b, d]));
    const order = clauses(cmp.documents[0]!).map((cl) => [cl.id, cl.kind, cl.moved]);
    expect(order).toEqual([
      [testClauseId('c'), 'unchanged', true],
      [testClauseId('a'), 'unchanged', false],
      [testClauseId('b'), 'unchanged', false],
      [testClauseId('x'), 'removed', false],
      [testClauseId('d'), 'unchanged', false],
    ]);
  });

  it('keeps headings and preamble as blocks, word-diffed when paired', () => {
    const cmp = compare(
      one([h(1, 'Part One'), p('Recalling the Charter,'), clause('a', 'Alpha.')]),
      one([h(1, 'Part One: General'), p('Recalling the Charter,'), p('Noting the report,'), clause('a', 'Alpha.')]),
    );
    const items = cmp.documents[0]!.items;
    expect(items.map((i) => (i.kind === 'block' ? `block${i.level}:${shown(i)}` : `clause:${i.clause.kind}`))).toEqual([
      'block1:Part One[+: General+]',
      'block0:Recalling the Charter,',
      'block0:[+Noting the report,+]',
      'clause:unchanged',
    ]);
  });
});

describe('compareWorkspaces: positions and documents', () => {
  it('lists who moved from disputed to accepted, and a stale acceptance as a change', () => {
    const cmp = compare(
      one([clause('a', 'Alpha.'), clause('b', 'Beta.')], { a: { ALD: 'disputed', VEL: 'accepted' }, b: { ALD: 'accepted' } }),
      one([clause('a', 'Alpha.'), clause('b', 'Beta.')], { a: { ALD: 'accepted', VEL: 'accepted' }, b: { ALD: { status: 'accepted', stale: true } } }),
    );
    expect(byKey(cmp, 'a').positionChanges).toEqual([
      { party: 'ALD', partyName: 'Republic of Aldoria', from: 'disputed', to: 'accepted', staleNow: false },
    ]);
    expect(byKey(cmp, 'a')).toMatchObject({ kind: 'unchanged', oldState: 'disputed', newState: 'agreed' });
    expect(byKey(cmp, 'b').positionChanges).toEqual([
      { party: 'ALD', partyName: 'Republic of Aldoria', from: 'accepted', to: 'accepted', staleNow: true },
    ]);
    expect(cmp.counts.positionChanges).toBe(2);
  });

  it('aligns documents by id: added, removed and renamed', () => {
    const d1 = { id: 'doc-1', title: 'Framework', content: [clause('a', 'Alpha.')] };
    const d2 = { id: 'doc-2', title: 'Annex', content: [clause('x', 'Annex text here.'), clause('y', 'More.')] };
    const d3 = { id: 'doc-3', title: 'Protocol', content: [clause('z', 'Protocol text.')] };
    const cmp = compare(pkg(d1, d2), pkg({ ...d1, title: 'Framework Agreement' }, d3));
    expect(cmp.documents.map((d) => [d.id, d.presence, d.oldTitle])).toEqual([
      ['doc-1', 'both', 'Framework'],
      ['doc-2', 'removed', undefined],
      ['doc-3', 'added', undefined],
    ]);
    expect(cmp.documents[1]!.counts).toMatchObject({ removed: 2, wordsDeleted: 4 });
    expect(cmp.documents[2]!.counts).toMatchObject({ added: 1, wordsInserted: 2 });
    expect(cmp.counts).toMatchObject({ added: 1, removed: 2, wordsInserted: 2, wordsDeleted: 4 });
  });
});

const WORDS = ['the', 'Parties', 'shall', 'cooperate', 'in', 'good', 'faith,', 'notify', 'Secretariat', 'and', 'measures', 'Article', '5.'];

function randomText(rand: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]!).join(' ');
}

function mutate(rand: () => number, text: string): string {
  const words = text.split(' ');
  const edits = 1 + Math.floor(rand() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (words.length + 1));
    const r = rand();
    if (r < 0.4) words.splice(at, 0, randomText(rand, 1 + Math.floor(rand() * 3)));
    else if (r < 0.7 && words.length > 1) words.splice(Math.min(at, words.length - 1), 1 + Math.floor(rand() * 2));
    else words[Math.min(at, words.length - 1)] = randomText(rand, 1);
  }
  return words.join(' ');
}

describe('compareWorkspaces: seeded random', () => {
  it('reproduces both versions of every clause from its runs', () => {
    const seed = Date.now() % 2 ** 31;
    console.log(`compare-workspaces random seed: ${seed}`);
    const rand = seededRandom(seed);
    const olderBlocks: BlockJSON[] = [];
    const newerBlocks: BlockJSON[] = [];
    for (let n = 0; n < 60; n++) {
      const paras = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => randomText(rand, 3 + Math.floor(rand() * 15)));
      const r = rand();
      if (r < 0.1) olderBlocks.push(clause(`k${n}`, ...paras));
      else if (r < 0.2) newerBlocks.push(clause(`k${n}`, ...paras));
      else {
        olderBlocks.push(clause(`k${n}`, ...paras));
        const changed = r < 0.6 ? paras.map((t) => (rand() < 0.5 ? mutate(rand, t) : t)) : paras;
        if (rand() < 0.2) changed.splice(Math.floor(rand() * changed.length), 0, randomText(rand, 4));
        newerBlocks.push(clause(`k${n}`, ...changed));
      }
    }
    // A few moves.
    for (let m = 0; m < 3; m++) {
      const [moved] = newerBlocks.splice(Math.floor(rand() * newerBlocks.length), 1);
      newerBlocks.splice(Math.floor(rand() * newerBlocks.length), 0, moved!);
    }
    const older = one(olderBlocks);
    const newer = one(newerBlocks);
    const textOf = (pk: ExportPackage): Map<string, string> =>
      new Map(pk.documents[0]!.content.flatMap((c) => (c.kind === 'clause' ? [[c.id, normaliseClauseText(comparableParagraphs(c.node))]] : [])));
    const olderText = textOf(older);
    const newerText = textOf(newer);
    const cmp = compare(older, newer);
    const seen = clauses(cmp.documents[0]!);
    expect(new Set(seen.map((c) => c.id))).toEqual(new Set([...olderText.keys(), ...newerText.keys()]));
    for (const c of seen) {
      if (c.kind !== 'added') expect(side(c.paragraphs, 'delete'), `older text of ${c.id} (seed ${seed})`).toBe(olderText.get(c.id));
      if (c.kind !== 'removed') expect(side(c.paragraphs, 'insert'), `newer text of ${c.id} (seed ${seed})`).toBe(newerText.get(c.id));
      if (c.kind === 'unchanged') expect(olderText.get(c.id)).toBe(newerText.get(c.id));
    }
    // The clauses both keep, in newer order, once the moved ones are set aside, keep their older order.
    const kept = seen.filter((c) => c.kind !== 'added' && c.kind !== 'removed' && !c.moved).map((c) => c.id);
    const olderOrder = [...olderText.keys()].filter((id) => kept.includes(id));
    expect(kept).toEqual(olderOrder);
  });

  it('compares a 2,000-clause, 150k-word package with 10 % changed quickly', () => {
    const rand = seededRandom(7);
    const olderBlocks: BlockJSON[] = [];
    const newerBlocks: BlockJSON[] = [];
    for (let n = 0; n < 2000; n++) {
      const text = randomText(rand, 75);
      olderBlocks.push(clause(`big${n}`, text));
      newerBlocks.push(clause(`big${n}`, n % 10 === 0 ? mutate(rand, text) : text));
    }
    const older = one(olderBlocks);
    const newer = one(newerBlocks);
    const started = performance.now();
    const cmp = compare(older, newer);
    const took = performance.now() - started;
    console.log(`compare 2,000 clauses: ${took.toFixed(0)} ms`);
    expect(cmp.counts.changed).toBeGreaterThan(150);
    expect(cmp.counts.changed).toBeLessThanOrEqual(200);
  });
});
