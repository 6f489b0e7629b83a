import type { Command, Plugin } from 'prosemirror-state';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap, chainCommands, createParagraphNear, newlineInCode, splitBlock } from 'prosemirror-commands';
import { liftListItem, splitListItem } from 'prosemirror-schema-list';
import {
  insertClause,
  liftEmptyBlockOutsideClauses,
  newClauseFromEmptyLastParagraph,
  redoOwnEdit,
  setHeading,
  sinkListItemKeepingKind,
  toggleBold,
  toggleBulletList,
  toggleItalic,
  toggleOrderedList,
  toggleUnderline,
  types,
  undoOwnEdit,
} from './commands';
import { nextUnagreedClause, previousUnagreedClause } from './positions/unagreed-navigation';

/**
 * The editor's keyboard bindings (e2e/UI-CONTRACT.md, "Keys"), as one keymap plugin: Chancery's
 * bindings first, ProseMirror's base keymap for everything they leave alone. prosemirror-keymap
 * matches "Mod-Shift-z" and "Mod-Shift-7" by key code as well, so they work whatever character
 * Shift produces on the user's layout.
 */

export interface KeymapOptions {
  /** Mod-f: open (or focus) the find bar. */
  onFind: () => void;
}

/** Runs `command` but reports the key as handled either way, so the browser's own action (native
 * contenteditable undo, which would bypass Yjs) never runs. */
function always(command: Command): Command {
  return (state, dispatch, view) => {
    command(state, dispatch, view);
    return true;
  };
}

/**
 * Enter, most specific first: split a list item (an empty one leaves the list); start a new
 * clause from the empty last paragraph of a clause; otherwise ProseMirror's usual Enter, minus
 * lifting an empty paragraph out of its clause (which would split the clause).
 */
export const enterCommand: Command = chainCommands(
  splitListItem(types.listItem),
  newClauseFromEmptyLastParagraph,
  newlineInCode,
  createParagraphNear,
  liftEmptyBlockOutsideClauses,
  splitBlock,
);

export function chanceryKeymap(options: KeymapOptions): Plugin {
  const bindings: Record<string, Command> = {
    'Mod-b': toggleBold,
    'Mod-i': toggleItalic,
    'Mod-u': toggleUnderline,
    'Mod-z': always(undoOwnEdit),
    'Mod-Shift-z': always(redoOwnEdit),
    'Mod-y': always(redoOwnEdit),
    'Mod-Enter': insertClause,
    Enter: enterCommand,
    // Outside a list Tab is left to the browser, so keyboard users can still leave the editor.
    Tab: sinkListItemKeepingKind,
    'Shift-Tab': liftListItem(types.listItem),
    'Mod-Alt-1': setHeading(1),
    'Mod-Alt-2': setHeading(2),
    'Mod-Alt-3': setHeading(3),
    'Mod-Shift-7': toggleOrderedList,
    'Mod-Shift-8': toggleBulletList,
    'Mod-f': () => {
      options.onFind();
      return true;
    },
    F8: nextUnagreedClause,
    'Shift-F8': previousUnagreedClause,
  };
  const merged: Record<string, Command> = { ...baseKeymap };
  for (const [key, command] of Object.entries(bindings)) merged[key] = command;
  return keymap(merged);
}
