import { clauseLabelText } from '../export/export-text';
import { escapeHtml, htmlList, htmlPage } from '../export/html-node';
import type { BlockComparison, ClauseComparison, DiffParagraph, DocumentComparison, WorkspaceComparison } from './compare-model';
import { redlineCss } from './redline-styles';
import {
  POSITION_CHANGES_TITLE,
  clauseHeadLabel,
  countsLines,
  documentPositionLines,
  documentPresenceText,
  movedMarker,
  oldTitleText,
  positionChangeText,
  presenceMarker,
  redlineTitle,
  renumberedMarker,
  stateChangeText,
  versionLine,
} from './redline-text';

/**
 * The redline as a standalone HTML page, and the page Chromium prints to the redline PDF. Same
 * guarantees as the HTML export: inline CSS, no script, nothing loaded (a strict CSP), every
 * delegate's word escaped. Insertions are `<ins>` and deletions `<del>` around exactly the words
 * that changed, so a reader — or a test in a real browser — sees the change where it happened.
 */
export function renderRedlineHtml(cmp: WorkspaceComparison): string {
  const title = redlineTitle(cmp);
  return htmlPage({
    title,
    css: redlineCss(`${cmp.title} — redline`),
    bodyClass: 'redline',
    body: [cover(cmp), ...cmp.documents.map((d) => documentHtml(d, cmp))],
  });
}

function cover(cmp: WorkspaceComparison): string {
  return [
    '<section class="cover">',
    `<h1>${escapeHtml(cmp.title)}</h1>`,
    '<p class="version">Redline</p>',
    `<p class="older">From: ${escapeHtml(versionLine(cmp.older))}</p>`,
    `<p class="newer">To: ${escapeHtml(versionLine(cmp.newer))}</p>`,
    '<h2>Changes</h2>',
    htmlList(countsLines(cmp.counts), 'counts'),
    '<h2>Legend</h2>',
    '<ul class="legend"><li><ins>Underlined</ins>: inserted</li><li><del>Struck through</del>: deleted</li></ul>',
    '</section>',
  ].join('\n');
}

function runsHtml(p: DiffParagraph): string {
  return p.runs
    .map((r) => (r.op === 'insert' ? `<ins>${escapeHtml(r.text)}</ins>` : r.op === 'delete' ? `<del>${escapeHtml(r.text)}</del>` : escapeHtml(r.text)))
    .join('');
}

function clauseHtml(c: ClauseComparison, cmp: WorkspaceComparison): string {
  const markers: string[] = [];
  const presence = presenceMarker(c, cmp);
  if (presence) markers.push(`<span class="marker ${c.kind}">${escapeHtml(presence)}</span>`);
  if (c.moved) markers.push(`<span class="marker moved">${escapeHtml(movedMarker(c))}</span>`);
  if (c.renumbered) markers.push(`<span class="marker renumbered">${escapeHtml(renumberedMarker(c))}</span>`);
  const label = `<span class="clause-label">${escapeHtml(clauseLabelText(clauseHeadLabel(c)))}</span>`;
  const [first, ...rest] = c.paragraphs;
  const paras = [`<p>${label}${first ? runsHtml(first) : ''}</p>`, ...rest.map((p) => `<p>${runsHtml(p)}</p>`)];
  const state = stateChangeText(c);
  const changes = c.positionChanges.map(positionChangeText);
  const classes = ['clause', c.kind, ...(c.moved ? ['moved'] : []), ...(c.renumbered ? ['renumbered'] : [])].join(' ');
  return [
    `<section class="${classes}" data-clause-id="${escapeHtml(c.id)}" data-kind="${c.kind}">`,
    markers.length > 0 ? `<div class="clause-head">${markers.join('')}</div>` : '',
    paras.join(''),
    state ? `<p class="state-change">${escapeHtml(state)}</p>` : '',
    changes.length > 0 ? htmlList(changes, 'position-changes') : '',
    '</section>',
  ].join('');
}

function blockHtml(b: BlockComparison): string {
  const tag = b.level > 0 ? `h${Math.min(b.level + 1, 6)}` : 'p';
  const cls = b.level > 0 ? 'block heading' : 'block';
  return b.paragraphs.map((p) => `<${tag} class="${cls}">${runsHtml(p)}</${tag}>`).join('');
}

function documentHtml(doc: DocumentComparison, cmp: WorkspaceComparison): string {
  const presence = documentPresenceText(doc, cmp);
  const oldTitle = oldTitleText(doc);
  const positions = documentPositionLines(doc);
  return [
    `<section class="document" data-doc-id="${escapeHtml(doc.id)}" data-presence="${doc.presence}">`,
    `<h1 class="doc-title">${escapeHtml(doc.title)}</h1>`,
    oldTitle ? `<p class="old-title">${escapeHtml(oldTitle)}</p>` : '',
    presence ? `<p class="presence">${escapeHtml(presence)}</p>` : '',
    `<p class="doc-summary">${escapeHtml(countsLines(doc.counts).join('; '))}</p>`,
    positions.length > 0 ? `<h2>${escapeHtml(POSITION_CHANGES_TITLE)}</h2>${htmlList(positions, 'doc-positions')}` : '',
    ...doc.items.map((item) => (item.kind === 'clause' ? clauseHtml(item.clause, cmp) : blockHtml(item))),
    '</section>',
  ]
    .filter((s) => s !== '')
    .join('\n');
}
