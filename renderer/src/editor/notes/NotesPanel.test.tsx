// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChanceryError } from '../../../../shared/errors';
import type { DelegationNote } from '../../../../shared/notes/note-model';
import type { RosterState } from '../../../../shared/positions/model';
import { button, render, settle, typeInto } from '../../workspace/roster/dialog-test-kit';
import { NotesStore, type NotesStoreApi } from './notes-store';
import { ClauseNotes, NotesPanel } from './NotesPanel';

const C1 = 'c-0000000000000001';

afterEach(() => {
  document.body.innerHTML = '';
});

const me: RosterState = {
  roster: { convener: null, parties: [], members: [], events: [] },
  me: { key: 'k', name: 'Ilse Varga', role: 'head', party: 'ALD', since: '', removedAt: null, admittedBy: null },
};

function storeWith(notes: DelegationNote[], refusal?: ChanceryError) {
  let held = [...notes];
  const api = {
    notes: {
      list: vi.fn(async () => (refusal ? Promise.reject(refusal) : held)),
      add: vi.fn(async (docId: string, clauseId: string, text: string) => {
        const note = { id: `n-${held.length + 1}`, docId, clauseId, text, author: 'Ilse Varga', authorKey: 'A'.repeat(43), at: '2025-03-02T10:00:00.000Z' };
        held = [...held, note];
        return note;
      }),
      edit: vi.fn(async (id: string, text: string) => {
        held = held.map((n) => (n.id === id ? { ...n, text } : n));
        return held.find((n) => n.id === id)!;
      }),
      remove: vi.fn(async (id: string) => {
        held = held.filter((n) => n.id !== id);
        return null;
      }),
    },
    roster: { get: vi.fn(async () => me) },
    on: () => () => {},
  };
  return { store: new NotesStore(api as unknown as NotesStoreApi, 'd-1'), api };
}

const testId = (within: ParentNode, id: string) => within.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('Delegation notes panel', () => {
  it('says whose notes these are, and asks for a clause when the cursor is in none', async () => {
    const { store } = storeWith([]);
    const { container } = await render(<NotesPanel store={store} controller={null} />, {});
    await settle();
    expect(testId(container, 'notes-privacy')?.textContent).toBe('Private to ALD — no other delegation sees these');
    expect(testId(container, 'notes-no-clause')).not.toBeNull();
  });

  it('says why a user in no delegation has no notes', async () => {
    const refusal = new ChanceryError('NOT_AUTHORISED', 'Only members of a delegation keep private notes; Ilse Varga is the convener and sits in no delegation.');
    const { store } = storeWith([], refusal);
    const { container } = await render(<NotesPanel store={store} controller={null} />, {});
    await settle();
    expect(testId(container, 'notes-unavailable')?.textContent).toContain('sits in no delegation');
    expect(testId(container, 'notes-privacy')).toBeNull();
    expect(container.querySelector('textarea')).toBeNull();
  });

  it('adds, edits and deletes a note on the clause', async () => {
    const { store, api } = storeWith([]);
    await settle();
    const { container } = await render(<ClauseNotes store={store} clause={{ id: C1, number: '3' }} />, {});
    expect(container.querySelector('h3')?.textContent).toBe('Clause 3');
    expect(testId(container, 'notes-empty')).not.toBeNull();
    await typeInto(testId(container, 'note-input') as HTMLTextAreaElement, 'Ask the capital.');
    await act(async () => button(container, 'Add note').click());
    await settle();
    expect(api.notes.add).toHaveBeenCalledWith('d-1', C1, 'Ask the capital.');
    expect((testId(container, 'note-input') as HTMLTextAreaElement).value).toBe('');
    expect(testId(container, 'note-text')?.textContent).toBe('Ask the capital.');
    expect(testId(container, 'note-author')?.textContent).toBe('Ilse Varga');

    await act(async () => button(container, 'Edit').click());
    await typeInto(testId(container, 'note-edit-input') as HTMLTextAreaElement, 'Capital agrees.');
    await act(async () => button(container, 'Save note').click());
    await settle();
    expect(testId(container, 'note-text')?.textContent).toBe('Capital agrees.');

    await act(async () => button(container, 'Delete').click());
    await act(async () => button(container, 'Delete note').click());
    await settle();
    expect(api.notes.remove).toHaveBeenCalledWith('n-1');
    expect(testId(container, 'note')).toBeNull();
  });
});
