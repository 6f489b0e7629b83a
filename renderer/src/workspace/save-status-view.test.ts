import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SAVED, SAVING, saveError, statusText, type SaveStatus } from '../sync/save-status';
import { SaveStatusIndicator, SHOW_SAVING_AFTER_MS } from './save-status-view';

/** What a status element would show: its data-state and its text, after each write. */
function indicator(initial: SaveStatus = SAVED) {
  const element = { state: '', text: '', writes: 0, textWrites: 0 };
  const view = new SaveStatusIndicator(initial, (truth, shown, changed) => {
    element.writes += 1;
    if (changed.truth) element.state = truth.state;
    if (changed.shown) {
      element.textWrites += 1;
      element.text = statusText(shown);
    }
  });
  return { view, element };
}

describe('SaveStatusIndicator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('flips data-state at once on every save, without touching the text of a quick save', () => {
    const { view, element } = indicator();
    expect(element).toMatchObject({ state: 'saved', text: 'All changes saved' });
    const textWrites = element.textWrites;
    for (let key = 0; key < 20; key++) {
      view.update(SAVING);
      expect(element.state).toBe('saving'); // the truth, for programs and tests
      vi.advanceTimersByTime(5);
      view.update(SAVED);
      expect(element.state).toBe('saved');
    }
    expect(element.text).toBe('All changes saved');
    expect(element.textWrites).toBe(textWrites);
  });

  it(`says "Saving…" once a save has been pending for ${SHOW_SAVING_AFTER_MS} ms, and "All changes saved" when it lands`, () => {
    const { view, element } = indicator();
    view.update(SAVING);
    vi.advanceTimersByTime(SHOW_SAVING_AFTER_MS - 1);
    expect(element).toMatchObject({ state: 'saving', text: 'All changes saved' });
    vi.advanceTimersByTime(1);
    expect(element).toMatchObject({ state: 'saving', text: 'Saving…' });
    view.update(SAVED);
    expect(element).toMatchObject({ state: 'saved', text: 'All changes saved' });
  });

  it('measures the pending time from the start of each save', () => {
    const { view, element } = indicator();
    for (let i = 0; i < 10; i++) {
      view.update(SAVING);
      vi.advanceTimersByTime(SHOW_SAVING_AFTER_MS / 2);
      view.update(SAVED);
    }
    vi.advanceTimersByTime(SHOW_SAVING_AFTER_MS * 2);
    expect(element.text).toBe('All changes saved');
  });

  it('shows an error at once, and what follows it', () => {
    const { view, element } = indicator();
    view.update(SAVING);
    view.update(saveError('The disk is full.'));
    expect(element).toMatchObject({ state: 'error', text: 'Not saved: The disk is full.' });
    view.update(SAVING); // another document still saving after this one recovered
    expect(element).toMatchObject({ state: 'saving', text: 'Saving…' });
    view.update(SAVED);
    expect(element).toMatchObject({ state: 'saved', text: 'All changes saved' });
  });

  it('starts truthful when bound while a save is pending', () => {
    const { element } = indicator(SAVING);
    expect(element).toMatchObject({ state: 'saving', text: 'All changes saved' });
    vi.advanceTimersByTime(SHOW_SAVING_AFTER_MS);
    expect(element.text).toBe('Saving…');
  });

  it('stops its timer when disposed', () => {
    const { view, element } = indicator();
    view.update(SAVING);
    view.dispose();
    vi.advanceTimersByTime(SHOW_SAVING_AFTER_MS * 2);
    expect(element.text).toBe('All changes saved');
  });
});
