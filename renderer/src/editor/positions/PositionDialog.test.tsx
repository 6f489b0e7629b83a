// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChanceryError } from '../../../../shared/errors';
import { button, buttonNames, click, field, named, render, stubDialogs, typeInto } from '../../workspace/roster/dialog-test-kit';
import { PositionDialog } from './PositionDialog';
import { view } from './test-positions';

beforeAll(stubDialogs);
afterEach(() => {
  document.body.innerHTML = '';
});

const EU = { code: 'EU', name: 'European Union' };

async function open(current = view('c-1', 'open', { EU: 'open' }).parties[0], onSubmit = vi.fn(async () => {})) {
  const onClose = vi.fn();
  const shown = await render(<PositionDialog number="5 bis" party={EU} current={current} onSubmit={onSubmit} onClose={onClose} />, {});
  const dialog = named(shown.container, 'dialog', 'Position on clause 5 bis');
  return { dialog, onSubmit, onClose };
}

const radio = (dialog: HTMLElement, label: string) =>
  [...named(dialog, '[role="radiogroup"]', 'Status').querySelectorAll('label')].find((l) => l.textContent === label)!.querySelector('input')!;

describe('position dialog', () => {
  it('offers the four statuses; proposed wording only while Disputed is chosen', async () => {
    const { dialog } = await open();
    const group = named(dialog, '[role="radiogroup"]', 'Status');
    expect([...group.querySelectorAll('label')].map((l) => l.textContent)).toEqual(['Accepted', 'Accepted ad referendum', 'Reserved', 'Disputed']);
    expect(button(dialog, 'Save position').disabled).toBe(true);
    expect(() => field(dialog, 'Proposed wording')).toThrow();
    await act(async () => radio(dialog, 'Disputed').click());
    expect(field(dialog, 'Proposed wording')).toBeTruthy();
    await act(async () => radio(dialog, 'Reserved').click());
    expect(() => field(dialog, 'Proposed wording')).toThrow();
    // Nothing to withdraw yet.
    expect(buttonNames(dialog)).toEqual(['Cancel', 'Save position']);
  });

  it('saves the chosen status with the comment and, for a dispute, the proposed wording', async () => {
    const { dialog, onSubmit, onClose } = await open();
    await act(async () => radio(dialog, 'Disputed').click());
    await typeInto(field<HTMLTextAreaElement>(dialog, 'Comment'), '  Too vague. ');
    await typeInto(field<HTMLTextAreaElement>(dialog, 'Proposed wording'), 'The Parties shall consult.');
    await click(button(dialog, 'Save position'));
    expect(onSubmit).toHaveBeenCalledWith('disputed', 'Too vague.', 'The Parties shall consult.');
    expect(onClose).toHaveBeenCalled();
  });

  it('shows main’s refusal inside the dialog and stays open', async () => {
    const refuse = vi.fn(async () => {
      throw new ChanceryError('NOT_AUTHORISED', 'Your key is not enrolled in EU; ask your head of delegation to enrol your member card.');
    });
    const { dialog, onClose } = await open(undefined, refuse);
    await act(async () => radio(dialog, 'Accepted').click());
    await click(button(dialog, 'Save position'));
    expect(dialog.querySelector('[role="alert"]')!.textContent).toBe(
      'Your key is not enrolled in EU; ask your head of delegation to enrol your member card.',
    );
    expect(onClose).not.toHaveBeenCalled();
    expect(button(dialog, 'Save position').disabled).toBe(false);
  });

  it('starts from the party’s current position and can withdraw it', async () => {
    const current = view('c-1', 'disputed', { EU: { status: 'disputed', comment: 'Too vague', proposal: 'Shall consult.' } }).parties[0];
    const { dialog, onSubmit } = await open(current);
    expect(radio(dialog, 'Disputed').checked).toBe(true);
    expect(field<HTMLTextAreaElement>(dialog, 'Comment').value).toBe('Too vague');
    expect(field<HTMLTextAreaElement>(dialog, 'Proposed wording').value).toBe('Shall consult.');
    await click(button(dialog, 'Withdraw position'));
    // The old comment is not carried onto the withdrawal.
    expect(onSubmit).toHaveBeenCalledWith('withdrawn', null, null);
  });
});
