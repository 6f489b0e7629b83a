import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { checkManifest } from './manifest-check';
import { addDocumentEntry, initManifest, readManifest } from './manifest';

function wellFormed(): Y.Doc {
  const doc = new Y.Doc();
  initManifest(doc, 'Peace framework', [{ code: 'ALD', name: 'Aldoria', colour: '#1f3a5f' }], null);
  addDocumentEntry(doc, { id: 'framework', title: 'Framework' }, null);
  addDocumentEntry(doc, { id: 'annex-1', title: 'Annex I' }, null);
  return doc;
}

/** A manifest another (broken or hostile) client changed in `edit`, as a merge would bring it. */
function damagedBy(edit: (doc: Y.Doc) => void): Y.Doc {
  const doc = wellFormed();
  edit(doc);
  return doc;
}

describe('readManifest on whatever a merge produced', () => {
  it('reads a well-formed manifest with no problems', () => {
    expect(readManifest(wellFormed())).toEqual({
      title: 'Peace framework',
      parties: [{ code: 'ALD', name: 'Aldoria', colour: '#1f3a5f' }],
      documents: [
        { id: 'framework', title: 'Framework' },
        { id: 'annex-1', title: 'Annex I' },
      ],
      problems: [],
    });
  });

  const cases: [string, (doc: Y.Doc) => void, (view: ReturnType<typeof readManifest>) => void][] = [
    ['a party stored as a string', (d) => d.getArray('parties').push(['ALD']), (v) => expect(v.parties).toHaveLength(1)],
    ['a party without a code', (d) => d.getArray('parties').push([new Y.Map([['name', 'X']])]), (v) => expect(v.parties).toHaveLength(1)],
    ['a document entry that is a number', (d) => d.getMap('documents').set('annex-2', 5), (v) => expect(v.documents).toHaveLength(2)],
    ['a document id with a slash', (d) => d.getMap('documents').set('../x', new Y.Map([['title', 'X']])), (v) => expect(v.documents).toHaveLength(2)],
    ['a title that is a number', (d) => d.getMap('workspace').set('title', 42), (v) => expect(v.title).toBe('Untitled negotiation')],
    ['a document without a title', (d) => (d.getMap('documents').get('framework') as Y.Map<unknown>).delete('title'), (v) => expect(v.documents[0]).toEqual({ id: 'framework', title: 'Untitled' })],
  ];

  it.each(cases)('tolerates %s: shows the rest and says what it skipped', (_what, edit, expectView) => {
    const doc = damagedBy(edit);
    const view = readManifest(doc);
    expectView(view);
    expect(view.problems.length).toBeGreaterThan(0);
    // And the hub would never store such a manifest from outside.
    expect(() => checkManifest(doc)).toThrow(expect.objectContaining({ code: 'INVALID_UPDATE' }));
  });

  it('never hides a document: duplicated or missing order entries are resolved the same way on every peer', () => {
    const doc = wellFormed();
    doc.getArray('documentOrder').push(['framework', 'no-such-doc']);
    doc.getArray('documentOrder').delete(1, 1); // annex-1 left out of the order
    expect(readManifest(doc).documents.map((d) => d.id)).toEqual(['framework', 'annex-1']);
    expect(readManifest(doc).problems).toEqual([]);
  });

  it('accepts a well-formed manifest in the hub check', () => {
    expect(() => checkManifest(wellFormed())).not.toThrow();
  });
});
