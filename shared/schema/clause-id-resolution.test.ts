import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ORIGIN_CLAUSE_IDS, ORIGIN_HUB } from '../sync/origins';
import { resolveClauseIds } from './clause-id-resolution';
import { CONTENT_FRAGMENT } from './schema';

function clause(id: string | null, text: string): Y.XmlElement {
  const el = new Y.XmlElement('clause');
  if (id !== null) el.setAttribute('id', id);
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  el.insert(0, [p]);
  return el;
}

function docWith(clientID: number, ...children: Y.XmlElement[]): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, children);
  return doc;
}

const ids = (doc: Y.Doc) =>
  doc
    .getXmlFragment(CONTENT_FRAGMENT)
    .toArray()
    .map((el) => (el as Y.XmlElement).getAttribute('id') as string | undefined);

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

const A = 'c-00000000000000a1';
const B = 'c-00000000000000b2';

describe('resolveClauseIds', () => {
  it('lets the first clause in document order keep a contested id and derives the others from their item ids', () => {
    const doc = docWith(7, clause(A, 'one'), clause(B, 'two'), clause(A, 'copy of one'), clause(A, 'another copy'));
    const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    const changes = resolveClauseIds(fragment, ORIGIN_CLAUSE_IDS);
    const after = ids(doc);
    expect(after.slice(0, 2)).toEqual([A, B]);
    expect(new Set(after).size).toBe(4);
    for (const id of after) expect(id).toMatch(/^c-[0-9a-f]{16}$/u);
    const third = (fragment.get(2) as Y.XmlElement)._item!.id;
    expect(after[2]).toBe(`c-${third.client.toString(16).padStart(8, '0')}${third.clock.toString(16).padStart(8, '0')}`);
    expect(changes.map((c) => [c.index, c.from, c.reason])).toEqual([
      [2, A, 'duplicate'],
      [3, A, 'duplicate'],
    ]);
  });

  it('gives clauses without an id, or with a malformed one, a derived id', () => {
    const doc = docWith(9, clause(null, 'no id'), clause('fw-01', 'foreign id'), clause(A, 'fine'));
    const changes = resolveClauseIds(doc.getXmlFragment(CONTENT_FRAGMENT), ORIGIN_CLAUSE_IDS);
    expect(changes.map((c) => [c.from, c.reason])).toEqual([
      [null, 'missing'],
      ['fw-01', 'missing'],
    ]);
    const after = ids(doc);
    expect(after[2]).toBe(A);
    for (const id of after) expect(id).toMatch(/^c-[0-9a-f]{16}$/u);
  });

  it('writes in one transaction with the given origin, and nothing at all when ids are unique', () => {
    const doc = docWith(3, clause(A, 'one'), clause(A, 'two'), clause(B, 'three'));
    const origins: unknown[] = [];
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    resolveClauseIds(doc.getXmlFragment(CONTENT_FRAGMENT), ORIGIN_CLAUSE_IDS);
    expect(origins).toEqual([ORIGIN_CLAUSE_IDS]);
    expect(resolveClauseIds(doc.getXmlFragment(CONTENT_FRAGMENT), ORIGIN_CLAUSE_IDS)).toEqual([]);
    expect(origins).toHaveLength(1);
  });

  it('avoids derived ids that are already taken', () => {
    const doc = docWith(0x10, clause(A, 'one'));
    const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    fragment.insert(1, [clause(A, 'copy')]);
    const copy = (fragment.get(1) as Y.XmlElement)._item!.id;
    const wouldBe = `c-${copy.client.toString(16).padStart(8, '0')}${copy.clock.toString(16).padStart(8, '0')}`;
    fragment.insert(2, [clause(wouldBe, 'holds the derived id already')]);
    resolveClauseIds(fragment, ORIGIN_CLAUSE_IDS);
    const after = ids(doc);
    expect(new Set(after).size).toBe(3);
    expect(after[2]).toBe(wouldBe);
  });

  it('brings hubs that repair the same merged content concurrently to the same ids', () => {
    // Two delegations each hold a copy of clause A made offline (e.g. both undid its deletion).
    const base = docWith(1, clause(A, 'agreed text'));
    const left = new Y.Doc();
    left.clientID = 2;
    const right = new Y.Doc();
    right.clientID = 3;
    Y.applyUpdate(left, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(right, Y.encodeStateAsUpdate(base));
    left.getXmlFragment(CONTENT_FRAGMENT).insert(1, [clause(A, 'left copy')]);
    right.getXmlFragment(CONTENT_FRAGMENT).insert(0, [clause(A, 'right copy')]);

    // Each hub sees the other's update and repairs at once, concurrently.
    const fromLeft = Y.encodeStateAsUpdate(left);
    const fromRight = Y.encodeStateAsUpdate(right);
    Y.applyUpdate(left, fromRight, ORIGIN_HUB);
    Y.applyUpdate(right, fromLeft, ORIGIN_HUB);
    resolveClauseIds(left.getXmlFragment(CONTENT_FRAGMENT), ORIGIN_CLAUSE_IDS);
    resolveClauseIds(right.getXmlFragment(CONTENT_FRAGMENT), ORIGIN_CLAUSE_IDS);
    sync(left, right);

    expect(ids(left)).toEqual(ids(right));
    expect(new Set(ids(left)).size).toBe(3);
    // Document order decides: the right copy sits first, so it keeps A.
    expect((left.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).toString()).toContain('right copy');
    expect(ids(left)[0]).toBe(A);
    expect(resolveClauseIds(left.getXmlFragment(CONTENT_FRAGMENT), ORIGIN_CLAUSE_IDS)).toEqual([]);
  });
});
