// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveStatus } from '../../../shared/live/live-model';
import type { RosterMember, RosterState } from '../../../shared/positions/model';
import { ChanceryError } from '../../../shared/errors';
import { button, click, field, named, render, settle, stubDialogs, typeInto, type Rendered } from '../workspace/roster/dialog-test-kit';
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

  it('asks for the relay address on "Go online…" when none is remembered, and says inline what is wrong with it', async () => {
    const local: LiveStatus = { ...base, state: 'local', relay: null };
    const connect = vi.fn(async (relay: string | null) => {
      if (relay === 'ws://relay.invalid:4455') throw new ChanceryError('RELAY_UNREACHABLE', 'The relay at ws://relay.invalid:4455 cannot be reached.');
      return { ...base, state: 'connecting' as const, relay };
    });
    const { api } = fakeApi(local);
    view = await render(<ConnectionStatus roster={rosterAs('member', false)} />, { ...api, live: { ...api.live, connect } });
    await settle();
    await act(async () => button(document.body, 'Co-editing').click());
    expect(button(document.body, 'Go online…').disabled).toBe(false);
    await click(button(document.body, 'Go online…'));
    const dialog = named(document.body, 'dialog', 'Go online');
    const relay = field(dialog, 'Relay address');

    // Not an address: said beside the field, nothing sent to main.
    await typeInto(relay, '192.168.1.20:4455');
    await click(button(dialog, 'Connect'));
    expect(dialog.querySelector('[data-testid="live-connect-problem"]')?.textContent).toMatch(/starts with ws:\/\//u);
    expect(relay.getAttribute('aria-invalid')).toBe('true');
    await typeInto(relay, 'ws://192.168.1.20:99999');
    expect(dialog.querySelector('[data-testid="live-connect-problem"]')?.textContent).toMatch(/at most 65535/u);
    expect(connect).not.toHaveBeenCalled();

    // Main's refusal stays in the dialog, which stays open.
    await typeInto(relay, 'ws://relay.invalid:4455');
    await click(button(dialog, 'Connect'));
    expect(dialog.querySelector('[role="alert"]')?.textContent).toBe('The relay at ws://relay.invalid:4455 cannot be reached.');

    // A good address: connected with it, the dialog closes and the status shows it.
    await typeInto(relay, ' ws://192.168.1.20:4455/ ');
    await click(button(dialog, 'Connect'));
    expect(connect).toHaveBeenLastCalledWith('ws://192.168.1.20:4455');
    expect(document.querySelector('dialog[open]')).toBeNull();
    expect(statusEl().dataset.state).toBe('connecting');
  });

  it('says in one line that hosting could not resume, and offers the port again in the Host dialog', async () => {
    const failed: LiveStatus = {
      ...base,
      state: 'offline',
      relay: 'ws://127.0.0.1:4456',
      hostingFailed: { port: 4456, message: 'The relay cannot listen on 0.0.0.0:4456: port 4456 is already in use.' },
    };
    const { api } = fakeApi(failed);
    view = await render(<ConnectionStatus roster={rosterAs('head', true)} />, api);
    await settle();
    expect(statusEl().textContent).toBe('Offline: could not host on port 4456');
    expect(statusEl().title).toContain('port 4456 is already in use');
    await act(async () => button(document.body, 'Co-editing').click());
    await click(button(document.body, 'Host on this network…'));
    const dialog = named(document.body, 'dialog', 'Host on this network');
    expect(field(dialog, 'Port').value).toBe('4456');
    expect(dialog.querySelector('[data-testid="live-host-failed"]')?.textContent).toContain('already in use');
    expect(button(dialog, 'Start hosting').disabled).toBe(false);
    expect(button(dialog, 'Stop hosting').disabled).toBe(false);
  });
});
