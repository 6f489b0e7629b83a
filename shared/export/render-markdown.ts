import type { Node as PMNode } from 'prosemirror-model';
import { childrenOf, countTextblocks, framingAt, type Framing } from './clause-framing';
import type { ExportClause, ExportDocument, ExportOptions, ExportPackage } from './export-model';
import {
  ANNEX_CLAUSE_HEADER,
  ANNEX_TITLE,
  FOOTNOTES_TITLE,
  OPTION_ONE_PREFIX,
  clauseLabelText,
  cleanNote,
  coverText,
  documentFigureText,
  legendLines,
  optionAttribution,
  optionBody,
  statusCell,
} from './export-text';

/**
 * The Markdown export: the same content as the HTML export, for delegates who paste texts into
 * mail, wikis or pull requests. Every character Markdown would read as markup is escaped, so a
 * square bracket in the treaty text — and the brackets the export adds — stay literal brackets
 * and never turn into links; footnotes are `[^d2-3]` (document 2, note 3), unique in the package.
 */
export function renderMarkdown(pkg: ExportPackage, options: ExportOptions): string {
  const parts = options.clean ? cleanParts(pkg, options) : markedUpParts(pkg);
  return `${parts.join('\n\n').replace(/\n{3,}/gu, '\n\n').trim()}\n`;
}

/**
 * Escapes what Markdown (CommonMark + GFM tables, strikethrough and footnotes) would read as
 * markup anywhere in a line, so text prints as written; line starts are handled by
 * {@link escapeLineStart}. Kept to that set so the raw file stays readable ("30 days." not "30 days\.").
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~^]/gu, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/gu, '\\&')
    .replace(/\n/gu, ' ');
}

/** Escapes a line's start that would open a heading, list, quote or setext underline. */
export function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#+=-]|\d+(?=[.)]))/u, (_, space: string, mark: string) =>
    /^\d/u.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
  );
}

function inlineMd(block: PMNode): string {
  let out = '';
  block.forEach((child) => {
    if (child.type.name === 'hard_break') {
      out += '\\\n';
      return;
    }
    if (!child.isText) return;
    const raw = child.text ?? '';
    // Emphasis delimiters must touch non-space text: keep surrounding spaces outside them.
    const lead = /^\s*/u.exec(raw)![0];
    const trail = raw.slice(lead.length).match(/\s*$/u)![0];
    const core = raw.slice(lead.length, raw.length - trail.length);
    let md = escapeMarkdown(core);
    if (core) {
      for (const mark of child.marks) {
        if (mark.type.name === 'strong') md = `**${md}**`;
        else if (mark.type.name === 'em') md = `*${md}*`;
        else if (mark.type.name === 'underline') md = `<u>${md}</u>`;
      }
    }
    out += `${lead}${md}${trail}`;
  });
  return out;
}

/** Blocks as Markdown lines; the first and last text block get the framing (label, brackets, note refs). */
function blocksMd(nodes: readonly PMNode[], framing?: Framing): string {
  const total = countTextblocks(nodes);
  if (framing && total === 0) return `${framing.before}${framing.after}`;
  let index = 0;
  const render = (node: PMNode, indent: string): string[] => {
    if (node.isTextblock) {
      const { before, after } = framingAt(framing, index++, total);
      const level = node.attrs.level as number;
      const text = `${before}${before ? inlineMd(node) : escapeLineStart(inlineMd(node))}${after}`;
      return [level > 0 ? `${'#'.repeat(Math.min(level + 1, 6))} ${text}` : `${indent}${text}`, ''];
    }
    if (node.type.name === 'list') {
      const lines: string[] = [];
      let n = node.attrs.order as number;
      node.forEach((item) => {
        const marker = node.attrs.kind === 'bullet' ? '- ' : `${n++}. `;
        const inner: string[] = [];
        item.forEach((c) => void inner.push(...render(c, '')));
        const body = inner.filter((l, k) => !(l === '' && k === inner.length - 1));
        const pad = ' '.repeat(marker.length);
        body.forEach((l, k) => lines.push(k === 0 ? `${indent}${marker}${l}` : l ? `${indent}${pad}${l}` : ''));
        if (body.length === 0) lines.push(`${indent}${marker.trim()}`);
      });
      return [...lines, ''];
    }
    const lines: string[] = [];
    node.forEach((c) => void lines.push(...render(c, indent)));
    return lines;
  };
  return nodes.flatMap((n) => render(n, '')).join('\n');
}

function bullets(items: readonly string[]): string {
  return items.map((i) => `- ${escapeMarkdown(i)}`).join('\n');
}

function noteRef(docIndex: number, n: number): string {
  return `[^d${docIndex + 1}-${n}]`;
}

function markedUpClause(clause: ExportClause, docIndex: number, firstNote: number): string {
  const refs = clause.footnotes.map((_, i) => noteRef(docIndex, firstNote + i)).join('');
  const open = clause.bracketed ? `\\[${clause.options.length > 0 ? escapeMarkdown(OPTION_ONE_PREFIX) : ''}` : '';
  const close = clause.bracketed ? '\\]' : '';
  const label = `**${escapeMarkdown(clauseLabelText(clause.label))}** `;
  const text = blocksMd(childrenOf(clause.node), { before: `${label}${open}`, after: `${close}${clause.options.length > 0 ? '' : refs}` });
  const opts = clause.options.map(
    (o, i) => `\\[${escapeMarkdown(optionBody(o))}\\] ${escapeMarkdown(optionAttribution(o))}${i === clause.options.length - 1 ? refs : ''}`,
  );
  return [text, ...opts].join('\n\n');
}

function markedUpDocument(doc: ExportDocument, docIndex: number): string {
  const parts: string[] = [`# ${escapeMarkdown(doc.title)}`, `*${escapeMarkdown(documentFigureText(doc.agreement))}*`];
  const notes: string[] = [];
  for (const item of doc.content) {
    if (item.kind === 'block') {
      parts.push(blocksMd([item.node]));
      continue;
    }
    parts.push(markedUpClause(item, docIndex, notes.length + 1));
    for (const f of item.footnotes) notes.push(`${noteRef(docIndex, notes.length + 1)}: ${escapeMarkdown(f.text)}`);
  }
  if (notes.length > 0) parts.push(`## ${escapeMarkdown(FOOTNOTES_TITLE)}`, notes.join('\n'));
  return parts.join('\n\n');
}

function cell(text: string): string {
  return escapeMarkdown(text);
}

function annex(pkg: ExportPackage): string {
  const parts = [`# ${escapeMarkdown(ANNEX_TITLE)}`];
  for (const doc of pkg.documents) {
    const head = `| ${[ANNEX_CLAUSE_HEADER, ...pkg.parties.map((p) => p.code)].map(cell).join(' | ')} |`;
    const rule = `|${[ANNEX_CLAUSE_HEADER, ...pkg.parties].map(() => ' --- ').join('|')}|`;
    const rows = doc.content
      .filter((c): c is ExportClause => c.kind === 'clause')
      .map((c) => `| ${[c.label, ...c.positions.map(statusCell)].map(cell).join(' | ')} |`);
    parts.push(`## ${escapeMarkdown(doc.title)}`, [head, rule, ...rows].join('\n'));
  }
  parts.push('## Legend', bullets(legendLines(pkg)));
  return parts.join('\n\n');
}

function markedUpParts(pkg: ExportPackage): string[] {
  const c = coverText(pkg);
  const cover = [
    `# ${escapeMarkdown(c.title)}`,
    escapeMarkdown(c.version),
    escapeMarkdown(c.date),
    '## Parties',
    bullets(c.parties),
    '## Agreement',
    `**${escapeMarkdown(c.packageFigure)}**`,
    bullets(c.documentFigures),
    '## Markup',
    bullets(c.counts),
  ].join('\n\n');
  return [cover, ...pkg.documents.map((d, i) => markedUpDocument(d, i)), annex(pkg)];
}

function cleanParts(pkg: ExportPackage, options: ExportOptions): string[] {
  const head = `# ${escapeMarkdown(pkg.title)}\n\n*${escapeMarkdown(cleanNote(pkg, options))}*`;
  const docs = pkg.documents.map((doc) => {
    const parts = [`# ${escapeMarkdown(doc.title)}`];
    for (const item of doc.content) {
      if (item.kind === 'block') parts.push(blocksMd([item.node]));
      else if (!options.agreedOnly || item.state === 'agreed') {
        parts.push(blocksMd(childrenOf(item.node), { before: `**${escapeMarkdown(clauseLabelText(item.label))}** `, after: '' }));
      }
    }
    return parts.join('\n\n');
  });
  return [head, ...docs];
}
