import type { Node as PMNode } from 'prosemirror-model';
import { Decoration, type EditorView } from 'prosemirror-view';
import type { ClauseView, RosterState } from '../../../../shared/positions/model';
import { renderGutter, renderProposals, type GutterActions } from './gutter-dom';
import { gutterModel, type GutterModel } from './gutter-model';

/**
 * The decorations of one clause, and a cache that keeps ProseMirror from redrawing what did not
 * change:
 * - a widget at the start of the clause's content (inside its `<section>`, `side: -1`): the gutter;
 * - for a disputed clause with proposals, a widget at the end of its content: the options list.
 * Both sit inside the clause, in the clause's own decoration set, so they cost nothing when
 * another clause is edited. (The clause's `data-state` and brackets are attributes of the section
 * itself: see `clause-dom-stamp.ts`.)
 *
 * Widgets carry a `key`; ProseMirror keeps a widget's DOM when the new decoration has the same key,
 * even when the decoration object is new (after y-prosemirror replaced the whole document for a
 * remote change, say). A key names one exact rendering: it changes only when what the widget shows
 * changes (the clause view, its number, the roster), so only those widgets are drawn again.
 */

/** Which of a clause's decorations a spec belongs to; `find` filters on it. */
export interface ClauseDecorationSpec {
  clauseId: string;
  part: 'gutter' | 'proposals';
}

interface Entry {
  view: ClauseView | undefined;
  number: string;
  roster: RosterState | null;
  model: GutterModel;
  key: string;
  gutter: (view: EditorView) => HTMLElement;
  proposals: (view: EditorView) => HTMLElement;
}

/** Widgets handle their own clicks and keys; the editor must not turn them into selections. */
const stopEvent = () => true;

export class ClauseDecorations {
  private readonly cache = new Map<string, Entry>();
  private serial = 0;

  constructor(private readonly actions: GutterActions) {}

  private entry(clauseId: string, number: string, view: ClauseView | undefined, roster: RosterState | null): Entry {
    const cached = this.cache.get(clauseId);
    if (cached && cached.view === view && cached.number === number && cached.roster === roster) return cached;
    const model = gutterModel(clauseId, number, view, roster);
    const entry: Entry = {
      view,
      number,
      roster,
      model,
      key: `${clauseId}#${++this.serial}`,
      gutter: (editor) => renderGutter(editor.dom.ownerDocument, model, this.actions),
      proposals: (editor) => renderProposals(editor.dom.ownerDocument, model),
    };
    this.cache.set(clauseId, entry);
    return entry;
  }

  /** The decorations of the clause `node` at top-level offset `pos`. */
  forClause(pos: number, node: PMNode, number: string, view: ClauseView | undefined, roster: RosterState | null): Decoration[] {
    const clauseId = node.attrs.id as string;
    const { model, key, gutter, proposals } = this.entry(clauseId, number, view, roster);
    const end = pos + node.nodeSize;
    const spec = (part: ClauseDecorationSpec['part']): ClauseDecorationSpec => ({ clauseId, part });
    const out = [
      Decoration.widget(pos + 1, gutter, { ...spec('gutter'), key, side: -1, ignoreSelection: true, stopEvent }),
    ];
    if (model.proposals.length > 0) {
      out.push(Decoration.widget(end - 1, proposals, { ...spec('proposals'), key: `${key}/proposals`, side: 1, ignoreSelection: true, stopEvent }));
    }
    return out;
  }

  /** Forgets clauses that are gone, so the cache does not grow with every deleted clause. */
  keepOnly(clauseIds: ReadonlySet<string>): void {
    for (const id of this.cache.keys()) if (!clauseIds.has(id)) this.cache.delete(id);
  }
}
