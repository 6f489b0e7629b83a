import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom } from '../../../shared/testing/seeded-random';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { legacyClauseId } from '../../../shared/schema/clause-ids';
import { newSigner } from '../positions/positions-test-support';
import type { RunningRelay } from '../relay/relay';
import type { Signer } from '../../../shared/positions/signing';
import { WorkspaceSession } from '../workspace/workspace-session';
import { joinWorkspace } from './join';
import { convenedWorkspace, docXml, invitationText, QUICK_RETRY, removeDir, startSync, testRelay, tmpDir, waitFor } from './live-test-support';
import type { RelaySync } from './relay-sync';

/**
 * The convergence property over the network: three delegations type, delete and add or remove
 * clauses at random, each through its hub as a window would, while their connections drop and come
 * back and the relay itself restarts once; in the end every copy holds the same text. Seeded:
 * CHANCERY_SEED replays a printed seed, CHANCERY_LIVE_FUZZ_ROUNDS runs more rounds (long mode).
 */

const ROUNDS = Number(process.env.CHANCERY_LIVE_FUZZ_ROUNDS ?? 1);
const OPS_PER_ROUND = 60;
const DOCS = ['alpha', 'beta'];

interface Peer {
  name: string;
  session: WorkspaceSession;
  signer: Signer;
  sync: RelaySync | null;
}

let dir: string;
let relay: RunningRelay;
const peers: Peer[] = [];

beforeEach(async () => {
  dir = tmpDir();
  relay = await testRelay(join(dir, 'relay'));
});

afterEach(async () => {
  for (const p of peers.splice(0)) {
    await p.sync?.stop();
    p.session.close();
  }
  await relay.close();
  removeDir(dir);
});

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function clausesOf(doc: Y.Doc): Y.XmlElement[] {
  return doc
    .getXmlFragment(CONTENT_FRAGMENT)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'clause');
}

function firstText(clause: Y.XmlElement): Y.XmlText | null {
  const paragraph = clause.get(0);
  if (!(paragraph instanceof Y.XmlElement)) return null;
  const text = paragraph.get(0);
  return text instanceof Y.XmlText ? text : null;
}

/** One random edit, made on a replica as a window would and pushed through the hub's window path. */
function randomEdit(peer: Peer, random: () => number, counter: { n: number }): void {
  const docId = pick(random, DOCS);
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(peer.session.getDoc(docId)));
  const before = Y.encodeStateVector(replica);
  const clauses = clausesOf(replica);
  const roll = random();
  const fragment = replica.getXmlFragment(CONTENT_FRAGMENT);
  if (roll < 0.12 || clauses.length === 0) {
    const clause = new Y.XmlElement('clause');
    clause.setAttribute('id', legacyClauseId(`${peer.name}-${counter.n++}`));
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`[${peer.name} new ${counter.n}]`)]);
    clause.insert(0, [paragraph]);
    fragment.insert(Math.floor(random() * (fragment.length + 1)), [clause]);
  } else if (roll < 0.18 && clauses.length > 2) {
    const victim = pick(random, clauses);
    fragment.delete(fragment.toArray().indexOf(victim), 1);
  } else {
    const text = firstText(pick(random, clauses));
    if (!text) return;
    if (roll < 0.4 && text.length > 0) {
      const at = Math.floor(random() * text.length);
      text.delete(at, Math.min(text.length - at, 1 + Math.floor(random() * 6)));
    } else {
      text.insert(Math.floor(random() * (text.length + 1)), ` ${peer.name}${counter.n++}`);
    }
  }
  const update = Y.encodeStateAsUpdate(replica, before);
  replica.destroy();
  peer.session.applyRendererUpdate(docId, update, 1);
}

function online(peer: Peer): void {
  if (!peer.sync) peer.sync = startSync(peer.session, relay.url, peer.signer, peer.name);
}

async function offline(peer: Peer): Promise<void> {
  const sync = peer.sync;
  peer.sync = null;
  await sync?.stop();
}

describe('network convergence', () => {
  it('three delegations editing at random through a relay, with drops and a relay restart, converge', { timeout: 240_000 }, async () => {
    const seed = Number(process.env.CHANCERY_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`network convergence: seed ${seed} (replay with CHANCERY_SEED=${seed}), ${ROUNDS} round(s)`);
    const random = seededRandom(seed);

    const a = convenedWorkspace(dir);
    const convener: Peer = { name: 'A', session: a.session, signer: a.convener, sync: null };
    peers.push(convener);
    online(convener);
    await convener.sync!.whenSynced(10_000);
    for (const [name, party] of [['B', 'VEL'], ['C', 'ALD']] as const) {
      const signer = newSigner();
      const text = invitationText(a.session, a.convener, relay.url, party, 'head');
      const session = await joinWorkspace({ invitationText: text, out: join(dir, `${name}.chancery`), signer, name, timeoutMs: 10_000, retry: QUICK_RETRY });
      const peer: Peer = { name, session, signer, sync: null };
      peers.push(peer);
      online(peer);
    }

    const counter = { n: 0 };
    const restartAt = Math.floor(random() * OPS_PER_ROUND * ROUNDS);
    for (let op = 0; op < OPS_PER_ROUND * ROUNDS; op++) {
      const peer = pick(random, peers);
      const roll = random();
      if (roll < 0.08) await offline(peer);
      else if (roll < 0.2) online(peer);
      else randomEdit(peer, random, counter);
      if (op === restartAt) {
        const port = relay.port;
        await relay.close();
        relay = await testRelay(join(dir, 'relay'), port);
      }
      if (random() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(random() * 30)));
    }

    for (const peer of peers) online(peer);
    for (const peer of peers) await peer.sync!.whenSynced(30_000);
    const same = () => DOCS.every((docId) => peers.every((p) => docXml(p.session, docId) === docXml(peers[0]!.session, docId)));
    await waitFor(same, `every copy to hold the same text (seed ${seed})`, 30_000);
    for (const docId of DOCS) {
      const texts = peers.map((p) => docXml(p.session, docId));
      expect(new Set(texts).size, `document ${docId} differs between copies (seed ${seed})`).toBe(1);
    }
    expect(peers.map((p) => p.sync!.refusedUpdates)).toEqual([0, 0, 0]);
  });
});
