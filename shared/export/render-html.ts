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
import { childrenOf } from './clause-framing';
import { blocksHtml, escapeHtml, htmlList, htmlPage } from './html-node';
import { exportCss } from './html-styles';

/**
 * The HTML export, and the page Chromium prints to PDF. A standalone file a delegate can mail or
 * open offline: inline CSS, no script, no external resource, and a Content-Security-Policy that
 * forbids loading anything, so an exported text can never call out to a server when opened.
 * Every piece of delegates' text is escaped; brackets and option labels are real characters in
 * the text (not CSS), so they survive copy-paste into a cable.
 */
export function renderHtml(pkg: ExportPackage, options: ExportOptions): string {
  const body = options.clean ? cleanBody(pkg, options) : markedUpBody(pkg);
  return htmlPage({ title: pkg.title, css: exportCss(pkg.title), bodyClass: options.clean ? 'clean' : 'marked-up', body: [body] });
}

function cover(pkg: ExportPackage): string {
  const c = coverText(pkg);
  return [
    '<section class="cover">',
    `<h1>${escapeHtml(c.title)}</h1>`,
    `<p class="version">${escapeHtml(c.version)}</p>`,
    `<p class="date">${escapeHtml(c.date)}</p>`,
    '<h2>Parties</h2>',
    htmlList(c.parties, 'parties'),
    '<h2>Agreement</h2>',
    `<p class="package-figure">${escapeHtml(c.packageFigure)}</p>`,
    htmlList(c.documentFigures, 'document-figures'),
    '<h2>Markup</h2>',
    htmlList(c.counts, 'counts'),
    '</section>',
  ].join('\n');
}

/** `d2-3`: footnote ids unique across the package (document 2, note 3). */
function noteId(docIndex: number, n: number): string {
  return `d${docIndex + 1}-${n}`;
}

function markedUpClause(clause: ExportClause, docIndex: number, firstNote: number): string {
  const label = `<span class="clause-label">${escapeHtml(clauseLabelText(clause.label))}</span> `;
  const open = clause.bracketed ? '[' : '';
  const close = clause.bracketed ? ']' : '';
  const optionOne = clause.options.length > 0 ? escapeHtml(OPTION_ONE_PREFIX) : '';
  const refs = clause.footnotes.map((_, i) => {
    const id = noteId(docIndex, firstNote + i);
    return `<a href="#fn-${id}" id="fnref-${id}">${firstNote + i}</a>`;
  });
  const sup = refs.length > 0 ? `<sup class="fnref">${refs.join(', ')}</sup>` : '';
  const text = blocksHtml(childrenOf(clause.node), {
    before: `${label}${open}${clause.bracketed ? optionOne : ''}`,
    after: `${close}${clause.options.length > 0 ? '' : sup}`,
  });
  const opts = clause.options.map(
    (o, i) =>
      `<p class="option">[${escapeHtml(optionBody(o))}] ${escapeHtml(optionAttribution(o))}${i === clause.options.length - 1 ? sup : ''}</p>`,
  );
  return `<section class="clause" data-clause-id="${escapeHtml(clause.id)}" data-state="${escapeHtml(clause.state)}">${text}${opts.join('')}</section>`;
}

function markedUpDocument(doc: ExportDocument, docIndex: number): string {
  const parts: string[] = [];
  const notes: string[] = [];
  for (const item of doc.content) {
    if (item.kind === 'block') {
      parts.push(blocksHtml([item.node]));
      continue;
    }
    parts.push(markedUpClause(item, docIndex, notes.length + 1));
    for (const f of item.footnotes) notes.push(`<li id="fn-${noteId(docIndex, notes.length + 1)}">${escapeHtml(f.text)}</li>`);
  }
  const footnotes = notes.length > 0 ? `<section class="footnotes"><h2>${escapeHtml(FOOTNOTES_TITLE)}</h2><ol>${notes.join('')}</ol></section>` : '';
  return [
    `<section class="document" data-doc-id="${escapeHtml(doc.id)}">`,
    `<h1 class="doc-title">${escapeHtml(doc.title)}</h1>`,
    `<p class="figure">${escapeHtml(documentFigureText(doc.agreement))}</p>`,
    parts.join('\n'),
    footnotes,
    '</section>',
  ].join('\n');
}

function annex(pkg: ExportPackage): string {
  const head = `<tr><th scope="col">${escapeHtml(ANNEX_CLAUSE_HEADER)}</th>${pkg.parties
    .map((p) => `<th scope="col" title="${escapeHtml(p.name)}">${escapeHtml(p.code)}</th>`)
    .join('')}</tr>`;
  const tables = pkg.documents.map((doc) => {
    const rows = doc.content
      .filter((c): c is ExportClause => c.kind === 'clause')
      .map(
        (c) =>
          `<tr data-clause-id="${escapeHtml(c.id)}"><th scope="row">${escapeHtml(c.label)}</th>${c.positions
            .map((p) => `<td data-party="${escapeHtml(p.party)}">${escapeHtml(statusCell(p))}</td>`)
            .join('')}</tr>`,
      );
    return `<h2>${escapeHtml(doc.title)}</h2><table class="positions" data-doc-id="${escapeHtml(doc.id)}"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
  });
  return [
    '<section class="annex">',
    `<h1>${escapeHtml(ANNEX_TITLE)}</h1>`,
    tables.join('\n'),
    '<h2>Legend</h2>',
    htmlList(legendLines(pkg), 'legend'),
    '</section>',
  ].join('\n');
}

function markedUpBody(pkg: ExportPackage): string {
  return [cover(pkg), ...pkg.documents.map((d, i) => markedUpDocument(d, i)), annex(pkg)].join('\n');
}

function cleanBody(pkg: ExportPackage, options: ExportOptions): string {
  const docs = pkg.documents.map((doc, i) => {
    const parts = doc.content.map((item) => {
      if (item.kind === 'block') return blocksHtml([item.node]);
      if (options.agreedOnly && item.state !== 'agreed') return '';
      const label = `<span class="clause-label">${escapeHtml(clauseLabelText(item.label))}</span> `;
      return `<section class="clause" data-clause-id="${escapeHtml(item.id)}">${blocksHtml(childrenOf(item.node), { before: label, after: '' })}</section>`;
    });
    return [
      `<section class="document${i === 0 ? ' first' : ''}" data-doc-id="${escapeHtml(doc.id)}">`,
      `<h1 class="doc-title">${escapeHtml(doc.title)}</h1>`,
      parts.join('\n'),
      '</section>',
    ].join('\n');
  });
  return [
    '<header class="title">',
    `<h1>${escapeHtml(pkg.title)}</h1>`,
    `<p class="version-note">${escapeHtml(cleanNote(pkg, options))}</p>`,
    '</header>',
    ...docs,
  ].join('\n');
}
