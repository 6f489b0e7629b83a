import type { KeyboardEvent } from 'react';
import type { EditorState } from 'prosemirror-state';
import type { EditorController } from '../editor-controller';
import { describeShortcut } from '../toolbar-actions';
import { useEditorSelector } from '../use-editor-selector';
import { activeClauseFilter, CLAUSE_FILTERS, setClauseFilter, type ClauseFilter } from './clause-filter-plugin';
import { nextUnagreedClause, previousUnagreedClause } from './unagreed-navigation';

const selectFilter = (state: EditorState): ClauseFilter => activeClauseFilter(state);
const same = (a: ClauseFilter, b: ClauseFilter) => a === b;

/** Left/Right (and Home/End) move between the buttons, as in any toolbar. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>): void {
  if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index < 0) return;
  const last = buttons.length - 1;
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? last : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1) : index === last ? 0 : index + 1;
  buttons[next]!.focus();
  event.preventDefault();
}

interface ClauseFilterBarProps {
  controller: EditorController | null;
}

/**
 * The "Clause filter" toolbar (e2e/UI-CONTRACT.md): which clauses stand out (the others are
 * dimmed, never hidden), and next / previous unagreed clause — going through the brackets one by
 * one is how a text is cleaned round by round.
 */
export function ClauseFilterBar({ controller }: ClauseFilterBarProps) {
  const filter = useEditorSelector(controller, selectFilter, same, 'all');
  const navigate = [
    { name: 'Previous unagreed clause', text: '↑ Previous', shortcut: 'Shift-F8', command: previousUnagreedClause },
    { name: 'Next unagreed clause', text: '↓ Next', shortcut: 'F8', command: nextUnagreedClause },
  ];
  return (
    <div role="toolbar" aria-label="Clause filter" className="toolbar clause-filter" onKeyDown={moveFocus}>
      <span className="clause-filter-label" aria-hidden="true">
        Show
      </span>
      {CLAUSE_FILTERS.map((f) => (
        <button
          key={f.filter}
          type="button"
          className="tb-button"
          aria-pressed={filter === f.filter}
          disabled={!controller}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => controller?.run(setClauseFilter(f.filter), false)}
        >
          {f.name}
        </button>
      ))}
      {navigate.map((n, i) => (
        <button
          key={n.name}
          type="button"
          className={i === 0 ? 'tb-button tb-group-start' : 'tb-button'}
          aria-label={n.name}
          title={`${n.name} (${describeShortcut(n.shortcut)})`}
          disabled={!controller}
          // Keep the editor's selection: the move starts from it.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => controller?.run(n.command)}
        >
          {n.text}
        </button>
      ))}
    </div>
  );
}
