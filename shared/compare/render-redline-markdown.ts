import { clauseLabelText } from '../export/export-text';
import { escapeLineStart, escapeMarkdown as escapeExportMarkdown } from '../export/render-markdown';
import type { BlockComparison, ClauseComparison, DiffParagraph, DocumentComparison, WorkspaceComparison } from './compare-model';
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
 * The redline in Markdown with CriticMarkup (`{++inserted++}`, `{--deleted--}`, `{>>note<<}` for
 * the moved and renumbered markers), which plain-text tools and reviewers' editors render as
 * revisions and which still reads correctly as plain text in a cable. Delegates' text is
 * escaped, so a clause containing "{++" cannot forge a revision mark.
 */
export function renderRedlineMarkdown(cmp: WorkspaceComparison): string {
  const parts = [cover(cmp), ...cmp.documents.map((d) => documentMd(d, cmp))];
  return `${parts.join('\n\n').replace(/\n{3,}/gu, '\n\n').trim()}\n`;
}

/** The export's Markdown escaping, plus braces: "{++" in a delegate's text must not open a revision. */
function escapeMarkdown(text: string): string {
  return escapeExportMarkdown(text).replace(/[{}]/gu, (c) => `\\${c}`);
}

function list(items: readonly string[]): string {
  return items.map((i) => `- ${escapeMarkdown(i)}`).join('\n');
}

function note(text: string): string {
  return `{>>${escapeMarkdown(text)}<<}`;
}

function cover(cmp: WorkspaceComparison): string {
  return [
    `# ${escapeMarkdown(redlineTitle(cmp))}`,
    `From: ${escapeMarkdown(versionLine(cmp.older))}  \nTo: ${escapeMarkdown(versionLine(cmp.newer))}`,
    '## Changes',
    list(countsLines(cmp.counts)),
    'Legend: {++inserted++}, {--deleted--}, {>>marker<<}.',
  ].join('\n\n');
}

/** One run as CriticMarkup; surrounding spaces stay outside the marks so they render. */
function runMd(op: 'equal' | 'insert' | 'delete', text: string): string {
  if (op === 'equal') return escapeMarkdown(text);
  const lead = /^\s*/u.exec(text)![0];
  const rest = text.slice(lead.length);
  const trail = /\s*$/u.exec(rest)![0];
  const core = rest.slice(0, rest.length - trail.length);
  if (!core) return text;
  const [open, close] = op === 'insert' ? ['{++', '++}'] : ['{--', '--}'];
  return `${lead}${open}${escapeMarkdown(core)}${close}${trail}`;
}

function runsMd(p: DiffParagraph): string {
  return p.runs.map((r) => runMd(r.op, r.text)).join('');
}

function clauseMd(c: ClauseComparison, cmp: WorkspaceComparison): string {
  const head = [`**${escapeMarkdown(clauseLabelText(clauseHeadLabel(c)))}**`];
  const presence = presenceMarker(c, cmp);
  if (presence) head.push(note(presence));
  if (c.moved) head.push(note(movedMarker(c)));
  if (c.renumbered) head.push(note(renumberedMarker(c)));
  const [first, ...rest] = c.paragraphs;
  const out = [`${head.join(' ')} ${first ? runsMd(first) : ''}`.trimEnd(), ...rest.map(runsMd)];
  const state = stateChangeText(c);
  if (state) out.push(`*${escapeMarkdown(state)}*`);
  if (c.positionChanges.length > 0) out.push(list(c.positionChanges.map(positionChangeText)));
  return out.join('\n\n');
}

function blockMd(b: BlockComparison): string {
  const prefix = b.level > 0 ? `${'#'.repeat(Math.min(b.level + 1, 6))} ` : '';
  return b.paragraphs.map((p) => (prefix ? `${prefix}${runsMd(p)}` : escapeLineStart(runsMd(p)))).join('\n\n');
}

function documentMd(doc: DocumentComparison, cmp: WorkspaceComparison): string {
  const parts = [`# ${escapeMarkdown(doc.title)}`];
  const oldTitle = oldTitleText(doc);
  if (oldTitle) parts.push(`*${escapeMarkdown(oldTitle)}*`);
  const presence = documentPresenceText(doc, cmp);
  if (presence) parts.push(`*${escapeMarkdown(presence)}*`);
  parts.push(`*${escapeMarkdown(countsLines(doc.counts).join('; '))}*`);
  const positions = documentPositionLines(doc);
  if (positions.length > 0) parts.push(`## ${escapeMarkdown(POSITION_CHANGES_TITLE)}`, list(positions));
  for (const item of doc.items) parts.push(item.kind === 'clause' ? clauseMd(item.clause, cmp) : blockMd(item));
  return parts.join('\n\n');
}
