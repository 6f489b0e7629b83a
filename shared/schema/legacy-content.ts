import { ChanceryError } from '../errors';
import { HEADING_LEVELS, isClauseLabel, isHeadingLevel, isListKind, isListOrder, MAX_LIST_ORDER } from './attributes';
import { isClauseId, legacyClauseId } from './clause-ids';
import { chancerySchema } from './schema';

/**
 * Maps document content written under the schema before "Schema under concurrency" (design brief)
 * to the current one. Workspace files store ProseMirror content as Yjs elements named by node
 * type, so the renamed types would otherwise be unknown to y-prosemirror, which deletes what it
 * cannot build. The caller (the workspace-format migration) reads the old content without a
 * schema (y-prosemirror's `yXmlFragmentToProsemirrorJSON`), maps it here and writes it anew.
 *
 * What changes:
 * - `heading {level}` → `paragraph {level}` (levels above 3 become 3); a heading that is not at
 *   the top level (the old schema refused those, a damaged file may hold one) becomes body text;
 * - `paragraph` → `paragraph {level: 0}`;
 * - `bullet_list` → `list {kind: "bullet"}`, `ordered_list {order}` → `list {kind: "ordered", order}`;
 * - clause ids not in the current format (e.g. the old sample's "fw-01") → {@link legacyClauseId}
 *   of the old id, and a clause without an id → {@link legacyClauseId} of the document id and its
 *   ordinal: deterministic, so two copies of one old file migrate to the same ids;
 * - an invalid stored label (empty, over-long, multi-line) is dropped: the clause is numbered.
 * Content already in the current form passes through unchanged, so mapping twice is harmless.
 */

/** ProseMirror JSON as older versions wrote it; loose, since it comes from files. */
interface NodeJSON {
  type?: unknown;
  attrs?: Record<string, unknown>;
  content?: unknown[];
  text?: unknown;
  marks?: { type?: unknown; attrs?: unknown }[];
}

const MARKS = new Set(['strong', 'em', 'underline']);

function corrupt(documentId: string, what: string): ChanceryError {
  return new ChanceryError(
    'WORKSPACE_CORRUPT',
    `Document "${documentId}" holds content this version cannot read (${what}). Open a backup copy of the workspace, or merge a colleague's copy.`,
  );
}

/**
 * Returns `json` (ProseMirror JSON of a whole document under the old or the current schema) as
 * content valid under {@link chancerySchema}. Throws a `WORKSPACE_CORRUPT` ChanceryError naming
 * `documentId` when the content is not a document or holds something neither schema knows.
 */
export function upgradeLegacyContent(json: unknown, documentId: string): unknown {
  let clauses = 0;

  const inline = (node: NodeJSON): unknown => {
    if (node.type === 'hard_break') return { type: 'hard_break' };
    if (node.type !== 'text' || typeof node.text !== 'string') throw corrupt(documentId, `inline node ${JSON.stringify(node.type)}`);
    const marks = (node.marks ?? []).map((m) => {
      if (typeof m?.type !== 'string' || !MARKS.has(m.type)) throw corrupt(documentId, `mark ${JSON.stringify(m?.type)}`);
      return { type: m.type };
    });
    return marks.length ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text };
  };

  const children = (node: NodeJSON, depth: number, each: (child: NodeJSON, depth: number) => unknown): unknown[] => {
    if (node.content === undefined) return [];
    if (!Array.isArray(node.content)) throw corrupt(documentId, `content of ${JSON.stringify(node.type)} is not a list`);
    return node.content.map((child) => {
      if (typeof child !== 'object' || child === null) throw corrupt(documentId, 'a node that is not an object');
      return each(child as NodeJSON, depth);
    });
  };

  const textblock = (level: number, node: NodeJSON) => {
    const content = children(node, 0, inline).filter((c) => (c as { text?: string }).text !== '');
    return content.length ? { type: 'paragraph', attrs: { level }, content } : { type: 'paragraph', attrs: { level } };
  };

  const block = (node: NodeJSON, depth: number): unknown => {
    const attrs = node.attrs ?? {};
    switch (node.type) {
      case 'paragraph':
        return textblock(depth === 1 && isHeadingLevel(attrs.level) ? attrs.level : 0, node);
      case 'heading': {
        const level = Number.isInteger(attrs.level) ? Math.min(Math.max(attrs.level as number, 1), HEADING_LEVELS) : 1;
        return textblock(depth === 1 ? level : 0, node);
      }
      case 'bullet_list':
      case 'ordered_list':
      case 'list': {
        const kind = node.type === 'bullet_list' ? 'bullet' : node.type === 'ordered_list' ? 'ordered' : isListKind(attrs.kind) ? attrs.kind : 'bullet';
        const order = Number.isInteger(attrs.order) ? Math.min(Math.max(attrs.order as number, 1), MAX_LIST_ORDER) : 1;
        return { type: 'list', attrs: { kind, order: isListOrder(order) ? order : 1 }, content: children(node, depth + 1, block) };
      }
      case 'list_item':
        return { type: 'list_item', content: children(node, depth + 1, block) };
      case 'clause': {
        clauses += 1;
        const id = isClauseId(attrs.id)
          ? attrs.id
          : legacyClauseId(typeof attrs.id === 'string' && attrs.id ? attrs.id : `${documentId}#${clauses}`);
        const trimmed = typeof attrs.label === 'string' ? attrs.label.trim() : null;
        const label = isClauseLabel(trimmed) ? trimmed : null;
        return { type: 'clause', attrs: { id, label }, content: children(node, depth + 1, block) };
      }
      default:
        throw corrupt(documentId, `block ${JSON.stringify(node.type)}`);
    }
  };

  const root = json as NodeJSON | null;
  if (typeof root !== 'object' || root === null || root.type !== 'doc') throw corrupt(documentId, 'no document node');
  const out = { type: 'doc', content: children(root, 1, block) };
  try {
    chancerySchema.nodeFromJSON(out).check();
  } catch (e) {
    throw corrupt(documentId, (e as Error).message);
  }
  return out;
}
