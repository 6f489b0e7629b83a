import type { Node as PMNode } from 'prosemirror-model';
import type { Transaction } from 'prosemirror-state';
import {
  AddMarkStep,
  AddNodeMarkStep,
  AttrStep,
  RemoveMarkStep,
  RemoveNodeMarkStep,
  ReplaceAroundStep,
  ReplaceStep,
  type Step,
} from 'prosemirror-transform';
import { ySyncPluginKey } from 'y-prosemirror';

/**
 * Cheap questions about a transaction that the clause plugins ask on every keystroke.
 *
 * Clause ids and numbers depend only on the sequence of top-level nodes and their attributes.
 * Typing, marks and splitting a paragraph inside a clause leave that sequence alone; telling
 * those transactions apart from structural ones by looking at the steps costs O(steps × depth),
 * where rescanning the document would cost O(clauses) on every key press.
 */

/** True for a transaction y-prosemirror dispatched to mirror a change that came through Yjs
 * (a remote edit, an undo/redo, or the initial render), rather than one the user made here. */
export function isYjsMirror(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

/**
 * Whether a replaced range [from, to] with `slice` stays strictly inside one top-level node, so
 * that node survives (same node boundaries, same attributes) and only its content changes.
 * `openStart < $from.depth` says the slice does not reach up to close the top-level node (a split
 * at depth d has openStart ≥ d), and likewise at the end.
 */
function insideOneTopLevelNode(doc: PMNode, from: number, to: number, openStart: number, openEnd: number): boolean {
  const $from = doc.resolve(from);
  const $to = from === to ? $from : doc.resolve(to);
  return (
    $from.depth >= 1 &&
    $to.depth >= 1 &&
    $from.index(0) === $to.index(0) &&
    openStart < $from.depth &&
    openEnd < $to.depth
  );
}

function stepMayChangeTopLevel(step: Step, doc: PMNode): boolean {
  if (step instanceof ReplaceStep) {
    return !insideOneTopLevelNode(doc, step.from, step.to, step.slice.openStart, step.slice.openEnd);
  }
  if (step instanceof ReplaceAroundStep) {
    return !insideOneTopLevelNode(doc, step.from, step.to, step.slice.openStart, step.slice.openEnd);
  }
  if (step instanceof AttrStep) {
    // An attribute of a top-level node (a clause's id or label) sits at depth 0.
    return doc.resolve(step.pos).depth === 0;
  }
  if (
    step instanceof AddMarkStep ||
    step instanceof RemoveMarkStep ||
    step instanceof AddNodeMarkStep ||
    step instanceof RemoveNodeMarkStep
  ) {
    return false;
  }
  // Unknown step types (DocAttrStep, custom steps): assume the worst.
  return true;
}

/**
 * True when some step of `tr` may have added, removed, replaced or re-attributed a top-level
 * node. False means the top-level nodes are the very same nodes as before, in the same order,
 * with the same attributes — only their content changed.
 */
export function mayChangeTopLevel(tr: Transaction): boolean {
  if (!tr.docChanged) return false;
  for (let i = 0; i < tr.steps.length; i++) {
    if (stepMayChangeTopLevel(tr.steps[i]!, tr.docs[i]!)) return true;
  }
  return false;
}

/**
 * Plugin state of the plugins that repair what a remote change may leave behind (clause ids,
 * content invariants): whether a change came in through Yjs since the last local edit, after
 * which the next local edit checks the whole document once instead of just what it touched.
 */
export interface RemoteSinceCheck {
  remoteSinceCheck: boolean;
}

/** The state field for {@link RemoteSinceCheck}: set by a mirrored change, cleared by a local one. */
export const remoteSinceCheckField = {
  init: (): RemoteSinceCheck => ({ remoteSinceCheck: true }),
  apply(tr: Transaction, value: RemoteSinceCheck): RemoteSinceCheck {
    if (!tr.docChanged) return value;
    const remote = isYjsMirror(tr);
    return remote === value.remoteSinceCheck ? value : { remoteSinceCheck: remote };
  },
};
