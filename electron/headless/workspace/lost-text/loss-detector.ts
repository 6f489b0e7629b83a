import * as Y from 'yjs';
import { CONTENT_FRAGMENT } from '../../../../shared/schema/schema';
import type { YType } from '../../../../shared/schema/top-level-block';
import { describeBlock, type BlockPlace } from './block-place';

/**
 * Finds the text this machine typed that another copy's update deletes without having seen it.
 *
 * Under Yjs' rules deleting an element deletes everything in it, including what another peer
 * typed there at the same time: the sender's update names the clause, and the hub deletes the
 * sentence typed here into it with it. So while the update is applied to the hub's doc, every
 * deleted piece of text (a ContentString item) is examined inside the transaction — deleted
 * content is only garbage-collected in Yjs' cleanup after `afterTransaction` — and kept when:
 *
 * - it was written under one of this machine's client ids (local-clients.ts), and existed before;
 * - the sender had not seen it: its clock is at or past what `seen` (the sender's state vector)
 *   says of its client, **or** the update's own delete set does not name it. A copy that saw a
 *   piece of text and deleted it, directly or with its clause, lists it in its delete set (Yjs
 *   records every item a deletion removes); text deleted only because its clause went is absent
 *   from it. With `seen` unknown the second rule alone decides.
 *
 * Kept text is grouped by the top-level block (clause) it was in, in document order, one line per
 * paragraph, with the block's place as it was before the deletion.
 */

/** The Yjs id of an item, as stored (JSON-safe). */
export interface ItemRef {
  client: number;
  clock: number;
}

/** Text kept from one top-level block. */
export interface LossFinding extends BlockPlace {
  /** The block the text was in, to find where it stood when restoring. */
  block: ItemRef;
  text: string;
}

export interface LossWatchInput {
  /** The update being applied (its delete set says what the sender deleted knowingly). */
  update: Uint8Array;
  /** The sender's state vector when it made the update; null when unknown. */
  seen: ReadonlyMap<number, number> | null;
  isLocal(client: number): boolean;
  /** Only transactions with this origin are the update's (the id repair that may follow is not). */
  origin: unknown;
}

export interface LossWatch {
  /** Stops listening; returns what the update's transactions deleted unseen. */
  stop(): LossFinding[];
}

/** The top-level block `type` is in (itself if it is one); null outside `fragment`. Deleted types included. */
function topBlock(type: YType, fragment: Y.XmlFragment): YType | null {
  for (let current = type; ; ) {
    const item = current._item;
    if (item === null) return null;
    if (item.parent === fragment) return current;
    if (!(item.parent instanceof Y.AbstractType)) return null;
    current = item.parent as YType;
  }
}

/** The kept pieces of a block's subtree in document order: one string per text (paragraph). */
function keptLines(type: YType, kept: ReadonlyMap<Y.Item, string>, out: string[]): void {
  let line = '';
  for (let item = type._start; item !== null; item = item.right) {
    if (item.content instanceof Y.ContentString) line += kept.get(item) ?? '';
    else if (item.content instanceof Y.ContentType) keptLines(item.content.type as YType, kept, out);
  }
  if (line) out.push(line);
}

/** Starts watching `doc` for the transactions of one update. Call `stop` once it is applied (or failed). */
export function watchForLosses(doc: Y.Doc, input: LossWatchInput): LossWatch {
  const findings: LossFinding[] = [];
  let ds: ReturnType<typeof Y.decodeUpdate>['ds'] | null = null;
  const namedByUpdate = (client: number, clock: number): boolean => {
    ds ??= Y.decodeUpdate(input.update).ds;
    return Y.isDeleted(ds, Y.createID(client, clock));
  };
  const unseenPart = (item: Y.Item, str: string): string => {
    const { client, clock } = item.id;
    const seenUpTo = input.seen ? (input.seen.get(client) ?? 0) : Number.POSITIVE_INFINITY;
    let out = '';
    for (let i = 0; i < str.length; i++) if (clock + i >= seenUpTo || !namedByUpdate(client, clock + i)) out += str[i];
    return out;
  };

  const onTransaction = (tr: Y.Transaction) => {
    if (tr.origin !== input.origin) return;
    const fragment = doc.share.get(CONTENT_FRAGMENT);
    if (!(fragment instanceof Y.XmlFragment)) return;
    const byBlock = new Map<YType, { kept: Map<Y.Item, string>; inners: Set<YType> }>();
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return;
      const { client, clock } = struct.id;
      if (!input.isLocal(client) || clock >= (tr.beforeState.get(client) ?? 0)) return;
      const parent = struct.parent;
      if (!(parent instanceof Y.AbstractType)) return;
      const block = topBlock(parent as YType, fragment);
      if (block === null) return;
      const text = unseenPart(struct, struct.content.str);
      if (!text) return;
      const entry = byBlock.get(block) ?? { kept: new Map<Y.Item, string>(), inners: new Set<YType>() };
      entry.kept.set(struct, text);
      entry.inners.add(parent as YType);
      byBlock.set(block, entry);
    });
    if (byBlock.size === 0) return;
    const order = new Map<YType, number>();
    let i = 0;
    for (let item = fragment._start; item !== null; item = item.right) {
      if (item.content instanceof Y.ContentType) order.set(item.content.type as YType, i++);
    }
    const blocks = [...byBlock].sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    for (const [block, { kept, inners }] of blocks) {
      const lines: string[] = [];
      keptLines(block, kept, lines);
      if (lines.length === 0) continue;
      const { client, clock } = block._item!.id;
      findings.push({ ...describeBlock(fragment, block, [...inners], tr), block: { client, clock }, text: lines.join('\n') });
    }
  };
  doc.on('afterTransaction', onTransaction);
  return {
    stop() {
      doc.off('afterTransaction', onTransaction);
      return findings;
    },
  };
}
