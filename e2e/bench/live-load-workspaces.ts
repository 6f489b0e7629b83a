/**
 * Rows 6c/6d's workspaces: `count` small workspaces, each convened by one convener key (who heads
 * no party) with the heads of ALD and VEL admitted, so three members may write to each one. Keys
 * are deterministic (shared/testing/test-keys.ts, seed printed in the note); each workspace is
 * made as a real file (WorkspaceSession.create → convene → admit), and what the load's clients
 * start from is read out of it: the manifest's and the document's states, and the signed convene
 * entry the convener's first contact presents.
 */
import { join } from 'node:path';
import * as Y from 'yjs';
import { signerFromPrivateKey } from '../../electron/headless/crypto/node-ed25519';
import { WorkspaceSession } from '../../electron/headless/workspace/workspace-session';
import type { RosterEntry } from '../../shared/positions/model';
import { parseRosterEntry } from '../../shared/positions/record-schema';
import { readRosterEntries } from '../../shared/positions/roster-doc';
import type { Signer } from '../../shared/positions/signing';
import { seededRandom } from '../../shared/testing/seeded-random';
import { TestKeys } from '../../shared/testing/test-keys';
import { generatedSeed } from './generate-workspace';

export interface LoadMember {
  signer: Signer;
  name: string;
}

export interface LoadWorkspace {
  workspaceId: string;
  docId: string;
  manifestState: Uint8Array;
  docState: Uint8Array;
  convene: RosterEntry;
}

export interface LoadWorkspaces {
  /** Convener, head of ALD, head of VEL: the three clients of every workspace, in that order. */
  members: [LoadMember, LoadMember, LoadMember];
  workspaces: LoadWorkspace[];
  keySeed: number;
}

/** Each workspace's one document: a short treaty text (12 clauses of ~30 words). */
const LOAD_DOCUMENT = [{ id: 'text', title: 'Ceasefire text', clauses: 12, wordsPerClause: 30 }] as const;

export function loadWorkspaces(dir: string, count: number, keySeed = 61): LoadWorkspaces {
  const keys = new TestKeys((pkcs8) => signerFromPrivateKey(pkcs8), seededRandom(keySeed));
  const members: LoadWorkspaces['members'] = [
    { signer: keys.next(), name: 'Load convener' },
    { signer: keys.next(), name: 'Load head of ALD' },
    { signer: keys.next(), name: 'Load head of VEL' },
  ];
  const [convener, ald, vel] = members;
  const workspaces: LoadWorkspace[] = [];
  for (let i = 0; i < count; i++) {
    const session = WorkspaceSession.create(join(dir, `load-${i}.chancery`), generatedSeed(`Load workspace ${i + 1}`, LOAD_DOCUMENT, 500 + i));
    try {
      session.positions.convene(convener.signer, convener.name);
      session.positions.admit(convener.signer, { v: 1, name: ald.name, key: ald.signer.publicKey }, 'head', 'ALD');
      session.positions.admit(convener.signer, { v: 1, name: vel.name, key: vel.signer.publicKey }, 'head', 'VEL');
      const convene = readRosterEntries(session.manifestDoc)
        .map(([, value]) => parseRosterEntry(value))
        .find((entry) => entry.action === 'convene' && entry.signer === convener.signer.publicKey);
      if (!convene) throw new Error(`load workspace ${i + 1} has no convene entry after convening`);
      const docId = session.manifest().documents[0]!.id;
      workspaces.push({
        workspaceId: session.store.meta.workspaceId,
        docId,
        manifestState: Y.encodeStateAsUpdate(session.manifestDoc),
        docState: Y.encodeStateAsUpdate(session.getDoc(docId)),
        convene,
      });
    } finally {
      session.close();
    }
  }
  return { members, workspaces, keySeed };
}
