import { SAVED, SAVING, sameStatus, statusText, type SaveStatus } from '../sync/save-status';
import type { DocSessions } from './doc-sessions';

/**
 * The save status element, kept up to date outside React.
 *
 * Every keystroke makes the window's status go "saving" and, a few milliseconds later when main
 * says the update is durable, "saved" again. Rendering that through React would cost two renders,
 * two layouts and two paints per key (and React, committing while the caret is in the editor,
 * records and restores the selection by walking the whole document's DOM). So the element is
 * written directly, and only what changed:
 *
 * - `data-state` always tells the truth, at once: `saving` while any update is not yet durable,
 *   `saved` only when everything is (e2e/UI-CONTRACT.md; programs and the crash tests rely on it).
 *   No style depends on that attribute, so flipping it costs no style, layout or paint.
 * - The visible text and dot follow the truth, except that "Saving…" appears only once a save has
 *   been pending for {@link SHOW_SAVING_AFTER_MS}: the round trip of a keystroke takes a few
 *   milliseconds and would otherwise make the header flicker on every key. Errors show at once,
 *   and so does "All changes saved" when the last pending save lands.
 */

/** How long a save must be pending before the text says "Saving…". */
export const SHOW_SAVING_AFTER_MS = 300;

/** What the element shows: `state` is the truth (data-state), `shown` what the text and dot say. */
export type WriteStatus = (truth: SaveStatus, shown: SaveStatus, changed: { truth: boolean; shown: boolean }) => void;

/** The logic, without a DOM: decides what to show when, and calls `write` on every change. */
export class SaveStatusIndicator {
  private truth: SaveStatus;
  private shown: SaveStatus;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    initial: SaveStatus,
    private readonly write: WriteStatus,
    private readonly delayMs = SHOW_SAVING_AFTER_MS,
  ) {
    this.truth = initial;
    this.shown = initial.state === 'saving' ? SAVED : initial;
    if (initial.state === 'saving') this.startTimer();
    this.write(this.truth, this.shown, { truth: true, shown: true });
  }

  update(next: SaveStatus): void {
    const truthChanged = !sameStatus(next, this.truth);
    this.truth = next;
    let shown: SaveStatus;
    if (next.state === 'saving' && this.shown.state === 'saved') {
      // Keep showing "All changes saved" for a moment: most saves land within milliseconds.
      shown = this.shown;
      if (this.timer === null) this.startTimer();
    } else {
      this.stopTimer();
      shown = next;
    }
    const shownChanged = !sameStatus(shown, this.shown);
    this.shown = shown;
    if (truthChanged || shownChanged) this.write(this.truth, this.shown, { truth: truthChanged, shown: shownChanged });
  }

  dispose(): void {
    this.stopTimer();
  }

  private startTimer(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.truth.state !== 'saving' || this.shown.state === 'saving') return;
      this.shown = SAVING;
      this.write(this.truth, this.shown, { truth: false, shown: true });
    }, this.delayMs);
  }

  private stopTimer(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * Makes `element` (the `role=status` element, rendered empty by React) show the window's save
 * status; returns the function that unbinds it. Owns the element's class, `data-state` and
 * children.
 */
export function bindSaveStatus(element: HTMLElement, sessions: DocSessions): () => void {
  const dot = element.ownerDocument.createElement('span');
  dot.className = 'save-status-dot';
  dot.setAttribute('aria-hidden', 'true');
  const text = element.ownerDocument.createTextNode('');
  element.replaceChildren(dot, text);

  const indicator = new SaveStatusIndicator(sessions.getStatus(), (truth, shown, changed) => {
    if (changed.truth) element.setAttribute('data-state', truth.state);
    if (changed.shown) {
      element.className = `save-status ${shown.state}`;
      text.data = statusText(shown);
    }
  });
  const unsubscribe = sessions.subscribe(() => indicator.update(sessions.getStatus()));
  return () => {
    unsubscribe();
    indicator.dispose();
  };
}
