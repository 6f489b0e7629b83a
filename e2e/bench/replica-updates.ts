/**
 * Keystroke-sized Yjs updates as a window's replica sends them to main, for the validation rows.
 *
 * The replica is what the renderer holds: its own Y.Doc (its own client id) loaded from the
 * document's state, bound to ProseMirror by y-prosemirror. There is no view here, so the binding's
 * write path is driven directly: each edit is a ProseMirror transaction, and its new document is
 * written to Yjs with y-prosemirror's own `updateYFragment` inside a transaction with the binding's
 * origin — exactly what `ProsemirrorBinding._prosemirrorChanged` does after a view update. One
 * edit gives one Yjs transaction, hence one update, which is what the replica's provider pushes
 * (it merges only what queued while a push was in flight; a typist one key per frame rarely queues).
 *
 * The edits: bursts of 1–8 characters typed at a random caret in the first textblock of a random
 * clause (marks at the caret are inherited, as in the editor), and, before a few bursts, a
 * structural edit at that caret: Enter (the paragraph split in two inside its clause) or a new
 * clause after the current one (a fresh id and an empty paragraph, what "Insert clause" makes),
 * after which the burst is typed into the new paragraph, as a user would continue.
 */
import * as Y from 'yjs';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import { initProseMirrorDoc, updateYFragment, ySyncPluginKey } from 'y-prosemirror';
import { newClauseId } from '../../shared/schema/clause-ids';
import { chancerySchema, CONTENT_FRAGMENT } from '../../shared/schema/schema';
import { seededRandom } from '../../shared/testing/seeded-random';

export type UpdateKind = 'typed' | 'enter' | 'new-clause';

export interface ReplicaUpdate {
  kind: UpdateKind;
  update: Uint8Array;
}

const TEXT = 'The Parties shall notify the Mechanism in writing within thirty days of any such measure. ';

/** Start of the content and content size of the first textblock inside the top-level node at `offset`. */
function firstTextblock(node: PMNode, offset: number): { start: number; size: number } | null {
  let found: { start: number; size: number } | null = null;
  node.descendants((child, pos) => {
    if (found) return false;
    if (child.isTextblock) {
      found = { start: offset + 1 + pos + 1, size: child.content.size };
      return false;
    }
    return true;
  });
  return found;
}

/** Top-level clauses with a textblock: where a caret can go. */
function clauses(doc: PMNode): { offset: number; node: PMNode; block: { start: number; size: number } }[] {
  const out: { offset: number; node: PMNode; block: { start: number; size: number } }[] = [];
  doc.forEach((node, offset) => {
    if (node.type.name !== 'clause') return;
    const block = firstTextblock(node, offset);
    if (block) out.push({ offset, node, block });
  });
  return out;
}

/**
 * `typed` one-character updates and `structural` Enter / new-clause updates (alternating), in the
 * order a replica would send them, starting from `state` (the document as main stores it).
 */
export function replicaUpdates(state: Uint8Array, opts: { typed: number; structural: number; seed: number }): ReplicaUpdate[] {
  const random = seededRandom(opts.seed);
  const replica = new Y.Doc();
  replica.clientID = 1 + Math.floor(random() * 0x7ffffffe);
  Y.applyUpdate(replica, state);
  const fragment = replica.getXmlFragment(CONTENT_FRAGMENT);
  const { doc, meta } = initProseMirrorDoc(fragment, chancerySchema);
  let editor = EditorState.create({ schema: chancerySchema, doc });

  const captured: Uint8Array[] = [];
  replica.on('update', (update: Uint8Array) => captured.push(update));
  const out: ReplicaUpdate[] = [];
  const commit = (kind: UpdateKind, tr: Transaction) => {
    editor = editor.apply(tr);
    replica.transact((ytr) => {
      ytr.meta.set('addToHistory', true);
      updateYFragment(replica, fragment, editor.doc, meta);
    }, ySyncPluginKey);
    if (captured.length !== 1) throw new Error(`a ${kind} edit gave ${captured.length} Yjs updates instead of one`);
    out.push({ kind, update: captured.pop()! });
  };

  const bursts: number[] = [];
  for (let left = opts.typed; left > 0; ) {
    const n = Math.min(left, 1 + Math.floor(random() * 8));
    bursts.push(n);
    left -= n;
  }
  const structuralBefore = new Set<number>();
  while (structuralBefore.size < Math.min(opts.structural, bursts.length)) structuralBefore.add(Math.floor(random() * bursts.length));

  let chars = 0;
  let structural = 0;
  bursts.forEach((n, b) => {
    const candidates = clauses(editor.doc);
    if (candidates.length === 0) throw new Error('the typing document has no clause to type into');
    const target = candidates[Math.floor(random() * candidates.length)]!;
    let caret = target.block.start + Math.floor(random() * (target.block.size + 1));
    if (structuralBefore.has(b)) {
      if (structural++ % 2 === 0) {
        commit('enter', editor.tr.split(caret));
        caret += 2; // past the end of the first half and into the new paragraph
      } else {
        const after = target.offset + target.node.nodeSize;
        const clause = chancerySchema.nodes.clause!.create({ id: newClauseId() }, chancerySchema.nodes.paragraph!.create());
        commit('new-clause', editor.tr.insert(after, clause));
        caret = after + 2; // inside the new clause's paragraph
      }
    }
    for (let k = 0; k < n; k++) {
      commit('typed', editor.tr.insertText(TEXT[chars++ % TEXT.length]!, caret));
      caret += 1;
    }
  });
  replica.destroy();
  return out;
}
