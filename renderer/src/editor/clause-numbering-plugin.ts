import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { numberClauses, type ClauseNumber } from '../../../shared/schema/numbering';
import { mayChangeTopLevel } from './top-level-change';

/**
 * Shows each operative paragraph's number in the margin: a node decoration puts the derived
 * number (or the stored label, "5 bis") into `data-number` on the clause's `<section>`, and CSS
 * (`section.clause::before { content: attr(data-number) }`) draws it. Numbers are never part of
 * the text, so renumbering never rewrites anyone's wording.
 *
 * The decoration set is rebuilt only when the top-level clause structure changes, i.e. when the
 * sequence of clause ids and labels differs. Otherwise it is mapped through the transaction, which
 * is what happens on a keystroke. Two guards make mapping safe:
 * - a transaction that provably leaves every top-level node in place (see `mayChangeTopLevel`)
 *   is mapped without even looking at the clauses;
 * - a structural transaction with an unchanged sequence is mapped too, but if mapping lost a
 *   decoration (y-prosemirror mirrors a remote change by replacing the whole document, which
 *   deletes every mapped node decoration) the set is rebuilt.
 */

/** What the decorations were built from: the clause sequence, without positions. */
interface ClauseKey {
  id: string;
  label: string;
}

export interface ClauseNumberingState {
  decorations: DecorationSet;
  clauses: readonly ClauseKey[];
  /** How many times the set was built from scratch; tests use it to prove typing only maps. */
  builds: number;
}

/** Spec attached to each decoration: lets tests and tools read the number without a DOM. */
export interface ClauseNumberSpec {
  clauseId: string;
  number: string;
}

export const clauseNumberingKey = new PluginKey<ClauseNumberingState>('chancery-clause-numbering');

function build(doc: PMNode, numbers: readonly ClauseNumber[], builds: number): ClauseNumberingState {
  const decorations = numbers.map((clause) => {
    const node = doc.nodeAt(clause.pos)!;
    const spec: ClauseNumberSpec = { clauseId: clause.id, number: clause.label };
    return Decoration.node(clause.pos, clause.pos + node.nodeSize, { 'data-number': clause.label }, spec);
  });
  return {
    decorations: DecorationSet.create(doc, decorations),
    clauses: numbers.map(({ id, label }) => ({ id, label })),
    builds: builds + 1,
  };
}

function sameSequence(a: readonly ClauseKey[], b: readonly ClauseNumber[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.id !== b[i]!.id || a[i]!.label !== b[i]!.label) return false;
  }
  return true;
}

function apply(tr: Transaction, prev: ClauseNumberingState): ClauseNumberingState {
  if (!tr.docChanged) return prev;
  if (!mayChangeTopLevel(tr)) {
    return { ...prev, decorations: prev.decorations.map(tr.mapping, tr.doc) };
  }
  const numbers = numberClauses(tr.doc);
  if (sameSequence(prev.clauses, numbers)) {
    const mapped = prev.decorations.map(tr.mapping, tr.doc);
    if (mapped.find().length === numbers.length) return { ...prev, decorations: mapped };
  }
  return build(tr.doc, numbers, prev.builds);
}

export function clauseNumberingPlugin(): Plugin<ClauseNumberingState> {
  return new Plugin<ClauseNumberingState>({
    key: clauseNumberingKey,
    state: {
      init: (_config, state) => build(state.doc, numberClauses(state.doc), 0),
      apply: (tr, prev) => apply(tr, prev),
    },
    props: {
      decorations: (state) => clauseNumberingKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}

/** The numbers currently shown, in document order (for tests, and for the find/links UI later). */
export function shownClauseNumbers(state: EditorState): ClauseNumberSpec[] {
  const set = clauseNumberingKey.getState(state)?.decorations;
  if (!set) return [];
  return set
    .find()
    .sort((a, b) => a.from - b.from)
    .map((d) => d.spec as ClauseNumberSpec);
}
