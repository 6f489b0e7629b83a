// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChanceryError } from '../../../../shared/errors';
import { named, render, settle, stubDialogs } from '../../workspace/roster/dialog-test-kit';
import { HistoryDialog } from './HistoryDialog';
import type { PositionHistory } from './positions-store';
import { record, roster } from './test-positions';

beforeAll(stubDialogs);
afterEach(() => {
  document.body.innerHTML = '';
});

const C = 'c-0000000000000001';

function rows(table: HTMLElement): string[][] {
  return [...table.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? ''));
}

describe('history dialog', () => {
  it('lists every record oldest first: party, status, member, time, against which text, validity', async () => {
    const first = record(C, 'EU', 'accepted', { at: '2025-03-01T09:00:00.000Z' });
    const second = record(C, 'US', 'disputed', { at: '2025-03-02T09:00:00.000Z' });
    const third = record(C, 'EU', 'withdrawn', { at: '2025-03-03T09:00:00.000Z' });
    const history: PositionHistory = [
      { id: 'r3', record: third, verdict: { valid: true }, stale: false },
      { id: 'r1', record: first, verdict: { valid: true }, stale: true },
      { id: 'r2', record: second, verdict: { valid: false, reason: 'removed', message: 'signed after the key was removed' }, stale: false },
    ];
    const shown = await render(<HistoryDialog number="3" load={async () => history} view={undefined} roster={roster()} onClose={() => {}} />, {});
    await settle();
    const dialog = named(shown.container, 'dialog', 'History of clause 3');
    const table = dialog.querySelector<HTMLElement>('table')!;
    const [header, ...body] = rows(table);
    expect(header).toEqual(['Party', 'Status', 'Member', 'Time', 'Text', 'Validity']);
    expect(body.map((r) => [r[0], r[1], r[2], r[4], r[5]])).toEqual([
      ['EU', 'Accepted', 'Anna Weber', 'earlier wording', 'valid'],
      ['US', 'Disputed', 'John Carter', 'current', 'signed after the key was removed'],
      ['EU', 'Withdrawn', 'Anna Weber', 'current', 'valid'],
    ]);
    expect(table.querySelectorAll('time')[0]!.getAttribute('datetime')).toBe('2025-03-01T09:00:00.000Z');
  });

  it('says when there is nothing yet, and shows a failure as an alert', async () => {
    const empty = await render(<HistoryDialog number="1" load={async () => []} view={undefined} roster={null} onClose={() => {}} />, {});
    await settle();
    expect(empty.container.textContent).toContain('No party has given a position on this clause yet.');
    await empty.unmount();
    const failing = async () => {
      throw new ChanceryError('CLAUSE_NOT_FOUND', 'Clause c-1 is no longer in this document.');
    };
    const failed = await render(<HistoryDialog number="1" load={failing} view={undefined} roster={null} onClose={() => {}} />, {});
    await settle();
    expect(failed.container.querySelector('[role="alert"]')!.textContent).toBe('Clause c-1 is no longer in this document.');
  });
});
