import * as Y from 'yjs';
import { newClauseId } from '../../../../shared/schema/clause-ids';
import { CONTENT_FRAGMENT } from '../../../../shared/schema/schema';
import type { YType } from '../../../../shared/schema/top-level-block';
import { ORIGIN_COMMAND } from '../../../../shared/sync/origins';
import type { KeptText } from './lost-text-ledger';

/**
 * Puts kept text back into its document as a new clause: a top-level block with a fresh clause
 * id (the old clause's id belongs to the deleted clause, and positions given on it must not
 * suddenly apply to different text), one paragraph per line, right after the nearest block that
 * preceded the deleted one and is still there — or after the block itself if only something
 * inside it was deleted — or at the start.
 *
 * Written as a command of main (origin `command`): stored, sent to every window and, through the
 * sync client, to every other copy, like any edit; no window's undo history holds it.
 */

/** The top-level element to insert after, found from the block's Yjs item (kept, as a tombstone, after deletion). */
function anchorFromBlock(doc: Y.Doc, fragment: Y.XmlFragment, kept: KeptText): YType | null | undefined {
  const ref = kept.block;
  if (ref === null || !doc.store.clients.has(ref.client) || Y.getState(doc.store, ref.client) <= ref.clock) return undefined;
  const struct = Y.getItem(doc.store, Y.createID(ref.client, ref.clock));
  if (!(struct instanceof Y.Item) || struct.parent !== fragment) return undefined;
  for (let item: Y.Item | null = struct; item !== null; item = item.left) {
    if (!item.deleted && item.content instanceof Y.ContentType) return item.content.type as YType;
  }
  return null; // it was the first block: restore at the start
}

/** The surviving clause named as the fallback anchor, if it is still in the document. */
function anchorFromClauseId(fragment: Y.XmlFragment, clauseId: string | null): YType | null {
  if (clauseId === null) return null;
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlElement && child.nodeName === 'clause' && child.getAttribute('id') === clauseId) return child as YType;
  }
  return null;
}

/** The new clause as y-prosemirror writes one: attributes that are not null, a text per paragraph. */
function clauseElement(clauseId: string, text: string): Y.XmlElement {
  const clause = new Y.XmlElement('clause');
  clause.setAttribute('id', clauseId);
  const paragraphs = text.split('\n').map((line) => {
    const paragraph = new Y.XmlElement('paragraph');
    // y-prosemirror stores every non-null attribute, defaults included; so does this.
    paragraph.setAttribute('level', 0 as unknown as string);
    const xmlText = new Y.XmlText();
    if (line) xmlText.insert(0, line);
    paragraph.insert(0, [xmlText]);
    return paragraph;
  });
  clause.insert(0, paragraphs);
  return clause;
}

/** Inserts `kept` into `doc` (the hub's doc of `kept.docId`); returns the new clause's id. */
export function restoreLostText(doc: Y.Doc, kept: KeptText): string {
  const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
  const clauseId = newClauseId();
  doc.transact(() => {
    const fromBlock = anchorFromBlock(doc, fragment, kept);
    const anchor = fromBlock === undefined ? anchorFromClauseId(fragment, kept.afterClauseId) : fromBlock;
    // What was typed as a continuation (" and shall …") starts its own paragraph now.
    fragment.insertAfter(anchor as Y.XmlElement | null, [clauseElement(clauseId, kept.text.trim())]);
  }, ORIGIN_COMMAND);
  return clauseId;
}
