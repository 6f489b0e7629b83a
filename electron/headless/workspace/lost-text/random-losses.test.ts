import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { clause, doc, h, ol, p } from '../../../../shared/sample/builders';
import { CONTENT_FRAGMENT } from '../../../../shared/schema/schema';
import { seededRandom } from '../../../../shared/testing/seeded-random';
import { documentNode } from '../../../../shared/workspace/document-content';
import { WorkspaceSession } from '../workspace-session';

/**
 * Seeded random co-editing against a real hub: this machine (a window's replica pushing through
 * applyRendererUpdate) and two other delegations (their own docs, partitioned at random, their
 * edits merged through applyPeerUpdate with what they had seen) type, delete words, paragraphs
 * and whole clauses, and add clauses. Every token is unique, so at the end each token this
 * machine typed is either in the document, or was deleted by someone who saw it (recorded when
 * they deleted it), or is in the ledger of kept text: nothing typed here disappears silently.
 *
 * The ops are the Yjs-level shapes of the editor's ops in renderer/src/editor/convergence/
 * (typing, a range delete, deleting a clause or a paragraph, inserting a clause, Enter), written
 * on the Y.XmlFragment as y-prosemirror writes them: electron/ cannot run the renderer's editor.
 */

const DOC = 'fw';
const SEEDS = Number(process.env.LOST_TEXT_SEEDS ?? 10);
const OPS = 160;

const open: WorkspaceSession[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T | undefined => (items.length ? items[Math.floor(random() * items.length)] : undefined);
const TOKEN = /\[[a-z]\d+\]/gu;
const tokensIn = (text: string) => text.match(TOKEN) ?? [];

function texts(type: Y.XmlElement | Y.XmlFragment): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) out.push(child);
    else if (child instanceof Y.XmlElement) out.push(...texts(child));
  }
  return out;
}
const plain = (t: Y.XmlText) => t.toDelta().map((d: { insert: unknown }) => (typeof d.insert === 'string' ? d.insert : '')).join('');
const tokensOf = (type: Y.XmlElement | Y.XmlText) => tokensIn(type instanceof Y.XmlText ? plain(type) : texts(type).map(plain).join(' '));
const clauses = (d: Y.Doc) =>
  d.getXmlFragment(CONTENT_FRAGMENT).toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'clause');

function newParagraph(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.setAttribute('level', 0 as unknown as string);
  const t = new Y.XmlText();
  if (text) t.insert(0, text);
  paragraph.insert(0, [t]);
  return paragraph;
}

/** Token boundaries of a text: 0 and after each "]". */
const gaps = (text: string) => [0, ...[...text].flatMap((ch, i) => (ch === ']' ? [i + 1] : []))];

interface Actor {
  name: string;
  doc: Y.Doc;
  count: number;
  /** Its state vector when it first edited since its last delivery to the hub (what its edits had seen, at least). */
  seenSince: Map<number, number> | null;
}

/** One random edit by `actor`; returns the tokens it typed, and those it deleted knowingly (they were in its copy). */
function randomOp(actor: Actor, random: Random, clauseIds: () => string): { typed: string[]; deleted: string[] } {
  const d = actor.doc;
  const fragment = d.getXmlFragment(CONTENT_FRAGMENT);
  const typed: string[] = [];
  const token = () => {
    typed.push(`[${actor.name}${++actor.count}]`);
    return typed.at(-1)!;
  };
  const r = random();
  const deleted: string[] = [];
  d.transact(() => {
    if (r < 0.55) {
      const t = pick(random, texts(fragment));
      if (!t) return;
      t.insert(pick(random, gaps(plain(t)))!, token());
    } else if (r < 0.7) {
      const t = pick(random, texts(fragment));
      const text = t ? plain(t) : '';
      const at = [...text.matchAll(TOKEN)];
      const m = pick(random, at);
      if (!t || !m) return;
      t.delete(m.index, m[0].length);
      deleted.push(m[0]);
    } else if (r < 0.8) {
      const c = pick(random, clauses(d));
      if (!c) return;
      deleted.push(...tokensOf(c));
      fragment.delete(fragment.toArray().indexOf(c), 1);
    } else if (r < 0.87) {
      const c = pick(random, clauses(d).filter((x) => x.length > 1));
      if (!c) return;
      const i = Math.floor(random() * c.length);
      deleted.push(...tokensOf(c.get(i) as Y.XmlElement));
      c.delete(i, 1);
    } else if (r < 0.95) {
      const el = new Y.XmlElement('clause');
      el.setAttribute('id', clauseIds());
      el.insert(0, [newParagraph(token())]);
      fragment.insert(1 + Math.floor(random() * fragment.length), [el]);
    } else {
      // Enter in a clause's paragraph: the tail moves into a new paragraph (new items, same words).
      const c = pick(random, clauses(d));
      const para = c?.toArray().find((x): x is Y.XmlElement => x instanceof Y.XmlElement && x.nodeName === 'paragraph');
      const t = para?.get(0);
      if (!c || !para || !(t instanceof Y.XmlText)) return;
      const text = plain(t);
      const at = pick(random, gaps(text))!;
      const tail = text.slice(at);
      if (tail) t.delete(at, tail.length);
      c.insert(c.toArray().indexOf(para) + 1, [newParagraph(tail)]);
    }
  });
  return { typed, deleted };
}

function startingContent(): unknown {
  return doc(
    h(1, '[s1]'),
    p('[s2]'),
    clause('c-0000000000000001', p('[s3][s4]'), p('[s5]')),
    clause('c-0000000000000002', p('[s6]'), ol('[s7]', '[s8]')),
    clause('c-0000000000000003', p('[s9]')),
  );
}

interface SeedFigures {
  typedHere: number;
  deletedKnowingly: number;
  keptTokens: number;
  /** Kept although someone had seen them (a conservative keep: shown, never harmful). */
  keptButSeen: number;
  silentlyLost: string[];
  entries: number;
}

function runSeed(seed: number): SeedFigures {
  const random = seededRandom(seed);
  const file = join(mkdtempSync(join(tmpdir(), 'chancery-random-lost-')), 'w.chancery');
  const session = WorkspaceSession.create(file, { title: 'T', parties: [], documents: [{ id: DOC, title: 'F', content: startingContent() }] });
  open.push(session);
  const hub = session.getDoc(DOC);
  let idCounter = 0x100;
  const clauseIds = () => `c-${seed.toString(16).padStart(8, '0').slice(-8)}${(idCounter++).toString(16).padStart(8, '0')}`;
  const mk = (name: string): Actor => {
    const d = new Y.Doc();
    Y.applyUpdate(d, Y.encodeStateAsUpdate(hub));
    return { name, doc: d, count: 0, seenSince: null };
  };
  const window = mk('w');
  const peers = [mk('a'), mk('b')];
  const connected = new Set<Actor>(peers);
  const knowingly = new Set<string>();
  const typedHere = new Set<string>();
  const toWindow = () => Y.applyUpdate(window.doc, Y.encodeStateAsUpdate(hub, Y.encodeStateVector(window.doc)));
  const deliver = (peer: Actor) => {
    const update = Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(hub));
    session.applyPeerUpdate(DOC, update, { by: peer.name.toUpperCase(), seen: peer.seenSince ?? Y.decodeStateVector(Y.encodeStateVector(peer.doc)) });
    peer.seenSince = null;
    toWindow();
    Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(hub, Y.encodeStateVector(peer.doc)));
  };

  try {
    for (let step = 0; step < OPS; step++) {
      if (random() < 0.1) for (const peer of peers) if (random() < 0.5) connected.add(peer); else connected.delete(peer);
      const actor = random() < 0.5 ? window : pick(random, peers)!;
      if (actor !== window && actor.seenSince === null) actor.seenSince = Y.decodeStateVector(Y.encodeStateVector(actor.doc));
      const before = Y.encodeStateVector(actor.doc);
      const { typed, deleted } = randomOp(actor, random, clauseIds);
      for (const t of deleted) knowingly.add(t);
      if (actor === window) {
        for (const t of typed) typedHere.add(t);
        session.applyRendererUpdate(DOC, Y.encodeStateAsUpdate(window.doc, before), 1);
      }
      if (random() < 0.3) for (const peer of connected) deliver(peer);
    }
    for (const peer of peers) deliver(peer);
    for (const peer of peers) deliver(peer);

    const visible = new Set(tokensIn(documentNode(hub).textContent));
    const kept = new Set(session.losses.list().flatMap((l) => tokensIn(l.text)));
    const silentlyLost = [...typedHere].filter((t) => !visible.has(t) && !knowingly.has(t) && !kept.has(t));
    const keptHere = [...kept].filter((t) => t.startsWith('[w'));
    return {
      typedHere: typedHere.size,
      deletedKnowingly: [...typedHere].filter((t) => knowingly.has(t) && !visible.has(t)).length,
      keptTokens: keptHere.length,
      keptButSeen: keptHere.filter((t) => knowingly.has(t) || visible.has(t)).length,
      silentlyLost,
      entries: session.losses.list().length,
    };
  } finally {
    for (const a of [window, ...peers]) a.doc.destroy();
  }
}

describe('random co-editing against the hub', () => {
  it('loses nothing typed here silently: every missing token was deleted knowingly or is kept', () => {
    const base = Number(process.env.LOST_TEXT_SEED ?? 20260701);
    const totals = { typedHere: 0, deletedKnowingly: 0, keptTokens: 0, keptButSeen: 0, entries: 0 };
    const failures: string[] = [];
    for (let i = 0; i < SEEDS; i++) {
      const seed = base + i;
      const f = runSeed(seed);
      totals.typedHere += f.typedHere;
      totals.deletedKnowingly += f.deletedKnowingly;
      totals.keptTokens += f.keptTokens;
      totals.keptButSeen += f.keptButSeen;
      totals.entries += f.entries;
      if (f.silentlyLost.length) failures.push(`seed ${seed}: ${f.silentlyLost.join(' ')} lost silently`);
    }
    console.log(
      `lost-text random: seeds ${base}..${base + SEEDS - 1} (LOST_TEXT_SEED to replay), ${OPS} ops each; ` +
        `typed here ${totals.typedHere} tokens, deleted knowingly ${totals.deletedKnowingly}, ` +
        `kept ${totals.keptTokens} in ${totals.entries} entries (of which ${totals.keptButSeen} had been seen), silently lost ${failures.length ? 'SOME' : 0}`,
    );
    expect(failures).toEqual([]);
    // Some of it would have vanished without the ledger: kept, never seen by whoever deleted it.
    expect(totals.keptTokens - totals.keptButSeen).toBeGreaterThan(0);
  }, 180_000);
});
