import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { findNext, findPrev } from 'prosemirror-search';
import type { Command } from 'prosemirror-state';
import type { EditorController } from './editor-controller';
import { useEditorSelector } from './use-editor-selector';
import { clearSearch, currentMatchCount, NO_MATCHES, revealSelection, sameMatchCount, searchFor } from './find-matches';

interface FindBarProps {
  controller: EditorController | null;
  /** Changes each time the user asks for find again (Mod-f), to refocus the field. */
  focusRequest: number;
  onClose: () => void;
}

/**
 * Find in document (e2e/UI-CONTRACT.md, "Find"): a search landmark with the query field, the
 * "N of M" count and next/previous/close buttons. Enter goes to the next match, Shift+Enter to
 * the previous one, Escape closes and returns to the text.
 */
export function FindBar({ controller, focusRequest, onClose }: FindBarProps) {
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const count = useEditorSelector(controller, currentMatchCount, sameMatchCount, NO_MATCHES);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusRequest]);

  // Closing the bar removes the highlights.
  useEffect(() => {
    if (!controller) return;
    return () => {
      if (!controller.view.isDestroyed) clearSearch(controller.view);
    };
  }, [controller]);

  const go = (command: Command) => {
    if (controller && command(controller.state, controller.view.dispatch)) revealSelection(controller.view);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Enter' && event.target === input.current) {
      event.preventDefault();
      go(event.shiftKey ? findPrev : findNext);
    }
  };

  const countText = `${count.current} of ${count.total}${count.capped ? '+' : ''}`;

  return (
    <div role="search" aria-label="Find" className="find-bar" onKeyDown={onKeyDown}>
      <input
        ref={input}
        type="text"
        className="find-input"
        aria-label="Find in document"
        placeholder="Find in document"
        value={text}
        spellCheck={false}
        onChange={(event) => {
          setText(event.target.value);
          if (controller) searchFor(controller.view, event.target.value);
        }}
      />
      <span className="find-count" aria-live="polite">
        {text ? countText : ''}
      </span>
      <button type="button" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={count.total === 0} onClick={() => go(findPrev)}>
        ↑
      </button>
      <button type="button" aria-label="Next match" title="Next match (Enter)" disabled={count.total === 0} onClick={() => go(findNext)}>
        ↓
      </button>
      <button type="button" aria-label="Close find" title="Close find (Escape)" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
