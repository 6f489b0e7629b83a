import { DOMSerializer, type Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView, NodeView, ViewMutationRecord } from 'prosemirror-view';
import { numberClauses } from '../../../shared/schema/numbering';
import { mayChangeTopLevel } from './top-level-change';

/**
 * Shows each operative paragraph's number in the margin: the clause's `<section>` carries the
 * derived number (or the stored label, "5 bis") in `data-number`, and CSS
 * (`section.clause::before { content: attr(data-number) }`) draws it. Numbers are never part of
 * the text, so renumbering never rewrites anyone's wording.
 *
 * The numbers are not node decorations: ProseMirror matches a node's decorations against every
 * child on each view update, so one decoration per clause made every keystroke cost
 * O(top-level nodes × clauses) (about 100,000 steps in a 300-clause document). Instead:
 * - the plugin state holds the number of each top-level node, by index, and is recomputed only
 *   when a transaction may change the top-level structure (see `mayChangeTopLevel`); typing,
 *   marks and paragraph splits inside a clause leave it untouched, as the same object;
 * - a node view for clauses writes `data-number` when ProseMirror draws a clause;
 * - the plugin's view rewrites the attributes that differ when the numbers change.
 */

/** A clause's number as shown: lets tests and tools read the numbers without a DOM. */
export interface ClauseNumberSpec {
  clauseId: string;
  number: string;
}

export interface ClauseNumberingState {
  /** The shown number of each top-level node, by index; null for a node that is not a clause. */
  labels: readonly (string | null)[];
  /** The clauses in document order, with their numbers. */
  clauses: readonly ClauseNumberSpec[];
  /** How many times the sequence of clauses or numbers changed; tests use it to prove typing does not renumber. */
  builds: number;
}

export const clauseNumberingKey = new PluginKey<ClauseNumberingState>('chancery-clause-numbering');

function compute(doc: PMNode): Pick<ClauseNumberingState, 'labels' | 'clauses'> {
  const labels: (string | null)[] = new Array<string | null>(doc.childCount).fill(null);
  const byPos = new Map(numberClauses(doc).map((c) => [c.pos, c]));
  const clauses: ClauseNumberSpec[] = [];
  doc.forEach((_node, offset, index) => {
    const clause = byPos.get(offset);
    if (!clause) return;
    labels[index] = clause.label;
    clauses.push({ clauseId: clause.id, number: clause.label });
  });
  return { labels, clauses };
}

const sameArray = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean =>
  a.length === b.length && a.every((x, i) => same(x, b[i]!));

function apply(tr: Transaction, prev: ClauseNumberingState): ClauseNumberingState {
  // Typing and other edits inside clauses keep every top-level node where it was.
  if (!tr.docChanged || !mayChangeTopLevel(tr)) return prev;
  const next = compute(tr.doc);
  const sameClauses = sameArray(next.clauses, prev.clauses, (x, y) => x.clauseId === y.clauseId && x.number === y.number);
  const sameLabels = sameArray(next.labels, prev.labels, (x, y) => x === y);
  if (sameClauses && sameLabels) return prev;
  return {
    labels: sameLabels ? prev.labels : next.labels,
    clauses: sameClauses ? prev.clauses : next.clauses,
    builds: sameClauses ? prev.builds : prev.builds + 1,
  };
}

function labelAt(state: EditorState, pos: number | undefined): string | null {
  const labels = clauseNumberingKey.getState(state)?.labels;
  if (!labels || pos === undefined || pos < 0 || pos >= state.doc.content.size) return null;
  return labels[state.doc.resolve(pos).index(0)] ?? null;
}

function showNumber(dom: HTMLElement, label: string | null): void {
  if (label === null) {
    if (dom.hasAttribute('data-number')) dom.removeAttribute('data-number');
  } else if (dom.getAttribute('data-number') !== label) {
    dom.setAttribute('data-number', label);
  }
}

function setOptionalAttribute(dom: HTMLElement, name: string, value: string | null): void {
  if (value === null) dom.removeAttribute(name);
  else dom.setAttribute(name, value);
}

/** Attributes of a clause's section that only show something and are never read back as content. */
const PRESENTATION_ATTRIBUTES: ReadonlySet<string> = new Set(['data-number', 'data-state', 'class', 'data-notes']);

/** A clause drawn as the schema says (`toDOM`), plus the `data-number` it shows. */
class ClauseView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;

  constructor(
    private node: PMNode,
    view: EditorView,
    getPos: () => number | undefined,
  ) {
    const rendered = DOMSerializer.renderSpec(view.dom.ownerDocument, node.type.spec.toDOM!(node));
    this.dom = rendered.dom as HTMLElement;
    this.contentDOM = rendered.contentDOM as HTMLElement;
    // While a node view is being created, getPos gives the position ProseMirror is drawing it at.
    showNumber(this.dom, labelAt(view.state, getPos()));
  }

  update(node: PMNode): boolean {
    if (node.type !== this.node.type) return false;
    if (node.attrs.id !== this.node.attrs.id) setOptionalAttribute(this.dom, 'data-clause-id', node.attrs.id as string | null);
    if (node.attrs.label !== this.node.attrs.label) setOptionalAttribute(this.dom, 'data-label', node.attrs.label as string | null);
    this.node = node;
    // The number follows the plugin state: when the numbers change, the plugin's view rewrites them.
    return true;
  }

  /**
   * Our own writes of the number are not edits of the document, nor are the clause state and the
   * classes the positions plugins write on the section (`positions/clause-dom-stamp.ts`), nor
   * the notes marker's count (`notes/notes-marker-plugin.ts`).
   */
  ignoreMutation(mutation: ViewMutationRecord): boolean {
    return mutation.type === 'attributes' && PRESENTATION_ATTRIBUTES.has(mutation.attributeName ?? '');
  }
}

/** Rewrites `data-number` on every drawn clause whose number differs from the plugin state. */
function syncNumbers(view: EditorView): void {
  const labels = clauseNumberingKey.getState(view.state)?.labels ?? [];
  view.state.doc.forEach((node, offset, index) => {
    if (node.type.name !== 'clause') return;
    const dom = view.nodeDOM(offset);
    if (dom && dom.nodeType === 1) showNumber(dom as HTMLElement, labels[index] ?? null);
  });
}

export function clauseNumberingPlugin(): Plugin<ClauseNumberingState> {
  return new Plugin<ClauseNumberingState>({
    key: clauseNumberingKey,
    state: {
      init: (_config, state) => ({ ...compute(state.doc), builds: 1 }),
      apply: (tr, prev) => apply(tr, prev),
    },
    props: {
      nodeViews: {
        clause: (node, view, getPos) => new ClauseView(node, view, getPos),
      },
    },
    view: () => ({
      update(view, prevState) {
        if (clauseNumberingKey.getState(view.state)?.labels !== clauseNumberingKey.getState(prevState)?.labels) syncNumbers(view);
      },
    }),
  });
}

/** The numbers currently shown, in document order (for tests, and for the find/links UI later). */
export function shownClauseNumbers(state: EditorState): ClauseNumberSpec[] {
  return [...(clauseNumberingKey.getState(state)?.clauses ?? [])];
}
