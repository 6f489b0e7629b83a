import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import type { LiveStatus } from '../../../shared/live/live-model';
import { DocPresence, type PresenceApi } from './doc-presence';

type Listener = (...args: unknown[]) => void;

function fakeApi() {
  const listeners = new Map<string, Listener>();
  const setPresence = vi.fn(async () => null);
  const api = {
    live: { setPresence },
    on: (event: string, fn: Listener) => {
      listeners.set(event, fn);
      return () => listeners.delete(event);
    },
  } as unknown as PresenceApi;
  return { api, setPresence, emit: (event: string, ...args: unknown[]) => listeners.get(event)?.(...args) };
}

const frame = () => new Promise((r) => setTimeout(r, 40));

describe('presence on one open document', () => {
  it('shows remote states from main, drops them when offline, and sends the local cursor once per frame', async () => {
    const { api, setPresence, emit } = fakeApi();
    const doc = new Y.Doc();
    const presence = new DocPresence(api, 'alpha', doc);
    expect(setPresence).toHaveBeenLastCalledWith('alpha', null); // "this window shows alpha"

    const remote = new Awareness(new Y.Doc());
    remote.setLocalState({ user: { name: 'Tomas Brenner', party: 'VEL', colour: '#c27c0e' }, cursor: null });
    emit('live.presence', 'beta', encodeAwarenessUpdate(remote, [remote.clientID]));
    expect(presence.remoteCount()).toBe(0); // another document's
    emit('live.presence', 'alpha', encodeAwarenessUpdate(remote, [remote.clientID]));
    expect(presence.remoteCount()).toBe(1);

    const text = doc.getXmlFragment('content');
    const a = Y.createRelativePositionFromTypeIndex(text, 0);
    setPresence.mockClear();
    presence.awareness.setLocalStateField('cursor', { anchor: a, head: a });
    presence.awareness.setLocalStateField('cursor', { anchor: a, head: a });
    await frame();
    expect(setPresence).toHaveBeenCalledTimes(1);
    expect(setPresence).toHaveBeenCalledWith('alpha', { anchor: Y.relativePositionToJSON(a), head: Y.relativePositionToJSON(a) });

    emit('live.statusChanged', { state: 'offline', relay: 'ws://x:1', unconfirmed: 0, refusal: null, hosting: null } satisfies LiveStatus);
    expect(presence.remoteCount()).toBe(0);

    presence.destroy();
    expect(setPresence).toHaveBeenLastCalledWith('alpha', null);
    remote.destroy();
  });
});
