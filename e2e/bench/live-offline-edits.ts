/**
 * Rows 6e/6f's offline work: `count` small edits, each one Yjs update as a window's replica sends
 * it to main, applied through the hub's renderer path (gate, durable append) of a session with no
 * relay connection — a delegate typing offline. Made directly on a replica Y.Doc (its own client
 * id) rather than through ProseMirror (replica-updates.ts does that for a few hundred; it would
 * take minutes for 10,000): nine in ten type one character at a random place in the first
 * paragraph of a random clause, one in ten deletes one character there (Backspace). Seeded.
 */
import * as Y from 'yjs';
import type { WorkspaceSession } from '../../electron/headless/workspace/workspace-session';
import { CONTENT_FRAGMENT } from '../../shared/schema/schema';
import { seededRandom } from '../../shared/testing/seeded-random';

const LETTERS = 'the parties shall notify the mechanism in writing ';

/** The first paragraph's text of every clause. */
function clauseTexts(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  for (const node of doc.getXmlFragment(CONTENT_FRAGMENT).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'clause') continue;
    const text = (node.get(0) as Y.XmlElement | undefined)?.get(0);
    if (text instanceof Y.XmlText) out.push(text);
  }
  return out;
}

/** Applies `count` edits to `docId` through `session`'s renderer path; returns the replica's client id. */
export function editOffline(session: WorkspaceSession, docId: string, count: number, seed: number): number {
  const random = seededRandom(seed);
  const replica = new Y.Doc();
  replica.clientID = 1 + Math.floor(random() * 0x7ffffffe);
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(session.getDoc(docId)));
  const texts = clauseTexts(replica);
  if (texts.length === 0) throw new Error(`document ${docId} has no clause text to edit`);
  const last: { update: Uint8Array | null } = { update: null };
  replica.on('update', (u: Uint8Array) => {
    last.update = u;
  });
  for (let k = 0; k < count; k++) {
    const text = texts[Math.floor(random() * texts.length)]!;
    const at = Math.floor(random() * (text.length + 1));
    last.update = null;
    if (random() < 0.1 && at > 0) text.delete(at - 1, 1);
    else text.insert(at, LETTERS[k % LETTERS.length]!);
    if (last.update === null) throw new Error(`edit ${k + 1} made no update`);
    session.applyRendererUpdate(docId, last.update, 1);
  }
  const client = replica.clientID;
  replica.destroy();
  return client;
}
