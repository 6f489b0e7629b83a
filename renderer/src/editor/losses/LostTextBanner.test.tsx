// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LostText } from '../../../../shared/live/lost-text';
import { button, click, render, settle } from '../../workspace/roster/dialog-test-kit';
import { LostTextBanner, lossSentence } from './LostTextBanner';
import type { LossesApi } from './use-losses';

const loss = (id: string, docId = 'fw', extra: Partial<LostText> = {}): LostText => ({
  id,
  docId,
  clauseId: 'c-2222222222222222',
  place: 'paragraph 5 (b)',
  text: 'Reports shall be public.\nWithin ten days.',
  by: 'VEL',
  at: '2026-07-01T10:00:00.000Z',
  ...extra,
});

function fakeApi(initial: LostText[]) {
  let listener: ((losses: LostText[]) => void) | null = null;
  const api = {
    losses: {
      list: vi.fn(async () => initial),
      restore: vi.fn(async (id: string) => ({ docId: 'fw', clauseId: `c-restored-${id}` })),
      dismiss: vi.fn(async () => null),
    },
    on: vi.fn((_event: string, l: (losses: LostText[]) => void) => {
      listener = l;
      return () => {
        listener = null;
      };
    }),
  };
  const emit = (losses: LostText[]) => act(async () => listener?.(losses));
  return { api: api as unknown as LossesApi & typeof api, emit };
}

const banners = () => [...document.querySelectorAll<HTMLElement>('[data-testid="lost-text-banner"]')];

afterEach(() => {
  document.body.innerHTML = '';
});

describe('LostTextBanner', () => {
  it("says who deleted what, for this document only, and shows the text on request", async () => {
    const { api } = fakeApi([loss('1'), loss('2', 'other')]);
    const view = await render(<LostTextBanner api={api} docId="fw" controller={null} />, api);
    await settle();
    expect(banners()).toHaveLength(1);
    expect(banners()[0]!.textContent).toContain('VEL deleted paragraph 5 (b) while you were editing it — restore your text?');
    expect(document.querySelector('blockquote')).toBeNull();
    await click(button(banners()[0]!, 'Show text'));
    expect([...document.querySelectorAll('blockquote p')].map((p) => p.textContent)).toEqual(['Reports shall be public.', 'Within ten days.']);
    await view.unmount();
  });

  it('restores or dismisses through main, and follows the list main sends', async () => {
    const { api, emit } = fakeApi([loss('1'), loss('2', 'fw', { place: 'the preamble', by: 'a merged copy' })]);
    const view = await render(<LostTextBanner api={api} docId="fw" controller={null} />, api);
    await settle();
    // Newest first.
    expect(banners().map((b) => b.dataset.lossId)).toEqual(['2', '1']);
    expect(banners()[0]!.textContent).toContain('A merged copy deleted the preamble while you were editing it');
    await click(button(banners()[1]!, 'Restore'));
    expect(api.losses.restore).toHaveBeenCalledWith('1');
    await click(button(banners()[0]!, 'Dismiss'));
    expect(api.losses.dismiss).toHaveBeenCalledWith('2');
    await emit([]);
    expect(banners()).toHaveLength(0);
    await view.unmount();
  });

  it('words an unknown sender as another delegation', () => {
    expect(lossSentence(loss('1', 'fw', { by: '' }))).toBe('Another delegation deleted paragraph 5 (b) while you were editing it — restore your text?');
  });
});
