import type { Command, EditorState } from 'prosemirror-state';
import type { ListKind } from '../../../shared/schema/attributes';
import {
  isMarkActive,
  enclosingList,
  makeClause,
  redoOwnEdit,
  setHeading,
  setParagraph,
  toggleBold,
  toggleBulletList,
  toggleItalic,
  toggleOrderedList,
  toggleUnderline,
  types,
  undoOwnEdit,
} from './commands';

/**
 * The formatting toolbar's buttons (names per e2e/UI-CONTRACT.md), in display order, with the
 * command each runs and, for toggles, how to tell whether it is on. The keymap binds the same
 * commands, so a button and its shortcut can never disagree.
 */

export type ToolbarActionName =
  | 'Bold'
  | 'Italic'
  | 'Underline'
  | 'Heading'
  | 'Paragraph'
  | 'Clause'
  | 'Bulleted list'
  | 'Numbered list'
  | 'Undo'
  | 'Redo'
  | 'Find';

export interface ToolbarAction {
  name: ToolbarActionName;
  /** What the button shows; the accessible name is always `name`. */
  text: string;
  /** Keyboard shortcut in prosemirror-keymap notation, shown in the tooltip. */
  shortcut: string;
  /** The command to run; `null` for actions the UI handles itself (Find). */
  command: Command | null;
  /** For toggle buttons: whether the toggle is on (drives aria-pressed). */
  active?: (state: EditorState) => boolean;
  /** Starts a new button group (drawn with a separator). */
  groupStart?: boolean;
  /** Extra class for the button's look. */
  className?: string;
}

const inList = (kind: ListKind) => (state: EditorState) => enclosingList(state)?.node.attrs.kind === kind;

export const TOOLBAR_ACTIONS: readonly ToolbarAction[] = [
  { name: 'Bold', text: 'B', shortcut: 'Mod-b', command: toggleBold, active: (s) => isMarkActive(s, types.strong), className: 'tb-bold' },
  { name: 'Italic', text: 'I', shortcut: 'Mod-i', command: toggleItalic, active: (s) => isMarkActive(s, types.em), className: 'tb-italic' },
  { name: 'Underline', text: 'U', shortcut: 'Mod-u', command: toggleUnderline, active: (s) => isMarkActive(s, types.underline), className: 'tb-underline' },
  { name: 'Heading', text: 'Heading', shortcut: 'Mod-Alt-1', command: setHeading(1), groupStart: true },
  { name: 'Paragraph', text: 'Paragraph', shortcut: '', command: setParagraph },
  { name: 'Clause', text: '§ Clause', shortcut: 'Mod-Enter', command: makeClause },
  { name: 'Bulleted list', text: '• List', shortcut: 'Mod-Shift-8', command: toggleBulletList, active: inList('bullet'), groupStart: true },
  { name: 'Numbered list', text: '1. List', shortcut: 'Mod-Shift-7', command: toggleOrderedList, active: inList('ordered') },
  { name: 'Undo', text: 'Undo', shortcut: 'Mod-z', command: undoOwnEdit, groupStart: true },
  { name: 'Redo', text: 'Redo', shortcut: 'Mod-Shift-z', command: redoOwnEdit },
  { name: 'Find', text: 'Find', shortcut: 'Mod-f', command: null, groupStart: true },
];

/** What the toolbar renders: per action, whether it is enabled and (for toggles) pressed. */
export interface ToolbarState {
  enabled: Readonly<Record<ToolbarActionName, boolean>>;
  pressed: Readonly<Partial<Record<ToolbarActionName, boolean>>>;
}

export function toolbarState(state: EditorState): ToolbarState {
  const enabled = {} as Record<ToolbarActionName, boolean>;
  const pressed: Partial<Record<ToolbarActionName, boolean>> = {};
  for (const action of TOOLBAR_ACTIONS) {
    enabled[action.name] = action.command ? action.command(state) : true;
    if (action.active) pressed[action.name] = action.active(state);
  }
  return { enabled, pressed };
}

export function sameToolbarState(a: ToolbarState, b: ToolbarState): boolean {
  return TOOLBAR_ACTIONS.every(
    ({ name }) => a.enabled[name] === b.enabled[name] && a.pressed[name] === b.pressed[name],
  );
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/u.test(navigator.platform);

/** "Mod-Shift-z" → "Ctrl+Shift+Z" (or "⌘⇧Z" on a Mac), for tooltips. */
export function describeShortcut(shortcut: string): string {
  if (!shortcut) return '';
  const parts = shortcut.split('-').map((part) => {
    if (part === 'Mod') return isMac ? '⌘' : 'Ctrl';
    if (part === 'Shift') return isMac ? '⇧' : 'Shift';
    if (part === 'Alt') return isMac ? '⌥' : 'Alt';
    return part.length === 1 ? part.toUpperCase() : part;
  });
  return parts.join(isMac ? '' : '+');
}
