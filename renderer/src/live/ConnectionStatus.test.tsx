// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveStatus } from '../../../shared/live/live-model';
import type { RosterMember, RosterState } from '../../../shared/positions/model';
import { button, render, settle, stubDialogs, type Rendered } from '../workspace/roster/dialog-test-kit';
import { ConnectionStatus } from './ConnectionStatus';

const AT = '2025-03-01T09:00:00.000Z';
const base: LiveStatus = { state: 'connected', relay: 'ws://10.0.0.7:4455', unconfirmed: 0, refusal: null, hosting: null };

function rosterAs(role: RosterMember['role'], convener: boolean): RosterState {
  const me: RosterMember = { key: 'k-me', name: 'Me', role, party: role === 'observer' ? null : 'ALD', since: AT, removedAt: null, admittedBy: null };
  return {
    roster: { convener: convener ? 'k-me' : 'k-other', parties: [{ code: 'ALD', name: 'Aldoria', colour: '#1f5fbf' }], members: [me], events: [] },
    me,
  };
}

/** A fake API: `live.status` answers `first`; `emit` delivers `live.statusChanged`. */
function fakeApi(first: LiveStatus) {
  let listener: ((s: LiveStatus) => void) | null = null;
  const api = {
    live: { status: vi.fn(async () => first), disconnect: vi.fn(async () => ({ ...first, state: 'offline' as const })) },
    on: (event: string, fn: (s: LiveStatus) => void) => {
      if (event === 'live.statusChanged') listener = fn;
      return () => {};
    },
  };
  return { api, emit: (s: LiveStatus) => act(() => listener?.(s)) };
}

let view: Rendered | null = null;
beforeAll(stubDialogs);
afterEach(async () => {
  await view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

const statusEl = () => document.querySelector<HTMLElement>('[data-testid="live-status"]')!;

describe('the connection status in the header', () => {
  it('shows the state and what the relay has not confirmed, as main reports it', async () => {
    const { api, emit } = fakeApi(base);
    view = await render(<ConnectionStatus roster={rosterAs('head', true)} />, api);
    await settle();
    expect(statusEl().textContent).toBe('Connected');
    await emit({ ...base, state: 'offline', unconfirmed: 2 });
    expect(statusEl().dataset.state).toBe('offline');
    expect(statusEl().textContent).toBe('Offline2 changes not yet confirmed by the relay');
    await emit({ ...base, state: 'refused', refusal: { reason: 'invitation-expired', message: 'invitation expired' } });
    expect(statusEl().textContent).toBe('Refused: invitation expired');
  });

  it('offers hosting to the convener only and inviting to the convener and heads', async () => {
    const cases: [RosterState, boolean, boolean][] = [
      [rosterAs('head', true), true, true],
      [rosterAs('head', false), false, true],
      [rosterAs('member', false), false, false],
      [rosterAs('observer', false), false, false],
    ];
    for (const [roster, host, invite] of cases) {
      const { api } = fakeApi(base);
      view = await render(<ConnectionStatus roster={roster} />, api);
      await settle();
      await act(async () => button(document.body, 'Co-editing').click());
      expect(button(document.body, 'Host on this network…').disabled).toBe(!host);
      expect(button(document.body, 'Invite…').disabled).toBe(!invite);
      expect(button(document.body, 'Go online').disabled).toBe(true);
      expect(button(document.body, 'Go offline').disabled).toBe(false);
      await act(async () => button(document.body, 'Go offline').click());
      expect(api.live.disconnect).toHaveBeenCalledOnce();
      await view.unmount();
      view = null;
      document.body.innerHTML = '';
    }
  });
});
