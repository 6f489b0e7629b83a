import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { recordId } from '../../../shared/positions/canonical';
import type { PositionRecord } from '../../../shared/positions/model';
import { positionsMap } from '../../../shared/positions/positions-doc';
import type { Signer } from '../../../shared/positions/signing';
import { clause, doc, h, p } from '../../../shared/sample/builders';
import { legacyClauseId } from '../../../shared/schema/clause-ids';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { generateKeyPair, signerFromPrivateKey } from '../crypto/node-ed25519';
import { WorkspaceSession, type WorkspaceSeed } from '../workspace/workspace-session';

/** Helpers for the positions tests: keys, a small convened workspace, edits as a window makes them. Not used by the app. */

export function newSigner(): Signer {
  return signerFromPrivateKey(generateKeyPair().privateKey);
}

export const tmpFile = (): string => join(mkdtempSync(join(tmpdir(), 'chancery-positions-')), 'w.chancery');

/** Clause ids of the test documents, by their readable key. */
export const C = { a1: legacyClauseId('a-01'), a2: legacyClauseId('a-02'), a3: legacyClauseId('a-03'), b1: legacyClauseId('b-01') };

/** Two documents (three clauses and one), two parties, convened by `convener`. */
export function smallSeed(convener: Signer): WorkspaceSeed {
  return {
    title: 'Test talks',
    parties: [
      { code: 'ALD', name: 'Aldoria', colour: '#1f5fbf' },
      { code: 'VEL', name: 'Velmark', colour: '#c27c0e' },
    ],
    documents: [
      {
        id: 'alpha',
        title: 'Alpha',
        content: doc(h(1, 'Alpha'), clause('a-01', p('The Parties shall cease fire.')), clause('a-02', p('The Parties shall talk.')), clause('a-03', p('Nothing is agreed.'))),
      },
      { id: 'beta', title: 'Beta', content: doc(h(1, 'Beta'), clause('b-01', p('Sanctions shall be lifted.'))) },
    ],
    convener: { signer: convener, name: 'Convener' },
  };
}

/** The update a window's replica makes when its user types `text` at the end of `clauseId`'s first paragraph. */
export function typingUpdate(session: WorkspaceSession, docId: string, clauseId: string, text: string): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(session.getDoc(docId)));
  const before = Y.encodeStateVector(replica);
  const el = replica
    .getXmlFragment(CONTENT_FRAGMENT)
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === clauseId) as Y.XmlElement;
  const textNode = (el.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  textNode.insert(textNode.length, text);
  return Y.encodeStateAsUpdate(replica, before);
}

/** The update a peer sends that adds `record` (as it is, signed or not) to a document's positions. */
export function recordUpdate(session: WorkspaceSession, docId: string, record: PositionRecord): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(session.getDoc(docId)));
  const before = Y.encodeStateVector(replica);
  positionsMap(replica).set(recordId(record), { ...record });
  return Y.encodeStateAsUpdate(replica, before);
}
