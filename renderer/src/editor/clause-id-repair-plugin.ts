import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Mapping } from 'prosemirror-transform';
import { findClauseIdRepairs, newClauseId } from '../../../shared/schema/clause-ids';
import { isYjsMirror, mayChangeTopLevel, remoteSinceCheckField, type RemoteSinceCheck } from './top-level-change';

/**
 * Keeps clause ids unique: a clause split in two, or pasted as a copy, comes out with the id of
 * its original; this plugin gives the later one (in document order, see `findClauseIdRepairs`) a
 * fresh id in the same dispatch, so the duplicate never reaches Yjs, let alone another machine.
 *
 * Transactions that mirror a change arriving through Yjs are skipped, on purpose:
 *
 * 1. A repair appended to such a transaction would never reach Yjs. y-prosemirror dispatches it
 *    while holding its binding mutex, and the sync plugin's view update (which writes the editor
 *    doc back to Yjs) runs inside that same mutex and is skipped. The editor would show an id the
 *    shared document does not have, until some later keystroke happened to write it.
 * 2. Every replica receives the same remote update. If each repaired it, each would invent a
 *    different random id for the same clause and push it: N delegations, N conflicting writes,
 *    and a last-writer-wins id nobody chose. The peer that split or pasted the clause already
 *    repaired it in the dispatch that created it, so a well-behaved remote update carries no
 *    duplicate in the first place.
 * 3. Undo and redo come through Yjs too (y-prosemirror's UndoManager); undoing a split restores
 *    one clause, redoing it restores the split *and* its repair, which were one Yjs transaction.
 *
 * Which copy keeps a contested id: `findClauseIdRepairs` decides by document order (the earlier
 * keeps it), which is what every peer must do with duplicates it did not create. For duplicates
 * made by the local edit itself this plugin knows more: the clause that carried the id before the
 * edit keeps it, wherever the copy lands. Pasting a copy of para 5 *above* para 5 must not move
 * para 5's id — and with it every delegation's recorded position — onto the copy. For a split,
 * both rules agree: the first half is the clause that was there.
 *
 * What is left are duplicates made by merging concurrent offline work, where no single peer saw
 * both copies. Those are repaired by the first local edit after they arrive, whatever it is (the
 * plugin state remembers that a remote change came in since the last full check); the clause
 * to repair is chosen by document order, identically on every peer.
 *
 * The repair transaction is deliberately *not* marked `addToHistory: false`: y-prosemirror writes
 * the final editor state to Yjs in one transaction and takes its undo flag from the last
 * transaction applied, so that flag would keep the user's own split out of their undo history.
 */

/** A change came in through Yjs since the last full check, so the next local edit rechecks. */
export type ClauseIdRepairState = RemoteSinceCheck;

export const clauseIdRepairKey = new PluginKey<ClauseIdRepairState>('chancery-clause-id-repair');

/** Set on the transaction this plugin appends, so tests and other plugins can recognise it. */
export const CLAUSE_ID_REPAIR_META = 'chanceryClauseIdRepair';

/**
 * Top-level positions of the clauses to give a fresh id: those `findClauseIdRepairs` reports as
 * missing, and for each duplicated id every copy but the keeper. The keeper is the clause that had
 * the id before the transactions (mapped through them), when exactly one had it; otherwise the
 * first in document order.
 */
export function clausesToRepair(newDoc: PMNode, oldDoc: PMNode, mapping: Mapping): number[] {
  const repairs = findClauseIdRepairs(newDoc);
  if (repairs.length === 0) return [];
  const duplicated = new Set<string>();
  for (const repair of repairs) {
    if (repair.reason === 'duplicate') duplicated.add(newDoc.nodeAt(repair.pos)!.attrs.id as string);
  }
  if (duplicated.size === 0) return repairs.map((r) => r.pos);

  const before = new Map<string, number[]>();
  oldDoc.forEach((node, offset) => {
    const id = node.attrs.id as string | null;
    if (node.type.name === 'clause' && id && duplicated.has(id)) {
      before.set(id, [...(before.get(id) ?? []), mapping.map(offset, 1)]);
    }
  });
  const now = new Map<string, number[]>();
  newDoc.forEach((node, offset) => {
    const id = node.attrs.id as string | null;
    if (node.type.name === 'clause' && id && duplicated.has(id)) now.set(id, [...(now.get(id) ?? []), offset]);
  });

  const out = repairs.filter((r) => r.reason === 'missing').map((r) => r.pos);
  for (const [id, positions] of now) {
    const previous = before.get(id);
    const mapped = previous?.length === 1 ? previous[0] : undefined;
    const keeper = mapped !== undefined && positions.includes(mapped) ? mapped : positions[0];
    for (const pos of positions) if (pos !== keeper) out.push(pos);
  }
  return out.sort((a, b) => a - b);
}

function needsCheck(trs: readonly Transaction[], oldState: EditorState): boolean {
  if (clauseIdRepairKey.getState(oldState)?.remoteSinceCheck) return trs.some((tr) => tr.docChanged);
  return trs.some(mayChangeTopLevel);
}

export function clauseIdRepairPlugin(): Plugin<ClauseIdRepairState> {
  return new Plugin<ClauseIdRepairState>({
    key: clauseIdRepairKey,
    // A local edit clears the flag: appendTransaction below checks the whole document for it.
    state: remoteSinceCheckField,
    appendTransaction(trs, oldState, newState) {
      if (trs.some(isYjsMirror)) return null;
      if (trs.some((tr) => tr.getMeta(CLAUSE_ID_REPAIR_META))) return null;
      if (!needsCheck(trs, oldState)) return null;
      const mapping = new Mapping();
      for (const tr of trs) mapping.appendMapping(tr.mapping);
      const positions = clausesToRepair(newState.doc, oldState.doc, mapping);
      if (positions.length === 0) return null;
      const tr = newState.tr;
      // AttrSteps change no positions, so every repaired position stays valid.
      for (const pos of positions) tr.setNodeAttribute(pos, 'id', newClauseId());
      return tr.setMeta(CLAUSE_ID_REPAIR_META, true);
    },
  });
}
