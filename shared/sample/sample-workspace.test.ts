import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Node as PMNode } from 'prosemirror-model';
import { chancerySchema } from '../schema/schema';
import { numberClauses } from '../schema/numbering';
import { documentNode, documentStats, seedDocument } from '../workspace/document-content';
import { MANIFEST_DOC_ID } from '../workspace/manifest';
import { sampleWorkspace } from './sample-workspace';

const sample = sampleWorkspace();
const nodes = sample.documents.map((d) => ({ doc: d, node: chancerySchema.nodeFromJSON(d.content) }));

function clauseIds(node: PMNode): string[] {
  const ids: string[] = [];
  node.forEach((child) => {
    if (child.type.name === 'clause') ids.push(child.attrs.id as string);
  });
  return ids;
}

function textblocks(node: PMNode): string[] {
  const out: string[] = [];
  node.descendants((child) => {
    if (child.isTextblock) {
      out.push(child.textContent);
      return false;
    }
    return true;
  });
  return out;
}

function markNames(node: PMNode): Set<string> {
  const names = new Set<string>();
  node.descendants((child) => {
    for (const m of child.marks) names.add(m.type.name);
  });
  return names;
}

/** Node names, with lists by kind and paragraphs by heading level ("list:ordered", "paragraph:1"). */
function nodeNames(node: PMNode): Set<string> {
  const names = new Set<string>();
  node.descendants((child) => {
    names.add(child.type.name);
    if (child.type.name === 'list') names.add(`list:${child.attrs.kind as string}`);
    if (child.type.name === 'paragraph') names.add(`paragraph:${child.attrs.level as number}`);
  });
  return names;
}

describe('sample workspace', () => {
  it('lists the framework and four annexes in negotiated order', () => {
    expect(sample.title.trim().length).toBeGreaterThan(0);
    expect(sample.documents.map((d) => d.title)).toEqual([
      'Peace Framework',
      'Annex 1: Security Guarantees',
      'Annex 2: Ceasefire Monitoring and Verification',
      'Annex 3: Territorial Arrangements',
      'Annex 4: Sanctions and Economic Measures',
    ]);
    const ids = sample.documents.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9-]{1,32}$/u);
      expect(id).not.toBe(MANIFEST_DOC_ID);
    }
    for (const d of sample.documents) expect(d.title.length).toBeLessThanOrEqual(200);
  });

  it('has four parties with distinct codes, names and colours', () => {
    expect(sample.parties).toHaveLength(4);
    const codes = sample.parties.map((p) => p.code);
    const colours = sample.parties.map((p) => p.colour.toLowerCase());
    expect(new Set(codes).size).toBe(4);
    expect(new Set(colours).size).toBe(4);
    expect(new Set(sample.parties.map((p) => p.name)).size).toBe(4);
    for (const p of sample.parties) {
      expect(p.code).toMatch(/^[A-Z]{2,5}$/u);
      expect(p.colour).toMatch(/^#[0-9a-f]{6}$/iu);
      expect(p.name.trim().length).toBeGreaterThan(0);
    }
  });

  it('gives every document valid content for the schema, opening with a heading and a preamble', () => {
    for (const { doc, node } of nodes) {
      expect(() => node.check(), doc.id).not.toThrow();
      expect(node.type.name).toBe('doc');
      // The title: a paragraph styled as a level-1 heading.
      expect(node.firstChild?.type.name, doc.id).toBe('paragraph');
      expect(node.firstChild?.attrs.level, doc.id).toBe(1);
      // Preambular paragraphs come before the first operative clause.
      let before = 0;
      let seenClause = false;
      node.forEach((child) => {
        if (child.type.name === 'clause') seenClause = true;
        else if (!seenClause && child.type.name === 'paragraph' && child.attrs.level === 0) before += 1;
      });
      expect(before, doc.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('has present, unique clause ids across the workspace and a few dozen clauses', () => {
    const all = nodes.flatMap(({ node }) => clauseIds(node));
    for (const id of all) expect(id).toMatch(/^c-[0-9a-f]{16}$/u);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(30);
    expect(all.length).toBeLessThanOrEqual(80);
    const counts = Object.fromEntries(nodes.map(({ doc, node }) => [doc.id, documentStats(node).clauses]));
    expect(counts.framework).toBeGreaterThanOrEqual(12);
    expect(counts.framework).toBeLessThanOrEqual(16);
    for (const { doc } of nodes.slice(1)) {
      expect(counts[doc.id], doc.id).toBeGreaterThanOrEqual(6);
      expect(counts[doc.id], doc.id).toBeLessThanOrEqual(10);
    }
  });

  it('numbers clauses with stored "bis" labels right after the paragraph they follow', () => {
    const labelled = nodes.flatMap(({ node }) => numberClauses(node)).filter((c) => / bis$/u.test(c.label));
    expect(labelled.map((c) => c.label).sort()).toEqual(['3 bis', '5 bis']);
    for (const { node } of nodes) {
      const numbers = numberClauses(node);
      numbers.forEach((c, index) => {
        const m = /^(\d+) bis$/u.exec(c.label);
        if (m) expect(numbers[index - 1]?.label).toBe(m[1]);
      });
    }
  });

  it('shows the drafting conventions: brackets in every document, stacked options, ad referendum, reservation', () => {
    for (const { doc, node } of nodes) {
      const blocks = textblocks(node);
      expect(blocks.some((t) => /\[[^\]]+\]/u.test(t)), doc.id).toBe(true);
      // Brackets open and close within one block and never nest, so they can be found mechanically.
      for (const t of blocks) {
        let depth = 0;
        for (const ch of t) {
          if (ch === '[') depth += 1;
          if (ch === ']') depth -= 1;
          expect(depth === 0 || depth === 1, `${doc.id}: ${t}`).toBe(true);
        }
        expect(depth, `${doc.id}: ${t}`).toBe(0);
      }
    }
    const text = nodes.map(({ node }) => textblocks(node).join('\n')).join('\n');
    expect(text).toMatch(/\[Option 1: [^\]]+\] ?\n?\[Option 2: [^\]]+\]/u);
    expect(text).toContain('ad referendum');
    expect(text).toContain('scrutiny reservation');
    expect(text).not.toMatch(/lorem|ipsum/iu);
  });

  it('uses bold, italic and underline, both kinds of list and headings', () => {
    const marks = new Set(nodes.flatMap(({ node }) => [...markNames(node)]));
    expect([...marks].sort()).toEqual(['em', 'strong', 'underline']);
    const kinds = new Set(nodes.flatMap(({ node }) => [...nodeNames(node)]));
    for (const k of ['list:ordered', 'list:bullet', 'list_item', 'paragraph:1', 'paragraph:2', 'paragraph:0', 'clause']) expect(kinds.has(k), k).toBe(true);
  });

  it('survives a round trip through Yjs with text and clause ids intact', () => {
    for (const { doc, node } of nodes) {
      const ydoc = new Y.Doc();
      seedDocument(ydoc, doc.content, 'test');
      // Through an update too, as a peer or the workspace file would receive it.
      const peer = new Y.Doc();
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(ydoc));
      for (const back of [documentNode(ydoc), documentNode(peer)]) {
        expect(back.textContent, doc.id).toBe(node.textContent);
        expect(textblocks(back), doc.id).toEqual(textblocks(node));
        expect(clauseIds(back), doc.id).toEqual(clauseIds(node));
        expect(numberClauses(back).map((c) => c.label), doc.id).toEqual(numberClauses(node).map((c) => c.label));
        expect(back.eq(node), doc.id).toBe(true);
      }
    }
  });

  it('returns fresh objects on every call', () => {
    const a = sampleWorkspace();
    const b = sampleWorkspace();
    expect(a).toEqual(b);
    a.parties[0]!.name = 'changed';
    (a.documents[0]!.content as { content: unknown[] }).content.length = 0;
    expect(sampleWorkspace()).toEqual(b);
  });
});
