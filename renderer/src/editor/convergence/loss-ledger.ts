import * as Y from 'yjs';
import type { Node as PMNode } from 'prosemirror-model';
import { ySyncPluginKey } from 'y-prosemirror';
import { tokensIn, visibleTokens } from './tokens';

/**
 * Why text was lost, found from the Yjs structure itself (the test's docs keep deleted content,
 * `gc: false`). Every Yjs transaction on every peer is sorted by who made it:
 *
 * - a peer's own edit: y-prosemirror writing the editor's state (origin `ySyncPluginKey`, with the
 *   `addToHistory` meta its view update always sets) or its UndoManager undoing or redoing;
 * - a **schema repair**: y-prosemirror deleting an element it could not build while reading Yjs
 *   into ProseMirror (`createNodeFromYElement` / `createTextNodesFromYText`: origin
 *   `ySyncPluginKey` but no `addToHistory` meta, since it is not a view update);
 * - y-prosemirror merging two adjacent Y.Texts (its #160 fix, the only transaction with no origin);
 * - anything else (remote updates, the hub's id repair) deletes nothing of its own.
 *
 * Each element a peer's edit deletes is recorded as a *deletion* when none of the text it held
 * (as that peer saw it) is visible on that peer afterwards, and as a *replacement* when some of it
 * lives on elsewhere (a type change, wrap, join, or a diff y-prosemirror could not match).
 */

export type LossClass = 'deletion' | 'replacement' | 'schema-repair' | 'ytext-merge';

export interface DeletionRecord {
  peer: string;
  op: string;
  cls: LossClass;
}

/** Ops whose deletion of an element that held no text yet is the user's choice (not a rebuild). */
const DELETING_OPS = new Set(['backspace', 'delete', 'rangeDelete', 'deleteClause', 'deleteAll', 'undo', 'redo']);

const key = (id: Y.ID) => `${id.client}:${id.clock}`;

/** Text of a type as it was visible just before `tr` (items deleted by `tr` count, its own inserts do not). */
function textBefore(type: Y.AbstractType<unknown>, tr: Y.Transaction): string {
  let out = '';
  for (let item = type._start; item !== null; item = item.right) {
    const existed = item.id.clock < (tr.beforeState.get(item.id.client) ?? 0);
    if (!existed || (item.deleted && !Y.isDeleted(tr.deleteSet, item.id))) continue;
    if (item.content instanceof Y.ContentString) out += item.content.str;
    else if (item.content instanceof Y.ContentType) out += `${textBefore(item.content.type as Y.AbstractType<unknown>, tr)}\n`;
  }
  return out;
}

interface Pending {
  id: string;
  tokens: string[];
}

export class LossLedger {
  readonly records = new Map<string, DeletionRecord>();
  /** Nodes (topmost deleted elements or texts) y-prosemirror deleted as schema repair. */
  schemaRepairNodes = 0;
  readonly repairSamples: string[] = [];
  private readonly pending = new Map<string, Pending[]>();

  /** Feed every transaction of `peer`'s doc here (its `afterTransaction` event). */
  onTransaction(peer: string, tr: Y.Transaction, currentOp: string): void {
    const origin: unknown = tr.origin;
    let kind: 'local' | 'repair' | 'merge';
    if (origin === ySyncPluginKey) kind = tr.meta.has('addToHistory') ? 'local' : 'repair';
    else if (origin instanceof Y.UndoManager) kind = 'local';
    else if (origin === null || origin === undefined) kind = 'merge';
    else return;

    const deleted: Y.Item[] = [];
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) return;
      const parentItem = (struct.parent as Y.AbstractType<unknown>)._item;
      // Only the topmost element of each deleted subtree: the children went with it.
      if (parentItem && Y.isDeleted(tr.deleteSet, parentItem.id)) return;
      deleted.push(struct);
    });
    if (deleted.length === 0) return;

    if (kind === 'local') {
      const list = this.pending.get(peer) ?? [];
      for (const item of deleted) {
        list.push({ id: key(item.id), tokens: tokensIn(textBefore((item.content as Y.ContentType).type as Y.AbstractType<unknown>, tr)) });
      }
      this.pending.set(peer, list);
      return;
    }
    const cls: LossClass = kind === 'repair' ? 'schema-repair' : 'ytext-merge';
    for (const item of deleted) this.records.set(key(item.id), { peer, op: currentOp, cls });
    if (kind === 'repair') {
      this.schemaRepairNodes += deleted.length;
      for (const item of deleted) {
        if (this.repairSamples.length < 5) this.repairSamples.push(((item.content as Y.ContentType).type as Y.XmlElement).toString());
      }
    }
  }

  /** Classifies the deletions `peer`'s op made, against what that peer shows after it. */
  commitOp(peer: string, op: string, after: PMNode): void {
    const list = this.pending.get(peer);
    if (!list?.length) return;
    this.pending.delete(peer);
    const visible = visibleTokens(after);
    for (const { id, tokens } of list) {
      const livesOn = tokens.some((t) => visible.has(t));
      const cls: LossClass = tokens.length ? (livesOn ? 'replacement' : 'deletion') : DELETING_OPS.has(op) ? 'deletion' : 'replacement';
      this.records.set(id, { peer, op, cls });
    }
  }

  /**
   * For each lost token, the record of the element whose deletion took it: among every copy of the
   * token in the Yjs structure (splits and joins copy text into new elements), the topmost deleted
   * ancestor of that copy. A deletion anywhere wins over a replacement (the text would be gone
   * anyway), and a schema repair over both.
   */
  causes(fragment: Y.XmlFragment, lost: ReadonlySet<string>): Map<string, DeletionRecord | null> {
    const found = new Map<string, DeletionRecord[]>();
    const visit = (type: Y.AbstractType<unknown>, chain: Y.Item[]) => {
      let text = '';
      for (let item = type._start; item !== null; item = item.right) {
        if (item.content instanceof Y.ContentString) text += item.content.str;
        else if (item.content instanceof Y.ContentType) visit(item.content.type as Y.AbstractType<unknown>, [...chain, item]);
      }
      if (!text) return;
      const topmost = chain.find((item) => item.deleted);
      for (const token of tokensIn(text)) {
        if (!lost.has(token)) continue;
        const record = topmost ? this.records.get(key(topmost.id)) : undefined;
        if (record) found.set(token, [...(found.get(token) ?? []), record]);
      }
    };
    visit(fragment as unknown as Y.AbstractType<unknown>, []);
    const rank: Record<LossClass, number> = { 'schema-repair': 3, deletion: 2, replacement: 1, 'ytext-merge': 0 };
    const out = new Map<string, DeletionRecord | null>();
    for (const token of lost) {
      const records = found.get(token) ?? [];
      out.set(token, records.reduce<DeletionRecord | null>((best, r) => (!best || rank[r.cls] > rank[best.cls] ? r : best), null));
    }
    return out;
  }
}
