import * as Y from 'yjs';
import type { Node as PMNode } from 'prosemirror-model';
import { TextSelection } from 'prosemirror-state';
import { resolveClauseIds } from '../../../../shared/schema/clause-id-resolution';
import { CONTENT_FRAGMENT } from '../../../../shared/schema/schema';
import { ORIGIN_CLAUSE_IDS } from '../../../../shared/sync/origins';
import { seedDocument } from '../../../../shared/workspace/document-content';
import { LossLedger } from './loss-ledger';
import { FROM_NETWORK, Peer } from './peer';

/**
 * Two delegations on one document, for scripted concurrency scenarios: both start from the same
 * content, edit while apart, then `merge` (each receives the other's updates, its hub resolves
 * clause ids, and they exchange once more). `ledger.schemaRepairNodes` counts what y-prosemirror
 * had to delete on the way.
 */
export class TwoPeers {
  readonly ledger = new LossLedger();
  readonly a: Peer;
  readonly b: Peer;

  constructor(content: unknown) {
    const origin = new Y.Doc();
    origin.clientID = 1;
    seedDocument(origin, content, null);
    const initial = Y.encodeStateAsUpdate(origin);
    const onTransaction = (peer: Peer, tr: Y.Transaction) => this.ledger.onTransaction(peer.name, tr, peer.currentOp);
    this.a = new Peer('a', 11, initial, onTransaction);
    this.b = new Peer('b', 22, initial, onTransaction);
  }

  merge(): void {
    const send = (from: Peer, to: Peer) => Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), FROM_NETWORK);
    send(this.a, this.b);
    send(this.b, this.a);
    for (const peer of [this.a, this.b]) resolveClauseIds(peer.doc.getXmlFragment(CONTENT_FRAGMENT), ORIGIN_CLAUSE_IDS);
    send(this.a, this.b);
    send(this.b, this.a);
  }

  destroy(): void {
    this.a.destroy();
    this.b.destroy();
  }
}

/** Position of the first occurrence of `text` in `doc`. */
export function find(doc: PMNode, text: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(text)) found = pos + node.text!.indexOf(text);
    return found < 0;
  });
  if (found < 0) throw new Error(`"${text}" is not in the document`);
  return found;
}

/** Puts the cursor before `before` (plus `offset`) on `peer`. */
export function cursorAt(peer: Peer, before: string, offset = 0): void {
  peer.select(TextSelection.create(peer.view.state.doc, find(peer.view.state.doc, before) + offset));
}

/** Types `text` on `peer` just before the first occurrence of `before`. */
export function typeAt(peer: Peer, before: string, text: string): void {
  cursorAt(peer, before);
  peer.view.dispatch(peer.view.state.tr.insertText(text));
}

/** The n-th top-level clause: its position and the range of its content. */
export function clauseAt(doc: PMNode, n: number): { pos: number; from: number; to: number } {
  const found: { pos: number; from: number; to: number }[] = [];
  doc.forEach((child, offset) => {
    if (child.type.name === 'clause') found.push({ pos: offset, from: offset + 1, to: offset + child.nodeSize - 1 });
  });
  if (!found[n]) throw new Error(`the document has no clause ${n + 1}`);
  return found[n];
}
