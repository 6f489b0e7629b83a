import type { KeyboardEvent } from 'react';

export interface TabInfo {
  id: string;
  title: string;
}

interface TabBarProps {
  tabs: readonly TabInfo[];
  activeId: string | null;
  onActivate: (id: string) => void;
  onClose: (id: string) => void;
}

export const tabId = (docId: string) => `tab-${docId}`;
export const panelId = (docId: string) => `panel-${docId}`;

/**
 * The open documents as tabs (e2e/UI-CONTRACT.md, "Tabs"), following the ARIA tabs pattern:
 * one tab stop, arrow keys move between tabs. Each tab's close button sits beside it, not in it
 * (a button inside a tab would be an interactive element nested in another).
 */
export function TabBar({ tabs, activeId, onActivate, onClose }: TabBarProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === activeId);
    if (index < 0) return;
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    event.preventDefault();
    const target = tabs[next]!;
    onActivate(target.id);
    document.getElementById(tabId(target.id))?.focus();
  };

  return (
    <div role="tablist" aria-label="Open documents" className="tab-bar" onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        const selected = tab.id === activeId;
        return (
          <div key={tab.id} role="presentation" className={selected ? 'tab selected' : 'tab'}>
            <button
              type="button"
              role="tab"
              id={tabId(tab.id)}
              aria-selected={selected}
              aria-controls={panelId(tab.id)}
              tabIndex={selected ? 0 : -1}
              className="tab-label"
              onClick={() => onActivate(tab.id)}
              onAuxClick={(event) => event.button === 1 && onClose(tab.id)}
            >
              {tab.title}
            </button>
            <button
              type="button"
              className="tab-close"
              aria-label={`Close ${tab.title}`}
              title={`Close ${tab.title}`}
              tabIndex={selected ? 0 : -1}
              onClick={() => onClose(tab.id)}
            >
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
