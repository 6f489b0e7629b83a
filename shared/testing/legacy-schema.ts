import { Schema, type DOMOutputSpec, type NodeSpec, type MarkSpec } from 'prosemirror-model';

/**
 * The document schema as it was before "Schema under concurrency" (design brief), frozen, for
 * tests of the legacy-content mapping (`upgradeLegacyContent`) and of the workspace-format
 * migration: content built with it is what older workspace files hold. Never used by the app.
 */
const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: {
    group: 'block clause_content',
    content: 'inline*',
    parseDOM: [{ tag: 'p' }],
    toDOM: (): DOMOutputSpec => ['p', 0],
  },
  heading: {
    group: 'block',
    attrs: { level: { default: 1, validate: 'number' } },
    content: 'inline*',
    defining: true,
    parseDOM: [1, 2, 3].map((level) => ({ tag: `h${level}`, attrs: { level } })),
    toDOM: (node): DOMOutputSpec => [`h${node.attrs.level as number}`, 0],
  },
  clause: {
    group: 'block',
    content: 'clause_content+',
    attrs: {
      id: { default: null },
      label: { default: null },
    },
    defining: true,
    parseDOM: [
      {
        tag: 'section.clause',
        getAttrs: (dom) => ({
          id: (dom as { getAttribute(n: string): string | null }).getAttribute('data-clause-id'),
          label: (dom as { getAttribute(n: string): string | null }).getAttribute('data-label'),
        }),
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
  bullet_list: {
    group: 'block clause_content',
    content: 'list_item+',
    parseDOM: [{ tag: 'ul' }],
    toDOM: (): DOMOutputSpec => ['ul', 0],
  },
  ordered_list: {
    group: 'block clause_content',
    content: 'list_item+',
    attrs: { order: { default: 1, validate: 'number' } },
    parseDOM: [{ tag: 'ol' }],
    toDOM: (node): DOMOutputSpec =>
      node.attrs.order === 1 ? ['ol', 0] : ['ol', { start: node.attrs.order as number }, 0],
  },
  list_item: {
    content: 'paragraph (bullet_list | ordered_list | paragraph)*',
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

/** The legacy schema: `heading`, `bullet_list` / `ordered_list`, `+` content, unchecked ids. */
export const legacySchema = new Schema({ nodes, marks });
