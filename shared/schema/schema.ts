import { Schema, type DOMOutputSpec, type NodeSpec, type MarkSpec } from 'prosemirror-model';
import { isClauseId } from './clause-ids';
import { HEADING_LEVELS, isClauseLabel, isHeadingLevel, isListKind, isListOrder } from './attributes';

/**
 * The document schema every framework document uses, in the editor, in main and in the CLI.
 * Operative paragraphs are `clause` blocks: each carries a stable `id` (positions and "para 5 bis"
 * references point at it) and an optional stored `label` (e.g. "5 bis"); the running number is
 * derived, never typed, so inserting a clause renumbers without rewriting anyone's text.
 *
 * Shaped for concurrent and offline editing (see "Schema under concurrency" in the design brief):
 *
 * - **Content expressions say `*`, not `+`,** inside clauses, lists and list items. Two edits that
 *   are each valid can compose, after a merge, into an emptied clause or a list item without its
 *   first paragraph; y-prosemirror deletes whatever the schema refuses, whole and on every peer,
 *   text nobody touched included. The editing invariants (a clause holds a paragraph, a list item
 *   starts with one) are restored by the editor, for local edits only, by inserting (see
 *   `renderer/src/editor/content-invariants-plugin.ts`). Only `doc` keeps `block+`: an empty
 *   top level brings back y-prosemirror #108 (a delete-all against an offline insert).
 * - **Styles are attributes, not node types.** y-prosemirror rewrites a changed node type as a
 *   delete and an insert, and a peer's concurrent typing in the deleted element is lost. So a
 *   heading is a `paragraph` with a `level` (as a word processor models paragraph styles), and a
 *   numbered list is a `list` of kind `ordered`: turning one into the other changes an attribute.
 * - **Every attribute is validated**, so content of the wrong shape is refused where it is
 *   checked (the hub) instead of reaching a replica where y-prosemirror would drop the node.
 *
 * A clause `id` may be null only transiently, inside the editor: between a local edit that
 * creates a clause (a split, a paste, a wrap) and the id-repair plugin's transaction in the same
 * dispatch, which is what y-prosemirror writes. Nothing stores a clause without an id.
 *
 * Content written under the schema before these changes is mapped by `upgradeLegacyContent`.
 */

/** ProseMirror's `validate` hook: throws a RangeError naming the attribute when `ok` is false. */
function check(what: string, ok: (value: unknown) => boolean): (value: unknown) => void {
  return (value) => {
    if (!ok(value)) throw new RangeError(`Invalid ${what}: ${JSON.stringify(value)}`);
  };
}

type DomElement = { getAttribute(name: string): string | null };

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: {
    group: 'block flow',
    content: 'inline*',
    attrs: { level: { default: 0, validate: check('paragraph level (0 = body text, 1–3 = heading)', isHeadingLevel) } },
    parseDOM: [
      { tag: 'p', attrs: { level: 0 } },
      ...[1, 2, 3, 4, 5, 6].map((n) => ({ tag: `h${n}`, attrs: { level: Math.min(n, HEADING_LEVELS) } })),
    ],
    toDOM: (node): DOMOutputSpec => [node.attrs.level ? `h${node.attrs.level as number}` : 'p', 0],
  },
  clause: {
    group: 'block',
    content: 'flow*',
    attrs: {
      id: { default: null, validate: check('clause id', (v) => v === null || isClauseId(v)) },
      label: { default: null, validate: check('clause label', (v) => v === null || isClauseLabel(v)) },
    },
    defining: true,
    parseDOM: [
      {
        tag: 'section.clause',
        // Pasted HTML is foreign input: keep only what is valid (the id repair gives a fresh id).
        getAttrs: (dom) => {
          const id = (dom as DomElement).getAttribute('data-clause-id');
          const label = (dom as DomElement).getAttribute('data-label');
          return { id: isClauseId(id) ? id : null, label: isClauseLabel(label) ? label : null };
        },
      },
    ],
    toDOM: (node): DOMOutputSpec => [
      'section',
      {
        class: 'clause',
        'data-clause-id': node.attrs.id as string,
        ...(node.attrs.label ? { 'data-label': node.attrs.label as string } : {}),
      },
      0,
    ],
  },
  list: {
    group: 'block flow',
    content: 'list_item*',
    attrs: {
      kind: { default: 'bullet', validate: check('list kind', isListKind) },
      order: { default: 1, validate: check('list start number', isListOrder) },
    },
    parseDOM: [
      { tag: 'ul', attrs: { kind: 'bullet', order: 1 } },
      {
        tag: 'ol',
        getAttrs: (dom) => {
          const start = Number((dom as DomElement).getAttribute('start') ?? 1);
          return { kind: 'ordered', order: isListOrder(start) ? start : 1 };
        },
      },
    ],
    toDOM: (node): DOMOutputSpec =>
      node.attrs.kind === 'bullet'
        ? ['ul', 0]
        : node.attrs.order === 1
          ? ['ol', 0]
          : ['ol', { start: node.attrs.order as number }, 0],
  },
  list_item: {
    content: 'flow*',
    defining: true,
    parseDOM: [{ tag: 'li' }],
    toDOM: (): DOMOutputSpec => ['li', 0],
  },
  text: { group: 'inline' },
  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    parseDOM: [{ tag: 'br' }],
    toDOM: (): DOMOutputSpec => ['br'],
  },
};

const marks: Record<string, MarkSpec> = {
  strong: {
    parseDOM: [{ tag: 'strong' }, { tag: 'b' }],
    toDOM: (): DOMOutputSpec => ['strong', 0],
  },
  em: {
    parseDOM: [{ tag: 'em' }, { tag: 'i' }],
    toDOM: (): DOMOutputSpec => ['em', 0],
  },
  underline: {
    parseDOM: [{ tag: 'u' }],
    toDOM: (): DOMOutputSpec => ['u', 0],
  },
};

/** The single schema instance; y-prosemirror and exports must agree on it exactly. */
export const chancerySchema = new Schema({ nodes, marks });

/** Name of the Y.XmlFragment holding a document's ProseMirror content (y-prosemirror's default). */
export const CONTENT_FRAGMENT = 'prosemirror';
