import type { Node as PMNode } from 'prosemirror-model';
import { chancerySchema as schema } from '../../../shared/schema/schema';

/**
 * Tiny document builders for the editor's unit tests (EditorState only, no DOM). Not imported by
 * the app.
 */

export function p(text = ''): PMNode {
  return schema.node('paragraph', null, text ? [schema.text(text)] : []);
}

/** A heading: a paragraph with a level. */
export function h(level: number, text: string): PMNode {
  return schema.node('paragraph', { level }, [schema.text(text)]);
}

export function clause(id: string | null, ...content: (PMNode | string)[]): PMNode {
  const blocks = content.length ? content.map((c) => (typeof c === 'string' ? p(c) : c)) : [p()];
  return schema.node('clause', { id }, blocks);
}

export function labelled(id: string, label: string, text: string): PMNode {
  return schema.node('clause', { id, label }, [p(text)]);
}

export function ul(...items: (string | PMNode)[]): PMNode {
  return list('bullet', items);
}

export function ol(...items: (string | PMNode)[]): PMNode {
  return list('ordered', items);
}

/** A list item: a string is its paragraph; nodes are its content as given. */
export function li(...content: (string | PMNode)[]): PMNode {
  return schema.node('list_item', null, content.map((c) => (typeof c === 'string' ? p(c) : c)));
}

function list(kind: 'bullet' | 'ordered', items: (string | PMNode)[]): PMNode {
  return schema.node('list', { kind }, items.map((t) => (typeof t === 'string' ? li(t) : t)));
}

export function doc(...blocks: PMNode[]): PMNode {
  return schema.node('doc', null, blocks);
}

/** Ids of the top-level clauses, in order. */
export function clauseIds(node: PMNode): (string | null)[] {
  const ids: (string | null)[] = [];
  node.forEach((child) => {
    if (child.type.name === 'clause') ids.push(child.attrs.id as string | null);
  });
  return ids;
}

/** Position just before the first occurrence of `text` (plus `offset`), for placing cursors. */
export function posOf(node: PMNode, text: string, offset = 0): number {
  let found = -1;
  node.descendants((child, pos) => {
    if (found >= 0) return false;
    if (child.isText) {
      const at = child.text!.indexOf(text);
      if (at >= 0) found = pos + at + offset;
    }
    return true;
  });
  if (found < 0) throw new Error(`"${text}" is not in the test document`);
  return found;
}
