import * as Y from 'yjs';
import { resolveClauseIds } from '../../../../shared/schema/clause-id-resolution';
import { CONTENT_FRAGMENT } from '../../../../shared/schema/schema';
import { ORIGIN_CLAUSE_IDS } from '../../../../shared/sync/origins';
import { FROM_NETWORK, type Peer } from './peer';

/**
 * The relay between the test's peers: peers in one group exchange Yjs updates, groups do not
 * (a partition: hotel wifi, an air gap). After receiving, each peer does what its hub will do
 * with remote content: resolve duplicate clause ids deterministically (`resolveClauseIds`).
 */
export class Network {
  private group: number[];
  /** Clause-id changes the peers' hubs made (one per clause and peer that changed it). */
  resolvedIds = 0;

  constructor(private readonly peers: readonly Peer[]) {
    this.group = peers.map(() => 0);
  }

  /** Splits the peers into up to `maxGroups` random groups. */
  partition(random: () => number, maxGroups: number): void {
    const groups = 1 + Math.floor(random() * maxGroups);
    this.group = this.peers.map(() => Math.floor(random() * groups));
  }

  connectAll(): void {
    this.group = this.peers.map(() => 0);
  }

  /** Describes the current partition, e.g. "ab|cd", for failure messages. */
  describe(): string {
    const byGroup = new Map<number, string>();
    this.peers.forEach((p, i) => byGroup.set(this.group[i]!, (byGroup.get(this.group[i]!) ?? '') + p.name));
    return [...byGroup.values()].join('|');
  }

  /** Every peer receives, in one update, what the others of its group have and it lacks. */
  exchange(): void {
    this.peers.forEach((peer, i) => {
      const updates: Uint8Array[] = [];
      this.peers.forEach((other, j) => {
        if (j !== i && this.group[j] === this.group[i]) updates.push(Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(peer.doc)));
      });
      if (updates.length === 0) return;
      Y.applyUpdate(peer.doc, Y.mergeUpdates(updates), FROM_NETWORK);
      this.resolvedIds += resolveClauseIds(peer.doc.getXmlFragment(CONTENT_FRAGMENT), ORIGIN_CLAUSE_IDS).length;
    });
  }

  /** Reconnects everyone and exchanges until every peer holds the same state. */
  settle(): void {
    this.connectAll();
    for (let round = 0; round < 10; round++) {
      this.exchange();
      const first = Y.snapshot(this.peers[0]!.doc);
      if (this.peers.every((p) => Y.equalSnapshots(first, Y.snapshot(p.doc)))) return;
    }
    throw new Error('The peers did not reach the same state after 10 rounds of full exchange.');
  }
}
