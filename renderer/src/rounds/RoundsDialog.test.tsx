// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkspaceComparison, ComparisonCounts } from '../../../shared/compare/compare-model';
import type { AgreementFigures, RosterState } from '../../../shared/positions/model';
import type { RoundInfo, RoundView } from '../../../shared/rounds/round-model';
import { button, click, field, named, render, settle, stubDialogs, typeInto } from '../workspace/roster/dialog-test-kit';
import { RoundsDialog } from './RoundsDialog';

const BERLIN: RoundInfo = { id: 'r1', name: 'Berlin round', cutAt: '2025-03-12T14:05:00.000Z', cutBy: 'Ilse Varga', documents: 1, clauses: 2, percent: 50 };
const FIGURES: AgreementFigures = { clauses: 2, agreed: 1, agreedAdRef: 0, disputed: 1, reserved: 0, open: 0, stale: 0, invalid: 0, percent: 50 };
const ZERO: ComparisonCounts = { changed: 1, added: 0, removed: 0, moved: 0, renumbered: 1, positionChanges: 1, wordsInserted: 1, wordsDeleted: 0 };

const VIEW: RoundView = {
  info: BERLIN,
  title: 'Treaty of Aldoria',
  parties: [
    { code: 'ALD', name: 'Aldoria' },
    { code: 'VEL', name: 'Velmont' },
  ],
  agreement: FIGURES,
  documents: [
    {
      id: 'doc-a',
      title: 'Framework Agreement',
      agreement: FIGURES,
      items: [
        { kind: 'block', level: 1, paragraphs: ['Article 1'] },
        { kind: 'clause', id: 'c1', label: '1', state: 'agreed', paragraphs: ['The Parties agree.'], positions: [{ party: 'ALD', status: 'accepted', stale: false }] },
        { kind: 'clause', id: 'c2', label: '1 bis', state: 'disputed', paragraphs: ['A ceasefire applies.'], positions: [{ party: 'VEL', status: 'disputed', stale: false }] },
      ],
    },
  ],
};

const COMPARISON: WorkspaceComparison = {
  workspaceId: 'w',
  title: 'Treaty of Aldoria',
  older: { name: 'Berlin round', roundId: 'r1', at: BERLIN.cutAt },
  newer: { name: 'Current text', roundId: null, at: '2025-04-01T10:00:00.000Z' },
  counts: ZERO,
  documents: [
    {
      id: 'doc-a',
      title: 'Framework Agreement',
      presence: 'both',
      counts: ZERO,
      items: [
        {
          kind: 'clause',
          clause: {
            id: 'c1',
            kind: 'unchanged',
            oldLabel: '1',
            newLabel: '1',
            renumbered: false,
            moved: false,
            paragraphs: [{ runs: [{ op: 'equal', text: 'The Parties agree.' }] }],
            positionChanges: [],
          },
        },
        {
          kind: 'clause',
          clause: {
            id: 'c2',
            kind: 'changed',
            oldLabel: '1 bis',
            newLabel: '2',
            renumbered: true,
            moved: false,
            paragraphs: [{ runs: [{ op: 'equal', text: 'A ceasefire applies ' }, { op: 'insert', text: 'forthwith' }, { op: 'delete', text: 'later' }] }],
            positionChanges: [{ party: 'VEL', partyName: 'Velmont', from: 'disputed', to: 'accepted', staleNow: false }],
          },
        },
      ],
    },
  ],
};

function roster(convener: boolean): RosterState {
  return { roster: { convener: 'KEY-C', parties: [], members: [], events: [] }, me: convener ? { key: 'KEY-C', name: 'Ilse', role: 'convener', party: null, since: '', removedAt: null, admittedBy: null } : null };
}

function fakeApi() {
  return {
    rounds: {
      list: vi.fn(async () => [BERLIN]),
      cut: vi.fn(async (name: string) => ({ ...BERLIN, id: 'r2', name })),
      view: vi.fn(async () => VIEW),
      compare: vi.fn(async () => COMPARISON),
    },
    exports: { run: vi.fn() },
    on: () => () => {},
  };
}

async function open(convener = true) {
  const api = fakeApi();
  const view = await render(<RoundsDialog roster={roster(convener)} documents={[{ id: 'doc-a', title: 'Framework Agreement' }]} onClose={() => {}} />, api);
  await settle();
  return { ...view, api };
}

beforeAll(stubDialogs);
afterEach(() => {
  document.body.innerHTML = '';
});

describe('RoundsDialog', () => {
  it('lists the rounds and lets the convener cut one', async () => {
    const { api, unmount } = await open(true);
    const dialog = named(document, 'dialog', 'Rounds');
    const row = dialog.querySelector('[data-testid="round-row"]')!;
    expect(row.textContent).toContain('Berlin round');
    expect(row.textContent).toContain('Ilse Varga');
    expect(row.textContent).toContain('1 documents, 2 clauses, 50% agreed');
    await typeInto(field(dialog, 'Round name'), ' Geneva round ');
    await click(button(dialog, 'Cut round'));
    expect(api.rounds.cut).toHaveBeenCalledWith('Geneva round');
    expect(dialog.querySelectorAll('[data-testid="round-row"]')).toHaveLength(2);
    await unmount();
  });

  it('tells anyone but the convener why they cannot cut a round', async () => {
    const { unmount } = await open(false);
    const dialog = named(document, 'dialog', 'Rounds');
    expect(dialog.querySelector('[data-testid="round-cut"]')).toBeNull();
    expect(dialog.querySelector('[data-testid="round-cut-unavailable"]')?.textContent).toMatch(/^Only the convener cuts rounds/u);
    await unmount();
  });

  it('opens a round read-only: labelled, bracketed where disputed, status letters, nothing editable', async () => {
    const { unmount } = await open();
    await click(button(named(document, 'dialog', 'Rounds'), 'Open Berlin round'));
    const dialog = named(document, 'dialog', 'Round: Berlin round');
    expect(dialog.querySelector('[data-testid="round-readonly"]')?.textContent).toMatch(/^Read-only: Berlin round, cut 12 March 2025/u);
    const clauses = [...dialog.querySelectorAll('[data-testid="round-clause"]')];
    expect(clauses.map((c) => c.querySelector('[data-testid="round-clause-label"]')?.textContent)).toEqual(['1', '1 bis']);
    expect(clauses[0]!.querySelector('[data-testid="round-clause-text"]')?.textContent).toBe('The Parties agree.');
    expect(clauses[1]!.querySelector('[data-testid="round-clause-text"]')?.textContent).toBe('[A ceasefire applies.]');
    expect(clauses[1]!.querySelector('[data-testid="round-position"]')?.getAttribute('aria-label')).toBe('VEL: Disputed');
    expect(clauses[1]!.querySelector('[data-testid="round-position"]')?.textContent).toBe('VEL D');
    expect(dialog.querySelector('[contenteditable], input, textarea')).toBeNull();
    await click(button(dialog, 'Back to rounds'));
    expect(named(document, 'dialog', 'Rounds')).toBeTruthy();
    await unmount();
  });

  it('compares a round with the current text: insertions in <ins>, renumbering, position changes, and side by side', async () => {
    const { api, unmount } = await open();
    await click(button(named(document, 'dialog', 'Rounds'), 'Compare Berlin round with current text'));
    expect(api.rounds.compare).toHaveBeenCalledWith('r1', null);
    const dialog = named(document, 'dialog', 'Compare Berlin round with current text');
    // Changes only, at first: the unchanged clause 1 is left out until the box is unticked.
    expect(dialog.querySelectorAll('[data-testid="compare-clause"]')).toHaveLength(1);
    await click(dialog.querySelector<HTMLInputElement>('[data-testid="compare-changes-only"]')!);
    expect([...dialog.querySelectorAll('[data-testid="compare-clause"]')].map((c) => c.getAttribute('data-kind'))).toEqual(['unchanged', 'changed']);
    const clause = dialog.querySelector('[data-testid="compare-clause"][data-kind="changed"]')!;
    expect(clause.querySelector('ins')?.textContent).toBe('forthwith');
    expect(clause.querySelector('del')?.textContent).toBe('later');
    expect([...clause.querySelectorAll('[data-testid="compare-note"]')].map((n) => n.textContent)).toEqual(['changed', '(was 1 bis)']);
    expect(named(clause, 'ul', 'Position changes on clause 2').textContent).toBe('Velmont (VEL): Disputed → Accepted');
    await click(button(dialog, 'Side by side'));
    expect(clause.querySelector('[data-testid="compare-old"]')?.textContent).toBe('A ceasefire applies later');
    expect(clause.querySelector('[data-testid="compare-new"]')?.textContent).toBe('A ceasefire applies forthwith');
    await unmount();
  });
});
