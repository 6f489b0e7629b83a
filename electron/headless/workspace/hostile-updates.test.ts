import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { documentNode, documentStats } from '../../../shared/workspace/document-content';
import { MANIFEST_DOC_ID } from '../../../shared/workspace/manifest';
import { WorkspaceRegistry } from './workspace-registry';
import type { WorkspaceSession } from './workspace-session';
import { sampleSeed } from './sample';
import { HOSTILE_DOCUMENT_UPDATES, editOf, firstClause, firstClauseText, manifestRetitle } from '../../../shared/testing/hostile-updates';

/**
 * What a compromised or buggy window can send, replayed against the hub: each update must be
 * refused with INVALID_UPDATE naming the document, and nothing of it may reach the file, the
 * hub's doc or another window. (The same updates go through real IPC in e2e/hostile.e2e.ts.)
 */

const tmpFile = () => join(mkdtempSync(join(tmpdir(), 'chancery-hostile-')), 'w.chancery');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A workspace holding the sample, seen by two windows (1 sends, 2 watches what it is sent). */
function setUp() {
  const forwarded: { windowId: number; docId: string }[] = [];
  const registry = new WorkspaceRegistry({ docUpdate: (windowId, docId) => forwarded.push({ windowId, docId }) });
  const session = registry.create(tmpFile(), sampleSeed());
  cleanups.push(() => registry.closeAll());
  const docId = session.manifest().documents[0]!.id;
  for (const w of [1, 2]) {
    registry.attachWindow(w, session);
    registry.markDocOpen(w, docId);
    registry.markDocOpen(w, MANIFEST_DOC_ID);
  }
  return { registry, session, docId, forwarded };
}

const replicaEdit = (session: WorkspaceSession, docId: string, edit: (fragment: Y.XmlFragment, doc: Y.Doc) => void) =>
  editOf(Y.encodeStateAsUpdate(session.getDoc(docId)), edit);

function snapshot(session: WorkspaceSession, docId: string) {
  const node = documentNode(session.getDoc(docId));
  return { state: Y.encodeStateAsUpdate(session.getDoc(docId)), rows: session.store.updateCount(docId), stats: documentStats(node) };
}

describe('the hub refuses what it could not read back', () => {
  it.each(HOSTILE_DOCUMENT_UPDATES.map((h) => [h.name, h.make] as const))('refuses %s: nothing stored, applied or forwarded', (_what, make) => {
    const { session, docId, forwarded } = setUp();
    const title = session.manifest().documents[0]!.title;
    const before = snapshot(session, docId);
    const update = make(Y.encodeStateAsUpdate(session.getDoc(docId)));
    forwarded.length = 0;
    let error: unknown;
    try {
      session.applyRendererUpdate(docId, update, 1);
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: 'INVALID_UPDATE' });
    expect((error as Error).message).toContain(title);
    expect((error as Error).message).toMatch(/Nothing of it was saved/u);
    expect(snapshot(session, docId)).toEqual(before);
    expect(forwarded).toEqual([]);

    // The hub is not wedged: the next good edit is stored and forwarded.
    const good = replicaEdit(session, docId, (f) => firstClauseText(f).insert(0, 'Agreed: '));
    session.applyRendererUpdate(docId, good, 1);
    expect(documentNode(session.getDoc(docId)).textContent).toContain('Agreed: ');
    expect(session.store.updateCount(docId)).toBe(before.rows + 1);
    expect(forwarded).toEqual([{ windowId: 2, docId }]);
  });

  it('keeps the text of the issue\'s example: a node pushed into a clause where it cannot stand neither deletes the clause nor reaches the file', () => {
    const { registry, session, docId } = setUp();
    const before = documentStats(documentNode(session.getDoc(docId)));
    const update = replicaEdit(session, docId, (f) => firstClause(f).insert(0, [new Y.XmlElement('clause')]));
    expect(() => session.applyRendererUpdate(docId, update, 1)).toThrow(expect.objectContaining({ code: 'INVALID_UPDATE' }));
    const path = session.store.path;
    registry.closeAll();
    const reopened = new WorkspaceRegistry({ docUpdate: () => {} }).open(path);
    cleanups.push(() => reopened.close());
    expect(documentStats(documentNode(reopened.getDoc(docId)))).toEqual(before);
  });

  it('refuses any window update to the manifest, even a harmless-looking one', () => {
    const { session, forwarded } = setUp();
    const update = manifestRetitle(Y.encodeStateAsUpdate(session.manifestDoc), 'Retitled by a window');
    const rows = session.store.updateCount(MANIFEST_DOC_ID);
    forwarded.length = 0;
    expect(() => session.applyRendererUpdate(MANIFEST_DOC_ID, update, 1)).toThrow(expect.objectContaining({ code: 'INVALID_UPDATE' }));
    expect(session.manifest().title).toBe(sampleSeed().title);
    expect(session.store.updateCount(MANIFEST_DOC_ID)).toBe(rows);
    expect(forwarded).toEqual([]);
  });
});

describe('reading never changes a document', () => {
  it('leaves the hub doc and its stored rows byte-identical after summaries and conversions', () => {
    const { session, docId } = setUp();
    const state = Y.encodeStateAsUpdate(session.getDoc(docId));
    const rows = session.store.loadUpdates(docId);
    for (let i = 0; i < 3; i++) documentNode(session.getDoc(docId));
    expect(Y.encodeStateAsUpdate(session.getDoc(docId))).toEqual(state);
    expect(session.store.loadUpdates(docId)).toEqual(rows);
  });

  it('converts a copy, so content y-prosemirror would delete stays in the doc it was read from', () => {
    const doc = new Y.Doc();
    const clause = new Y.XmlElement('clause');
    clause.setAttribute('id', 'c-0123456789abcdef');
    clause.insert(0, [new Y.XmlElement('table')]);
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [clause]);
    const state = Y.encodeStateAsUpdate(doc);
    documentNode(doc);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
    expect(doc.getXmlFragment(CONTENT_FRAGMENT).length).toBe(1);
  });
});
