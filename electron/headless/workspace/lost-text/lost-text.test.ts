import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { clause, doc, h, ol, p } from '../../../../shared/sample/builders';
import { isClauseId } from '../../../../shared/schema/clause-ids';
import { checkDocument } from '../../../../shared/schema/content-check';
import { CONTENT_FRAGMENT } from '../../../../shared/schema/schema';
import { documentNode } from '../../../../shared/workspace/document-content';
import { isChanceryError } from '../../../../shared/errors';
import { WorkspaceSession } from '../workspace-session';

/**
 * Text this machine typed into a clause that another delegation deleted without having seen the
 * typing: kept, shown with who deleted it and where, and put back on request — and nothing kept
 * when the other side had seen what it deleted, or the text was not typed here.
 */

const DOC = 'fw';
const C1 = 'c-1111111111111111';
const C2 = 'c-2222222222222222';
const C3 = 'c-3333333333333333';
const WINDOW = 7;

const open: WorkspaceSession[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});
const tmpFile = () => join(mkdtempSync(join(tmpdir(), 'chancery-lost-')), 'w.chancery');
const track = (s: WorkspaceSession) => (open.push(s), s);

function newWorkspace(): { file: string; session: WorkspaceSession } {
  const file = tmpFile();
  const content = doc(
    h(1, 'Framework'),
    p('The Parties,'),
    clause(C1, p('First clause.')),
    clause(C2, p('Second clause.'), ol('alpha', 'beta')),
    clause(C3, p('Third clause.')),
  );
  const session = track(WorkspaceSession.create(file, { title: 'T', parties: [], documents: [{ id: DOC, title: 'Framework', content }] }));
  return { file, session };
}

/** A copy of the document elsewhere (a window's replica, another delegation's hub): starts from `state`. */
function copyOf(state: Uint8Array): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, state);
  return d;
}

const fragmentOf = (d: Y.Doc) => d.getXmlFragment(CONTENT_FRAGMENT);
const clauseEl = (d: Y.Doc, id: string) =>
  fragmentOf(d).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === id) as Y.XmlElement;
const indexOf = (d: Y.Doc, id: string) => fragmentOf(d).toArray().indexOf(clauseEl(d, id));

/** The first text of a path of child indexes inside clause `id`, e.g. [1, 1, 0] = the list's 2nd item's paragraph. */
function textAt(d: Y.Doc, id: string, path: number[]): Y.XmlText {
  let node: Y.XmlElement | Y.XmlText = clauseEl(d, id);
  for (const i of path) node = (node as Y.XmlElement).get(i) as Y.XmlElement | Y.XmlText;
  return (node as Y.XmlElement).get(0) as Y.XmlText;
}

/** Types `text` in `replica` and sends it to the hub as the window's update; returns the update. */
function typeInWindow(session: WorkspaceSession, replica: Y.Doc, id: string, path: number[], text: string): Uint8Array {
  const before = Y.encodeStateVector(replica);
  const t = textAt(replica, id, path);
  t.insert(t.length, text);
  const update = Y.encodeStateAsUpdate(replica, before);
  session.applyRendererUpdate(DOC, update, WINDOW);
  return update;
}

/** Deletes clause `id` in `peer` and returns the update that carries it to the hub. */
function deleteClause(peer: Y.Doc, id: string): Uint8Array {
  const before = Y.encodeStateVector(peer);
  fragmentOf(peer).delete(indexOf(peer, id), 1);
  return Y.encodeStateAsUpdate(peer, before);
}

const hubState = (s: WorkspaceSession) => Y.encodeStateAsUpdate(s.getDoc(DOC));
const svOf = (d: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(d));
const clauseIdsOf = (s: WorkspaceSession) => {
  const ids: string[] = [];
  documentNode(s.getDoc(DOC)).forEach((n) => {
    if (n.type.name === 'clause') ids.push(n.attrs.id as string);
  });
  return ids;
};
const clauseText = (s: WorkspaceSession, id: string) => {
  let text: string | null = null;
  documentNode(s.getDoc(DOC)).forEach((n) => {
    if (n.attrs.id === id) text = n.textContent;
  });
  return text;
};

describe('keeping text another copy deleted unseen', () => {
  it("keeps what was typed here into a clause VEL deleted without seeing it; restores it after the clause before; it survives reopening", () => {
    const { file, session } = newWorkspace();
    const vel = copyOf(hubState(session));
    const seen = svOf(vel); // VEL's state: before the typing
    const window = copyOf(hubState(session));
    typeInWindow(session, window, C2, [0], ' The Parties shall cooperate.');
    typeInWindow(session, window, C2, [0], ' In good faith.');

    const changes: number[] = [];
    session.losses.onChange((losses) => changes.push(losses.length));
    const result = session.applyPeerUpdate(DOC, deleteClause(vel, C2), { by: 'VEL', seen });

    expect(result).toEqual({ kept: 1 });
    expect(clauseIdsOf(session)).toEqual([C1, C3]);
    const [lost, ...others] = session.losses.list();
    expect(others).toEqual([]);
    expect(lost).toMatchObject({ docId: DOC, clauseId: C2, place: 'paragraph 2', by: 'VEL', text: ' The Parties shall cooperate. In good faith.' });
    expect(Date.parse(lost!.at)).not.toBeNaN();
    expect(changes).toEqual([1]);

    session.close();
    open.pop();
    const reopened = track(WorkspaceSession.open(file));
    expect(reopened.losses.list()).toEqual([lost]);

    const heard: string[] = [];
    reopened.subscribe((_d, _u, origin) => heard.push(origin.kind));
    const restored = reopened.losses.restore(lost!.id);
    expect(restored.docId).toBe(DOC);
    expect(isClauseId(restored.clauseId)).toBe(true);
    expect([C1, C2, C3]).not.toContain(restored.clauseId);
    // Right after clause 1, the block that preceded the deleted clause 2.
    expect(clauseIdsOf(reopened)).toEqual([C1, restored.clauseId, C3]);
    expect(clauseText(reopened, restored.clauseId)).toBe('The Parties shall cooperate. In good faith.');
    expect(heard).toContain('command');
    expect(reopened.losses.list()).toEqual([]);
    documentNode(reopened.getDoc(DOC)).check();
    checkDocument(reopened.getDoc(DOC));
    // The window's next edit still passes the gate (its scratch copy has the restored clause).
    const replica = copyOf(hubState(reopened));
    expect(() => typeInWindow(reopened, replica, restored.clauseId, [0], ' Amen.')).not.toThrow();

    reopened.close();
    open.pop();
    const again = track(WorkspaceSession.open(file));
    expect(again.losses.list()).toEqual([]);
    expect(clauseText(again, restored.clauseId)).toContain('In good faith. Amen.');
  });

  it('names the list item or the heading the text was typed in; a first block goes back at the start', () => {
    const { session } = newWorkspace();
    const vel = copyOf(hubState(session));
    const seen = svOf(vel);
    const window = copyOf(hubState(session));
    typeInWindow(session, window, C2, [1, 1, 0], ' (amended)'); // the list's second item: (b)
    session.applyPeerUpdate(DOC, deleteClause(vel, C2), { by: 'ALD', seen });
    expect(session.losses.list().map((l) => [l.place, l.text])).toEqual([['paragraph 2 (b)', ' (amended)']]);

    const before = Y.encodeStateVector(window);
    ((fragmentOf(window).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert('Framework'.length, ' Agreement');
    session.applyRendererUpdate(DOC, Y.encodeStateAsUpdate(window, before), WINDOW);
    const b = Y.encodeStateVector(vel);
    fragmentOf(vel).delete(0, 1); // VEL, still without the new words, deletes the heading
    expect(session.applyPeerUpdate(DOC, Y.encodeStateAsUpdate(vel, b), { by: 'ALD', seen })).toEqual({ kept: 1 });
    const heading = session.losses.list()[1]!;
    expect(heading).toMatchObject({ place: 'the heading “Framework Agreement”', clauseId: null, text: ' Agreement' });

    const { clauseId } = session.losses.restore(heading.id);
    const node = documentNode(session.getDoc(DOC));
    expect(node.firstChild?.attrs.id).toBe(clauseId);
    expect(node.firstChild?.textContent).toBe('Agreement');
    const [item] = session.losses.list();
    const again = session.losses.restore(item!.id);
    expect(clauseIdsOf(session)).toEqual([clauseId, C1, again.clauseId, C3]);
    expect(clauseText(session, again.clauseId)).toBe('(amended)');
  });

  it('keeps nothing when the deleting copy had seen the typing', () => {
    const { session } = newWorkspace();
    const window = copyOf(hubState(session));
    typeInWindow(session, window, C2, [0], ' Seen by all.');
    const vel = copyOf(hubState(session)); // VEL has the typing
    expect(session.applyPeerUpdate(DOC, deleteClause(vel, C2), { by: 'VEL', seen: svOf(vel) })).toEqual({ kept: 0 });
    // With what it had seen unknown, its delete set says it deleted the text knowingly.
    const { session: s2 } = newWorkspace();
    const w2 = copyOf(hubState(s2));
    typeInWindow(s2, w2, C2, [0], ' Seen by all.');
    const vel2 = copyOf(hubState(s2));
    expect(s2.applyPeerUpdate(DOC, deleteClause(vel2, C2), { by: 'VEL' })).toEqual({ kept: 0 });
    expect([...session.losses.list(), ...s2.losses.list()]).toEqual([]);
  });

  it('keeps the unseen typing even when what the sender had seen is unknown (its delete set does not name it)', () => {
    const { session } = newWorkspace();
    const vel = copyOf(hubState(session));
    const window = copyOf(hubState(session));
    typeInWindow(session, window, C3, [0], ' Unseen words.');
    expect(session.applyPeerUpdate(DOC, deleteClause(vel, C3))).toEqual({ kept: 1 });
    expect(session.losses.list()[0]).toMatchObject({ by: 'another delegation', place: 'paragraph 3', text: ' Unseen words.' });
  });

  it('keeps nothing of text only other copies typed, nor of words a peer deleted after seeing them', () => {
    const { session } = newWorkspace();
    const vel = copyOf(hubState(session));
    const ald = copyOf(hubState(session));
    // ALD (another copy, not this machine) types into clause 2; VEL deletes it unseen.
    const b = Y.encodeStateVector(ald);
    textAt(ald, C2, [0]).insert(0, 'ALD words. ');
    session.applyPeerUpdate(DOC, Y.encodeStateAsUpdate(ald, b), { by: 'ALD', seen: null });
    const seen = svOf(vel);
    expect(session.applyPeerUpdate(DOC, deleteClause(vel, C2), { by: 'VEL', seen })).toEqual({ kept: 0 });
    // Seed text deleted with clause 3: not typed here either.
    expect(session.applyPeerUpdate(DOC, deleteClause(vel, C3), { by: 'VEL', seen })).toEqual({ kept: 0 });

    // Typed here, seen by VEL, then some of its characters deleted by VEL.
    const window = copyOf(hubState(session));
    typeInWindow(session, window, C1, [0], ' Drop these words.');
    Y.applyUpdate(vel, Y.encodeStateAsUpdate(session.getDoc(DOC), Y.encodeStateVector(vel)));
    const before = Y.encodeStateVector(vel);
    const t = textAt(vel, C1, [0]);
    t.delete(t.length - 'these words.'.length, 'these words.'.length);
    const update = Y.encodeStateAsUpdate(vel, before);
    expect(session.applyPeerUpdate(DOC, update, { by: 'VEL', seen: svOf(vel) })).toEqual({ kept: 0 });
    expect(session.applyPeerUpdate(DOC, update, { by: 'VEL' })).toEqual({ kept: 0 }); // a repeat changes nothing
    expect(session.losses.list()).toEqual([]);
    expect(clauseText(session, C1)).toBe('First clause. Drop ');
  });

  it('remembers which client ids are this machine’s across reopening; dismiss forgets an entry; unknown ids are typed errors', () => {
    const { file, session } = newWorkspace();
    const window = copyOf(hubState(session));
    typeInWindow(session, window, C1, [0], ' x');
    expect(session.losses.localClients.has(window.clientID)).toBe(true);
    session.close();
    open.pop();
    const reopened = track(WorkspaceSession.open(file));
    expect(reopened.losses.localClients.has(window.clientID)).toBe(true);

    const vel = copyOf(hubState(reopened));
    const w2 = copyOf(hubState(reopened));
    const seen = svOf(vel);
    typeInWindow(reopened, w2, C1, [0], ' more');
    reopened.applyPeerUpdate(DOC, deleteClause(vel, C1), { by: 'VEL', seen });
    const [entry] = reopened.losses.list();
    expect(entry?.text).toBe(' more');
    reopened.losses.dismiss(entry!.id);
    expect(reopened.losses.list()).toEqual([]);
    let code: unknown = null;
    try {
      reopened.losses.restore(entry!.id);
    } catch (err) {
      code = isChanceryError(err, 'LOST_TEXT_NOT_FOUND') ? err.code : err;
    }
    expect(code).toBe('LOST_TEXT_NOT_FOUND');
  });
});
