import type { Node as PMNode } from 'prosemirror-model';
import type { ExportPackage } from '../export/export-model';
import type { RoundInfo, RoundItemView, RoundView } from './round-model';

/**
 * The plain text of each paragraph under `node`, in reading order. A round is read, not edited,
 * so the window gets words and line breaks only: no ProseMirror JSON it could turn back into an
 * editable replica. List items keep their bullet or number, so "(a) … (b) …" still reads as a list.
 */
export function paragraphTexts(node: PMNode): string[] {
  const out: string[] = [];
  collect(node, '', out);
  return out;
}

function inlineText(paragraph: PMNode): string {
  let text = '';
  paragraph.forEach((child) => {
    if (child.isText) text += child.text ?? '';
    else if (child.type.name === 'hard_break') text += '\n';
  });
  return text;
}

function collect(node: PMNode, prefix: string, out: string[]): void {
  if (node.type.name === 'paragraph') {
    out.push(prefix + inlineText(node));
    return;
  }
  if (node.type.name === 'list') {
    const ordered = node.attrs.kind === 'ordered';
    const start = typeof node.attrs.order === 'number' ? node.attrs.order : 1;
    node.forEach((item, _offset, index) => {
      const marker = ordered ? `${start + index}. ` : '• ';
      let first = true;
      item.forEach((child) => {
        // The marker goes on the item's first paragraph only; later ones are continuation text.
        collect(child, first ? prefix + marker : prefix, out);
        first = false;
      });
      if (first) out.push(prefix + marker.trimEnd());
    });
    return;
  }
  node.forEach((child) => collect(child, prefix, out));
}

/**
 * What the app's read-only round view shows, built from the same {@link ExportPackage} an export
 * of that round prints, so the screen and the exported file cannot disagree about which clause
 * was disputed by whom, or about the figures. Only the manifest's documents are in a package,
 * so a delegation's private notes can never reach the view.
 */
export function roundView(pkg: ExportPackage, info: RoundInfo): RoundView {
  return {
    info,
    title: pkg.title,
    parties: pkg.parties.map((p) => ({ code: p.code, name: p.name })),
    agreement: pkg.agreement,
    documents: pkg.documents.map((doc) => ({
      id: doc.id,
      title: doc.title,
      agreement: doc.agreement,
      items: doc.content.map((item): RoundItemView => {
        if (item.kind === 'clause') {
          return {
            kind: 'clause',
            id: item.id,
            label: item.label,
            state: item.state,
            paragraphs: paragraphTexts(item.node),
            positions: item.positions.map((p) => ({ party: p.party, status: p.status, stale: p.stale })),
          };
        }
        const level = item.node.type.name === 'paragraph' && typeof item.node.attrs.level === 'number' ? item.node.attrs.level : 0;
        return { kind: 'block', level, paragraphs: paragraphTexts(item.node) };
      }),
    })),
  };
}
