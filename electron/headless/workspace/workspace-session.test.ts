import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { documentNode } from '../../../shared/workspace/document-content';
import { isChanceryError } from '../../../shared/errors';
import { COMPACT_AFTER_UPDATES, WorkspaceSession } from './workspace-session';
import { WorkspaceRegistry } from './workspace-registry';
import { sampleSeed } from './sample';

const open: WorkspaceSession[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});
const tmpFile = () => join(mkdtempSync(join(tmpdir(), 'chancery-session-')), 'w.chancery');
const track = (s: WorkspaceSession) => (open.push(s), s);

/** Types `text` at the end of the first clause of a replica, as a renderer would, and returns the update. */
function typeInReplica(state: Uint8Array, text: string): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, state);
  const before = Y.encodeStateVector(replica);
  const fragment = replica.getXmlFragment(CONTENT_FRAGMENT);
  const clause = fragment.toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === 'clause') as Y.XmlElement;
  const para = clause.get(0) as Y.XmlElement;
  let textNode = para.get(0) as Y.XmlText | undefined;
  if (!textNode) {
    textNode = new Y.XmlText();
    para.insert(0, [textNode]);
  }
  textNode.insert(textNode.length, text);
  return Y.encodeStateAsUpdate(replica, before);
}

describe('WorkspaceSession', () => {
  it('creates the sample and reopens it unchanged', () => {
    const file = tmpFile();
    const created = WorkspaceSession.create(file, sampleSeed());
    const manifest = created.manifest();
    const texts = manifest.documents.map((d) => documentNode(created.getDoc(d.id)).textContent);
    created.close();
    expect(manifest.documents).toHaveLength(5);
    expect(manifest.parties).toHaveLength(4);

    const reopened = track(WorkspaceSession.open(file));
    expect(reopened.manifest()).toEqual(manifest);
    expect(manifest.documents.map((d) => documentNode(reopened.getDoc(d.id)).textContent)).toEqual(texts);
  });

  it('keeps the closed sample within 3x its plain text plus its signed records (it travels on USB sticks and by mail)', () => {
    const file = tmpFile();
    const seed = sampleSeed();
    const s = WorkspaceSession.create(file, seed);
    const text = s.manifest().documents.map((d) => documentNode(s.getDoc(d.id)).textContent).join('');
    s.close();
    const textBytes = new TextEncoder().encode(text).byteLength;
    // Signatures, keys and hashes do not compress; each record is stored once, as its JSON under its id.
    const records = [...Object.values(seed.positions ?? {}).flat(), ...(seed.roster ?? [])];
    const recordBytes = records.reduce((sum, r) => sum + new TextEncoder().encode(JSON.stringify(r)).byteLength + 43, 0);
    expect(statSync(file).size).toBeLessThanOrEqual(3 * textBytes + recordBytes);
  });

  it('persists a renderer update before applying it, and it survives reopening', () => {
    const file = tmpFile();
    const s = WorkspaceSession.create(file, { title: 'T', parties: [], documents: [] });
    const id = s.addDocument('Draft');
    const update = typeInReplica(Y.encodeStateAsUpdate(s.getDoc(id)), 'The Parties shall');
    s.applyRendererUpdate(id, update, 7);
    s.applyRendererUpdate(id, update, 7); // a retry of the same update is harmless
    expect(documentNode(s.getDoc(id)).textContent).toContain('The Parties shall');
    s.close();
    const r = track(WorkspaceSession.open(file));
    const node = documentNode(r.getDoc(id));
    expect(node.textContent).toBe('DraftThe Parties shall');
    node.check();
  });

  it('keeps manifest edits: add, rename, move, delete', () => {
    const file = tmpFile();
    const s = WorkspaceSession.create(file, { title: 'T', parties: [], documents: [] });
    const a = s.addDocument('Alpha');
    const b = s.addDocument('Beta');
    const c = s.addDocument('Gamma');
    s.renameDocument(b, 'Beta (revised)');
    s.moveDocument(c, 0);
    s.deleteDocument(a);
    s.close();
    const r = track(WorkspaceSession.open(file));
    expect(r.manifest().documents).toEqual([
      { id: c, title: 'Gamma' },
      { id: b, title: 'Beta (revised)' },
    ]);
    expect(() => r.getDoc(a)).toThrow(expect.objectContaining({ code: 'DOCUMENT_NOT_FOUND' }));
  });

  it('compacts a busy document into one row without losing text', () => {
    const file = tmpFile();
    const s = track(WorkspaceSession.create(file, { title: 'T', parties: [], documents: [] }));
    const id = s.addDocument('Busy');
    let state = Y.encodeStateAsUpdate(s.getDoc(id));
    for (let i = 0; i < COMPACT_AFTER_UPDATES + 20; i++) {
      const u = typeInReplica(state, 'x');
      s.applyRendererUpdate(id, u, 1);
      state = Y.mergeUpdates([state, u]);
    }
    expect(s.store.updateCount(id)).toBeLessThan(COMPACT_AFTER_UPDATES);
    const text = documentNode(s.getDoc(id)).textContent;
    expect(text).toBe(`Busy${'x'.repeat(COMPACT_AFTER_UPDATES + 20)}`);
  }, 30_000);

  it('refuses unknown documents with a typed error', () => {
    const s = track(WorkspaceSession.create(tmpFile(), { title: 'T', parties: [], documents: [] }));
    try {
      s.getDoc('nope');
      expect.unreachable();
    } catch (err) {
      expect(isChanceryError(err, 'DOCUMENT_NOT_FOUND')).toBe(true);
      expect((err as Error).message).toContain('"nope"');
    }
  });
});

describe('WorkspaceRegistry', () => {
  it('forwards a window\'s edit to the other windows that have the doc open, not back to the sender', () => {
    const sent: [number, string][] = [];
    const registry = new WorkspaceRegistry({ docUpdate: (w, d) => sent.push([w, d]) });
    const file = tmpFile();
    const s = registry.create(file, { title: 'T', parties: [], documents: [] });
    const id = s.addDocument('Shared');
    registry.attachWindow(1, s);
    registry.attachWindow(2, s);
    registry.attachWindow(3, s);
    registry.markDocOpen(1, id);
    registry.markDocOpen(2, id);
    sent.length = 0;
    s.applyRendererUpdate(id, typeInReplica(Y.encodeStateAsUpdate(s.getDoc(id)), 'hi'), 1);
    expect(sent).toEqual([[2, id]]);
    registry.closeAll();
    expect(s.isClosed).toBe(true);
  });

  it('closes the file when its last window leaves', () => {
    const registry = new WorkspaceRegistry({ docUpdate: () => {} });
    const file = tmpFile();
    const s = registry.create(file, { title: 'T', parties: [], documents: [] });
    registry.attachWindow(1, s);
    registry.attachWindow(2, registry.open(file));
    registry.detachWindow(1);
    expect(s.isClosed).toBe(false);
    registry.detachWindow(2);
    expect(s.isClosed).toBe(true);
    const again = registry.open(file);
    expect(again.manifest().title).toBe('T');
    registry.closeAll();
  });
});

