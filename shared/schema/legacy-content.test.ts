import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Node as PMNode, NodeType } from 'prosemirror-model';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { isChanceryError } from '../errors';
import { clause as sampleClause } from '../sample/builders';
import { legacySchema } from '../testing/legacy-schema';
import { seededRandom } from '../testing/seeded-random';
import { documentNode, seedDocument } from '../workspace/document-content';
import { isClauseId, legacyClauseId } from './clause-ids';
import { upgradeLegacyContent } from './legacy-content';
import { chancerySchema, CONTENT_FRAGMENT } from './schema';

const L = legacySchema;
const text = (t: string, ...marks: string[]) => L.text(t, marks.map((m) => L.mark(m)));
const lp = (...content: PMNode[]) => L.node('paragraph', null, content);
const lh = (level: number, t: string) => L.node('heading', { level }, [text(t)]);
const lli = (...content: PMNode[]) => L.node('list_item', null, content);
const lclause = (id: string | null, label: string | null, ...content: PMNode[]) => L.node('clause', { id, label }, content);

/** A document in the old format with every node type and the attributes old files can hold. */
const legacyDoc = () =>
  L.node('doc', null, [
    lh(1, 'Framework'),
    lh(5, 'A deep heading'),
    lp(text('The '), text('Parties', 'strong'), L.node('hard_break'), text('agree', 'em', 'underline')),
    lclause('fw-01', null, lp(text('Ceasefire.')), L.node('bullet_list', null, [lli(lp(text('land')), L.node('ordered_list', { order: 3 }, [lli(lp(text('sea')))]))])),
    lclause('c-0123456789abcdef', '5 bis', lp(text('Inserted.'))),
    lclause(null, '', lp(text('No id, empty label.'))),
  ]);

const textblocks = (node: PMNode) => {
  const out: string[] = [];
  node.descendants((child) => {
    if (child.isTextblock) out.push(child.textContent);
    return !child.isTextblock;
  });
  return out;
};

describe('upgradeLegacyContent', () => {
  it('maps every old node and attribute to the current schema, keeping the text and its marks', () => {
    const old = legacyDoc();
    old.check();
    const json = upgradeLegacyContent(old.toJSON(), 'framework');
    const node = chancerySchema.nodeFromJSON(json);
    expect(() => node.check()).not.toThrow();
    expect(textblocks(node)).toEqual(textblocks(old));
    expect(node.child(0).attrs).toEqual({ level: 1 });
    expect(node.child(1).attrs).toEqual({ level: 3 });
    expect(node.child(2).attrs).toEqual({ level: 0 });
    expect(node.child(2).toJSON()).toMatchObject({ content: [{ text: 'The ' }, { text: 'Parties', marks: [{ type: 'strong' }] }, { type: 'hard_break' }, { text: 'agree' }] });
    const list = node.child(3).child(1);
    expect([list.type.name, list.attrs.kind, list.attrs.order]).toEqual(['list', 'bullet', 1]);
    expect(list.child(0).child(1).attrs).toEqual({ kind: 'ordered', order: 3 });
  });

  it('gives clause ids the current format deterministically, and drops only invalid labels', () => {
    const node = chancerySchema.nodeFromJSON(upgradeLegacyContent(legacyDoc().toJSON(), 'framework'));
    const clauses = [3, 4, 5].map((i) => node.child(i).attrs);
    expect(clauses[0]).toEqual({ id: legacyClauseId('fw-01'), label: null });
    expect(clauses[1]).toEqual({ id: 'c-0123456789abcdef', label: '5 bis' });
    expect(clauses[2]!.label).toBeNull();
    expect(isClauseId(clauses[2]!.id)).toBe(true);
    // Two copies of one old file migrate alike; another document's unnamed clause does not collide.
    expect(upgradeLegacyContent(legacyDoc().toJSON(), 'framework')).toEqual(upgradeLegacyContent(legacyDoc().toJSON(), 'framework'));
    const other = chancerySchema.nodeFromJSON(upgradeLegacyContent(legacyDoc().toJSON(), 'annex-1'));
    expect(other.child(5).attrs.id).not.toBe(clauses[2]!.id);
    // The sample's readable keys give the same ids old and new: a migrated sample matches a new one.
    expect(sampleClause('fw-01', 'x').attrs!.id).toBe(legacyClauseId('fw-01'));
  });

  it('leaves content in the current form as it is, so running it twice is harmless', () => {
    const once = upgradeLegacyContent(legacyDoc().toJSON(), 'framework');
    expect(upgradeLegacyContent(once, 'framework')).toEqual(once);
  });

  it('turns a heading inside a clause (refused by the old schema, found in damaged files) into body text', () => {
    const json = { type: 'doc', content: [{ type: 'clause', attrs: { id: 'fw-02' }, content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Stray' }] }] }] };
    const node = chancerySchema.nodeFromJSON(upgradeLegacyContent(json, 'framework'));
    expect(node.child(0).child(0).attrs.level).toBe(0);
    expect(node.textContent).toBe('Stray');
  });

  it('refuses what neither schema knows with WORKSPACE_CORRUPT, naming the document', () => {
    const cases: unknown[] = [
      null,
      { type: 'paragraph' },
      { type: 'doc', content: [{ type: 'table' }] },
      { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link' }] }] }] },
      { type: 'doc', content: [] },
      { type: 'doc', content: [{ type: 'clause', content: [{ type: 'clause' }] }] },
    ];
    for (const json of cases) {
      let caught: unknown;
      try {
        upgradeLegacyContent(json, 'annex-3');
      } catch (e) {
        caught = e;
      }
      expect(isChanceryError(caught, 'WORKSPACE_CORRUPT'), JSON.stringify(json)).toBe(true);
      expect((caught as Error).message).toContain('annex-3');
    }
  });

  it('is the way to read an old workspace file: y-prosemirror with the current schema would delete its lists and headings', () => {
    const old = new Y.Doc();
    prosemirrorJSONToYXmlFragment(L, legacyDoc().toJSON(), old.getXmlFragment(CONTENT_FRAGMENT));
    // What not to do (on a copy): the current schema does not know `heading` or `bullet_list`.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(old));
    yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(CONTENT_FRAGMENT), chancerySchema);
    expect(copy.getXmlFragment(CONTENT_FRAGMENT).toString()).not.toContain('bullet_list');
    // The migration: read without a schema, map, write anew.
    const json = upgradeLegacyContent(yXmlFragmentToProsemirrorJSON(old.getXmlFragment(CONTENT_FRAGMENT)), 'framework');
    const fresh = new Y.Doc();
    seedDocument(fresh, json, null);
    expect(textblocks(documentNode(fresh))).toEqual(textblocks(legacyDoc()));
  });

  it('maps random old documents to valid current ones with the same text (300 seeds)', () => {
    for (let seed = 0; seed < 300; seed++) {
      const old = randomLegacyDoc(seededRandom(seed));
      old.check();
      const node = chancerySchema.nodeFromJSON(upgradeLegacyContent(old.toJSON(), 'doc'));
      expect(() => node.check(), `seed ${seed}`).not.toThrow();
      expect(textblocks(node), `seed ${seed}`).toEqual(textblocks(old));
    }
  });
});

function randomLegacyDoc(random: () => number): PMNode {
  let n = 0;
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const words = () => (random() < 0.2 ? [] : [text(`w${++n}`, ...(random() < 0.3 ? [pick(['strong', 'em', 'underline'])] : []))]);
  const paragraph = () => L.node('paragraph', null, words());
  const list = (depth: number): PMNode => {
    const type: NodeType = L.nodes[pick(['bullet_list', 'ordered_list'])]!;
    const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const rest = depth < 3 ? Array.from({ length: Math.floor(random() * 3) }, () => (random() < 0.5 ? paragraph() : list(depth + 1))) : [];
      return lli(paragraph(), ...rest);
    });
    return type.create(type.name === 'ordered_list' ? { order: 1 + Math.floor(random() * 20) } : null, items);
  };
  const flow = () => (random() < 0.6 ? paragraph() : list(1));
  const block = (): PMNode => {
    const r = random();
    if (r < 0.2) return L.node('heading', { level: 1 + Math.floor(random() * 6) }, words());
    if (r < 0.4) return paragraph();
    if (r < 0.5) return list(1);
    const id = pick([null, `fw-${n}`, `c-${'0123456789abcdef'.slice(0, 8)}${String(n).padStart(8, '0')}`]);
    return lclause(id, random() < 0.2 ? pick(['5 bis', '', ' 7 ter ']) : null, ...Array.from({ length: 1 + Math.floor(random() * 3) }, flow));
  };
  return L.node('doc', null, Array.from({ length: 1 + Math.floor(random() * 8) }, block));
}
