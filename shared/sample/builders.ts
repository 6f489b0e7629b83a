import { isClauseId, legacyClauseId } from '../schema/clause-ids';

/**
 * Tiny builders for ProseMirror JSON in the shape `chancerySchema` accepts. The sample documents
 * are long hand-written drafts; spelling every node out as raw JSON would bury the wording (which
 * is what a reader of these files cares about) under braces. The builders only produce plain
 * JSON: the schema itself is the judge of validity (see `seedDocument`), not these types.
 */

/** A mark as ProseMirror serialises it; kept to the three marks the schema defines. */
export interface MarkJSON {
  type: 'strong' | 'em' | 'underline';
}

/** Inline content: a run of text (never empty: ProseMirror rejects empty text nodes) or a break. */
export type InlineJSON = { type: 'text'; text: string; marks?: MarkJSON[] } | { type: 'hard_break' };

/** Block-level node JSON; loose on purpose, the schema check is what enforces nesting rules. */
export interface BlockJSON {
  type: 'paragraph' | 'clause' | 'list' | 'list_item';
  attrs?: Record<string, unknown>;
  content?: (BlockJSON | InlineJSON)[];
}

/** The root node of a document. */
export interface DocJSON {
  type: 'doc';
  content: BlockJSON[];
}

/** What inline builders accept: a bare string is plain text, so most calls need no wrapper. */
export type Inline = string | InlineJSON | InlineJSON[];

/** What block containers accept: a bare string becomes a paragraph of plain text. */
export type Block = string | BlockJSON;

function inline(parts: Inline[]): InlineJSON[] {
  const out: InlineJSON[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part) out.push({ type: 'text', text: part });
    } else if (Array.isArray(part)) {
      out.push(...part);
    } else if (part.type !== 'text' || part.text) {
      out.push(part);
    }
  }
  return out;
}

function block(b: Block): BlockJSON {
  return typeof b === 'string' ? p(b) : b;
}

function marked(type: MarkJSON['type'], parts: Inline[]): InlineJSON[] {
  return inline(parts).map((node) =>
    node.type === 'text' ? { ...node, marks: [...(node.marks ?? []), { type }] } : node,
  );
}

/** Bold run, e.g. a defined term or the operative verb of a clause. */
export function b(...parts: Inline[]): InlineJSON[] {
  return marked('strong', parts);
}

/** Italic run, e.g. Latin terms ("ad referendum") and drafting notes. */
export function i(...parts: Inline[]): InlineJSON[] {
  return marked('em', parts);
}

/** Underlined run: how these drafts flag text newly proposed in the current round. */
export function u(...parts: Inline[]): InlineJSON[] {
  return marked('underline', parts);
}

/** A line break inside a paragraph (signature blocks, stacked references). */
export function br(): InlineJSON {
  return { type: 'hard_break' };
}

/** A plain paragraph: preambular paragraphs, notes and the body of clauses and list items. */
export function p(...parts: Inline[]): BlockJSON {
  const content = inline(parts);
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/**
 * A heading: a paragraph styled with a level (1 is the document title, 2 a part or section), so
 * that turning it back into body text is an attribute change (see the schema).
 */
export function h(level: 1 | 2 | 3, ...parts: Inline[]): BlockJSON {
  return { type: 'paragraph', attrs: { level }, content: inline(parts) };
}

/**
 * The stored id for a builder's `id` argument: a clause id as is, or, for a readable key such as
 * "fw-01" (what the hand-written sample uses), the id derived from it, as the migration derives it
 * for workspaces made before ids had one format.
 */
function clauseId(id: string): string {
  return isClauseId(id) ? id : legacyClauseId(id);
}

/**
 * An operative paragraph. `id` is the stable id positions point at (or a readable key it is
 * derived from, see `clauseId`); the number shown in the margin is derived, so no label is stored.
 */
export function clause(id: string, ...body: Block[]): BlockJSON {
  return { type: 'clause', attrs: { id: clauseId(id), label: null }, content: body.map(block) };
}

/**
 * An operative paragraph inserted between agreed ones, with a stored label such as "5 bis" so
 * that references made in earlier rounds keep pointing at the same text.
 */
export function inserted(id: string, label: string, ...body: Block[]): BlockJSON {
  return { type: 'clause', attrs: { id: clauseId(id), label }, content: body.map(block) };
}

/** A list item; a bare string is its single paragraph, further blocks nest (sub-lists). */
export function li(first: Block, ...rest: Block[]): BlockJSON {
  return { type: 'list_item', content: [block(first), ...rest.map(block)] };
}

function items(entries: Block[]): BlockJSON[] {
  return entries.map((e) => (typeof e !== 'string' && e.type === 'list_item' ? e : li(e)));
}

/** Numbered sub-items, e.g. (a), (b), (c) of an operative paragraph. */
export function ol(...entries: Block[]): BlockJSON {
  return { type: 'list', attrs: { kind: 'ordered', order: 1 }, content: items(entries) };
}

/** Unnumbered sub-items. */
export function ul(...entries: Block[]): BlockJSON {
  return { type: 'list', attrs: { kind: 'bullet', order: 1 }, content: items(entries) };
}

/** The root of a document. */
export function doc(...body: Block[]): DocJSON {
  return { type: 'doc', content: body.map(block) };
}
