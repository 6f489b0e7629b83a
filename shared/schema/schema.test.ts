import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import type { TagParseRule } from 'prosemirror-model';
import { chancerySchema as schema, CONTENT_FRAGMENT } from './schema';

const ID = 'c-0123456789abcdef';
const para = (text = 'x', level = 0) => schema.node('paragraph', { level }, text ? [schema.text(text)] : []);
const item = (...content: ReturnType<typeof para>[]) => schema.node('list_item', null, content);

/** A fake parsed element: parse rules only read attributes. */
type ParsedElement = Parameters<NonNullable<TagParseRule['getAttrs']>>[0];
const element = (attrs: Record<string, string>) => ({ getAttribute: (name: string) => attrs[name] ?? null }) as unknown as ParsedElement;
const rule = (node: string, tag: string) => schema.nodes[node]!.spec.parseDOM!.find((r) => (r as TagParseRule).tag === tag) as TagParseRule;

describe('attribute validation', () => {
  it('accepts clause ids in the one format, and null only as "not yet assigned"', () => {
    expect(() => schema.node('clause', { id: ID }, [para()])).not.toThrow();
    expect(schema.node('clause', null, [para()]).attrs.id).toBeNull();
    for (const bad of ['fw-01', 'c-0123456789ABCDEF', 'c-0123', 42, '', 'c-0123456789abcdef0']) {
      expect(() => schema.node('clause', { id: bad }, [para()]), String(bad)).toThrow(RangeError);
    }
  });

  it('accepts short one-line labels', () => {
    expect(() => schema.node('clause', { id: ID, label: '5 bis' }, [para()])).not.toThrow();
    for (const bad of ['', ' 5 bis', '5\nbis', 'x'.repeat(25), 5]) {
      expect(() => schema.node('clause', { id: ID, label: bad }, [para()]), JSON.stringify(bad)).toThrow(RangeError);
    }
  });

  it('bounds paragraph levels (0 = body text, 1–3 = heading) and list kinds and start numbers', () => {
    for (const level of [0, 1, 2, 3]) expect(() => para('x', level)).not.toThrow();
    for (const level of [-1, 4, 1.5, '1', null]) expect(() => schema.node('paragraph', { level }), String(level)).toThrow(RangeError);
    expect(() => schema.node('list', { kind: 'ordered', order: 9999 }, [item(para())])).not.toThrow();
    for (const attrs of [{ kind: 'numbered' }, { kind: null }, { order: 0 }, { order: 10000 }, { order: 2.5 }]) {
      expect(() => schema.node('list', attrs, [item(para())]), JSON.stringify(attrs)).toThrow(RangeError);
    }
  });
});

describe('content expressions under concurrency', () => {
  it('lets a clause, a list and a list item be empty or start with anything a merge can leave', () => {
    const emptyClause = schema.node('clause', { id: ID });
    const emptyList = schema.node('list', null, []);
    const itemWithoutParagraph = item(schema.node('list', null, [item(para('nested'))]) as never);
    for (const node of [emptyClause, emptyList, itemWithoutParagraph]) expect(() => node.check()).not.toThrow();
  });

  it('keeps a non-empty top level, and clauses out of clauses and lists', () => {
    expect(() => schema.node('doc', null, []).check()).toThrow(RangeError);
    const inner = schema.node('clause', { id: ID }, [para()]);
    expect(() => schema.node('clause', { id: ID }, [inner]).check()).toThrow(RangeError);
    expect(() => item(inner as never).check()).toThrow(RangeError);
  });

  it('reads an emptied clause from Yjs without deleting it (the `+` schema made y-prosemirror drop it)', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    const clause = new Y.XmlElement('clause');
    clause.setAttribute('id', ID);
    const list = new Y.XmlElement('list');
    list.insert(0, [new Y.XmlElement('list_item')]);
    clause.insert(0, [list]);
    fragment.insert(0, [clause, new Y.XmlElement('clause')]);
    const before = fragment.toString();
    const node = yXmlFragmentToProseMirrorRootNode(fragment, schema);
    expect(fragment.toString()).toBe(before);
    expect(node.childCount).toBe(2);
  });
});

describe('HTML in and out', () => {
  it('keeps only valid attributes from pasted HTML', () => {
    expect(rule('clause', 'section.clause').getAttrs!(element({ 'data-clause-id': 'fw-01', 'data-label': '' }))).toEqual({ id: null, label: null });
    expect(rule('clause', 'section.clause').getAttrs!(element({ 'data-clause-id': ID, 'data-label': '5 bis' }))).toEqual({ id: ID, label: '5 bis' });
    expect(rule('list', 'ol').getAttrs!(element({ start: '0' }))).toEqual({ kind: 'ordered', order: 1 });
    expect(rule('list', 'ol').getAttrs!(element({ start: '4' }))).toEqual({ kind: 'ordered', order: 4 });
    expect(rule('paragraph', 'h5').attrs).toEqual({ level: 3 });
  });

  it('draws headings as h1–h3 and lists as ul / ol, as the editor styles and exports expect', () => {
    const spec = (node: ReturnType<typeof para>) => (node.type.spec.toDOM!(node) as unknown[])[0];
    expect(spec(para('x', 0))).toBe('p');
    expect(spec(para('x', 2))).toBe('h2');
    expect(spec(schema.node('list', { kind: 'bullet' }, [item(para())]))).toBe('ul');
    expect(schema.nodes.list!.spec.toDOM!(schema.node('list', { kind: 'ordered', order: 3 }, [item(para())]))).toEqual(['ol', { start: 3 }, 0]);
  });
});
