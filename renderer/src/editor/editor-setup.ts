import type * as Y from 'yjs';
import { EditorState, type Plugin } from 'prosemirror-state';
import { search } from 'prosemirror-search';
import { initProseMirrorDoc, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import { chancerySchema, CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { buildCursor, buildSelection } from '../live/presence-style';
import { clauseIdRepairPlugin } from './clause-id-repair-plugin';
import { clauseNumberingPlugin } from './clause-numbering-plugin';
import { contentInvariantsPlugin } from './content-invariants-plugin';
import { chanceryKeymap, type KeymapOptions } from './keymap-plugin';
import { clauseFilterPlugin } from './positions/clause-filter-plugin';
import type { GutterActions } from './positions/gutter-dom';
import { positionGutterPlugin } from './positions/position-gutter-plugin';
import { notesMarkerPlugin } from './notes/notes-marker-plugin';

/** For editors without dialogs (tests, the convergence peers): the gutter's buttons do nothing. */
const NO_GUTTER_ACTIONS: GutterActions = { openPosition: () => {}, openHistory: () => {} };

/**
 * Builds the editor state for one framework document's replica Y.Doc. The order of plugins
 * matters: y-prosemirror's undo plugin reads the sync plugin's state when it initialises, and
 * the keymap must come before anything else that handles keys. With `presence` (the document's
 * awareness), other delegations' cursors and selections are drawn, party-coloured (live/presence-style.ts).
 */
export function createEditorState(
  ydoc: Y.Doc,
  keymapOptions: KeymapOptions,
  gutterActions = NO_GUTTER_ACTIONS,
  presence?: Awareness,
): EditorState {
  const fragment = ydoc.getXmlFragment(CONTENT_FRAGMENT);
  // Building the first document straight from the fragment, with the node mapping handed to the
  // binding, spares y-prosemirror an empty first render followed by a full re-render: the
  // document is editable as soon as the view exists. An empty fragment (a brand-new document)
  // gets the schema's minimal document instead and lets the binding render on its own.
  const initial = fragment.length > 0 ? initProseMirrorDoc(fragment, chancerySchema) : null;
  const doc = initial && initial.doc.childCount > 0 ? initial.doc : chancerySchema.topNodeType.createAndFill()!;
  const sync = ySyncPlugin(fragment, initial && initial.doc.childCount > 0 ? { mapping: initial.mapping } : {}) as Plugin;

  return EditorState.create({
    schema: chancerySchema,
    doc,
    plugins: [
      chanceryKeymap(keymapOptions),
      sync,
      // Tracks only transactions whose origin is the sync plugin, i.e. edits made in this
      // editor: remote changes arrive with the hub origin and are never undone by Mod-z here.
      yUndoPlugin(),
      ...(presence ? [yCursorPlugin(presence, { cursorBuilder: buildCursor, selectionBuilder: buildSelection }) as Plugin] : []),
      // What the schema's `*` content no longer enforces (a clause holds a paragraph…), restored
      // for local edits only, by inserting in the same dispatch.
      contentInvariantsPlugin(),
      clauseIdRepairPlugin(),
      clauseNumberingPlugin(),
      // After the numbering (the gutter names clauses by their numbers), and the filter after
      // the gutter (it reads the clause states the gutter holds).
      positionGutterPlugin(gutterActions),
      clauseFilterPlugin(),
      // Marks clauses that have the delegation's private notes (fed by the notes store).
      notesMarkerPlugin(),
      search(),
    ],
  });
}
