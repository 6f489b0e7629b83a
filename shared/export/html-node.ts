import type { Node as PMNode } from 'prosemirror-model';
import { countTextblocks, framingAt, type Framing } from './clause-framing';

/**
 * ProseMirror content as HTML for the HTML export (and so the PDF printed from it). Written out
 * by hand rather than through `DOMSerializer` because `shared/` runs where there is no DOM (main,
 * the CLI) and because the export must escape every character of delegates' text itself.
 */

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
}

const MARK_TAGS: Record<string, string> = { strong: 'strong', em: 'em', underline: 'u' };

/** The inline content of a text block: text with marks, hard breaks. */
export function inlineHtml(block: PMNode): string {
  let out = '';
  block.forEach((child) => {
    if (child.type.name === 'hard_break') {
      out += '<br>';
      return;
    }
    if (!child.isText) return;
    let html = escapeHtml(child.text ?? '');
    for (const mark of child.marks) {
      const tag = MARK_TAGS[mark.type.name];
      if (tag) html = `<${tag}>${html}</${tag}>`;
    }
    out += html;
  });
  return out;
}

/** Heading tag for a paragraph level: document titles are h1, so level 1 is h2. */
export function headingTag(level: number): string {
  return level > 0 ? `h${Math.min(level + 1, 6)}` : 'p';
}

/** Renders blocks (paragraphs, headings, lists), framing the first and last text block when asked. */
export function blocksHtml(nodes: readonly PMNode[], framing?: Framing): string {
  const total = countTextblocks(nodes);
  if (framing && total === 0) return `<p>${framing.before}${framing.after}</p>`;
  let index = 0;
  const render = (node: PMNode): string => {
    if (node.isTextblock) {
      const { before, after } = framingAt(framing, index++, total);
      const tag = headingTag(node.attrs.level as number);
      return `<${tag}>${before}${inlineHtml(node)}${after}</${tag}>`;
    }
    const children: string[] = [];
    node.forEach((c) => void children.push(render(c)));
    const inner = children.join('');
    switch (node.type.name) {
      case 'list': {
        if (node.attrs.kind === 'bullet') return `<ul>${inner}</ul>`;
        const order = node.attrs.order as number;
        return order === 1 ? `<ol>${inner}</ol>` : `<ol start="${order}">${inner}</ol>`;
      }
      case 'list_item':
        return `<li>${inner}</li>`;
      default:
        return inner;
    }
  };
  return nodes.map(render).join('');
}

/**
 * A complete standalone export page: the one place that says what every HTML export and redline
 * promises a reader who opens it offline or mails it on — inline CSS only, no script, and a
 * Content-Security-Policy that forbids loading anything, so an exported text never calls out.
 * `css` and `body` are already HTML; the title is escaped here.
 */
export function htmlPage(page: { title: string; css: string; bodyClass: string; body: readonly string[] }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${page.css}</style>`,
    '</head>',
    `<body class="${page.bodyClass}">`,
    ...page.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A bullet list of plain-text lines (escaped), for covers and summaries. */
export function htmlList(items: readonly string[], cls: string): string {
  return `<ul class="${cls}">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}
