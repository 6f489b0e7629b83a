import type { KeyboardEvent } from 'react';
import type { EditorState } from 'prosemirror-state';
import type { EditorController } from './editor-controller';
import { useEditorSelector } from './use-editor-selector';
import {
  describeShortcut,
  sameToolbarState,
  TOOLBAR_ACTIONS,
  toolbarState,
  type ToolbarAction,
  type ToolbarState,
} from './toolbar-actions';

const DISABLED: ToolbarState = {
  enabled: Object.fromEntries(TOOLBAR_ACTIONS.map((a) => [a.name, false])) as ToolbarState['enabled'],
  pressed: {},
};

const select = (state: EditorState): ToolbarState => toolbarState(state);

interface ToolbarProps {
  controller: EditorController | null;
  onFind: () => void;
}

/** Left/Right (and Home/End) move between the toolbar's buttons, as in any toolbar. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>): void {
  const keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index < 0 || buttons.length === 0) return;
  const last = buttons.length - 1;
  const next =
    event.key === 'Home' ? 0 : event.key === 'End' ? last : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1) : index === last ? 0 : index + 1;
  buttons[next]!.focus();
  event.preventDefault();
}

/** The formatting toolbar above the document (e2e/UI-CONTRACT.md, "Toolbar"). */
export function Toolbar({ controller, onFind }: ToolbarProps) {
  const state = useEditorSelector(controller, select, sameToolbarState, DISABLED);

  const activate = (action: ToolbarAction) => {
    if (!action.command) onFind();
    else controller?.run(action.command);
  };

  return (
    <div role="toolbar" aria-label="Formatting" className="toolbar" onKeyDown={moveFocus}>
      {TOOLBAR_ACTIONS.map((action) => {
        const shortcut = describeShortcut(action.shortcut);
        const classes = ['tb-button', action.className, action.groupStart ? 'tb-group-start' : undefined];
        return (
          <button
            key={action.name}
            type="button"
            className={classes.filter(Boolean).join(' ')}
            aria-label={action.name}
            title={shortcut ? `${action.name} (${shortcut})` : action.name}
            aria-pressed={action.active ? Boolean(state.pressed[action.name]) : undefined}
            disabled={!state.enabled[action.name]}
            // Keep the editor's selection and focus: the command acts on them.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => activate(action)}
          >
            {action.text}
          </button>
        );
      })}
    </div>
  );
}
