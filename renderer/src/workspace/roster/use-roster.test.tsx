// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RosterState } from '../../../../shared/positions/model';
import { fakeMain, render } from './dialog-test-kit';
import { useRoster, type RosterHook } from './use-roster';

const rosterWith = (events: number): RosterState => ({
  roster: {
    convener: null,
    parties: [],
    members: [],
    events: Array.from({ length: events }, (_, i) => ({ id: `e${i}`, entry: {} as never, verdict: { valid: true as const } })),
  },
  me: null,
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('useRoster', () => {
  it('ends on the roster that has seen the most signed entries, whatever order answers arrive in', async () => {
    const main = fakeMain<RosterState>();
    let seen: RosterHook | null = null;
    function Probe() {
      seen = useRoster(main.api as never);
      return null;
    }
    const view = await render(<Probe />, {});
    await main.push('roster.changed', rosterWith(3));
    await main.answer(rosterWith(2));
    expect(seen!.state!.roster.events).toHaveLength(3);
    await act(async () => seen!.accept(rosterWith(4)));
    await main.push('roster.changed', rosterWith(4));
    expect(seen!.state!.roster.events).toHaveLength(4);
    await act(async () => seen!.accept(rosterWith(3)));
    expect(seen!.state!.roster.events).toHaveLength(4);
    await view.unmount();
  });
});
