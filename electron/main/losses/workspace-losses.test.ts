import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LostText } from '../../../shared/live/lost-text';
import { clause, doc, p } from '../../../shared/sample/builders';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { WorkspaceRegistry } from '../../headless/workspace/workspace-registry';
import { WorkspaceSession } from '../../headless/workspace/workspace-session';
import type { HandlerDeps } from '../ipc/handlers/handler-deps';
import { lossesHandlers } from '../ipc/handlers/losses-handlers';
import { WorkspaceLosses } from './workspace-losses';

/** The windows of a workspace hear of kept text, and restore or dismiss it through `losses.*`. */

const C1 = 'c-aaaaaaaaaaaaaaaa';
let registry: WorkspaceRegistry;
afterEach(() => registry.closeAll());

function setUp() {
  const file = join(mkdtempSync(join(tmpdir(), 'chancery-losses-ipc-')), 'w.chancery');
  WorkspaceSession.create(file, { title: 'T', parties: [], documents: [{ id: 'fw', title: 'F', content: doc(p('Intro'), clause(C1, p('Text.'))) }] }).close();
  registry = new WorkspaceRegistry({ docUpdate: () => {} });
  const session = registry.open(file);
  const events: { windowId: number; losses: LostText[] }[] = [];
  const forwarder = new WorkspaceLosses({ registry, send: (windowId, _event, ...payload) => events.push({ windowId, losses: payload[0] as LostText[] }) });
  for (const id of [1, 2]) {
    registry.attachWindow(id, session);
    forwarder.prepare(session);
  }
  const handlers = lossesHandlers({ registry } as unknown as HandlerDeps);
  return { session, events, handlers };
}

/** A window types into the clause while VEL, not having seen it, deletes the clause. */
function loseTyping(session: WorkspaceSession): void {
  const hub = session.getDoc('fw');
  const vel = new Y.Doc();
  Y.applyUpdate(vel, Y.encodeStateAsUpdate(hub));
  const seen = Y.decodeStateVector(Y.encodeStateVector(vel));
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(hub));
  const before = Y.encodeStateVector(replica);
  const c = replica.getXmlFragment(CONTENT_FRAGMENT).get(1) as Y.XmlElement;
  ((c.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(5, ' Typed here.');
  session.applyRendererUpdate('fw', Y.encodeStateAsUpdate(replica, before), 1);
  const b = Y.encodeStateVector(vel);
  vel.getXmlFragment(CONTENT_FRAGMENT).delete(1, 1);
  session.applyPeerUpdate('fw', Y.encodeStateAsUpdate(vel, b), { by: 'VEL', seen });
}

describe('losses over IPC', () => {
  it('sends losses.changed to every window of the workspace; restore and dismiss change the list for all', async () => {
    const { session, events, handlers } = setUp();
    loseTyping(session);
    expect(events.map((e) => [e.windowId, e.losses.length])).toEqual([[1, 1], [2, 1]]);
    const list = await handlers.list({ windowId: 2 } as never);
    expect(list).toEqual(events[0]!.losses);
    expect(list[0]).toMatchObject({ by: 'VEL', place: 'paragraph 1', text: ' Typed here.' });

    const restored = await handlers.restore({ windowId: 1 } as never, list[0]!.id);
    expect(restored.docId).toBe('fw');
    expect(events.slice(2).map((e) => [e.windowId, e.losses.length])).toEqual([[1, 0], [2, 0]]);

    loseTyping(session);
    const [again] = await handlers.list({ windowId: 1 } as never);
    expect(await handlers.dismiss({ windowId: 1 } as never, again!.id)).toBeNull();
    expect(await handlers.list({ windowId: 2 } as never)).toEqual([]);
  });
});
