import * as Y from 'yjs';
import { applyAwarenessUpdate, Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import type { ChanceryApi } from '../ipc/api';

/** The slice of the API presence needs; tests pass a fake. */
export type PresenceApi = { live: Pick<ChanceryApi['live'], 'setPresence'>; on: ChanceryApi['on'] };

/** Where y-prosemirror's cursor plugin keeps the local selection in the awareness state. */
const CURSOR_FIELD = 'cursor';

type CursorJson = { anchor: unknown; head: unknown } | null;

function cursorJson(raw: unknown): CursorJson {
  if (!raw || typeof raw !== 'object') return null;
  const { anchor, head } = raw as { anchor?: unknown; head?: unknown };
  if (!anchor || !head || typeof anchor !== 'object' || typeof head !== 'object') return null;
  // Through the JSON constructor, so a RelativePosition and its JSON form both give plain JSON.
  const json = (pos: object) => Y.relativePositionToJSON(Y.createRelativePositionFromJSON(pos));
  return { anchor: json(anchor), head: json(head) };
}

/** Schedules on the next animation frame (a timer where there are no frames, as in tests). */
const nextFrame: (fn: () => void) => () => void =
  typeof requestAnimationFrame === 'function'
    ? (fn) => {
        const id = requestAnimationFrame(fn);
        return () => cancelAnimationFrame(id);
      }
    : (fn) => {
        const id = setTimeout(fn, 16);
        return () => clearTimeout(id);
      };

/**
 * Presence on one open document: a y-protocols Awareness for the editor's cursor plugin. Only main
 * talks to the relay, so remote states arrive from main (`live.presence`) and the local cursor
 * goes to main (`live.setPresence`), which adds who this is from the roster. The local cursor is
 * sent at most once per animation frame, with only the latest selection.
 */
export class DocPresence {
  readonly awareness: Awareness;
  private readonly offPresence: () => void;
  private readonly offStatus: () => void;
  private sent: string = JSON.stringify(null);
  private cancelFrame: (() => void) | null = null;
  private destroyed = false;

  constructor(
    private readonly api: PresenceApi,
    readonly docId: string,
    doc: Y.Doc,
  ) {
    this.awareness = new Awareness(doc);
    this.awareness.on('change', (_changes: unknown, origin: unknown) => {
      if (origin === 'local') this.schedule();
    });
    this.offPresence = api.on('live.presence', (id, update) => {
      if (id === docId && !this.destroyed) applyAwarenessUpdate(this.awareness, update, 'main');
    });
    // Away from the relay nobody's cursor is current: drop the remote ones until it is back.
    this.offStatus = api.on('live.statusChanged', (status) => {
      if (status.state !== 'connected' && !this.destroyed) this.clearRemote();
    });
    // Tells main this window shows the document: it answers with who is already in it.
    this.push(null);
  }

  /** Remote states only: what the cursor plugin draws. */
  remoteCount(): number {
    return [...this.awareness.getStates().keys()].filter((id) => id !== this.awareness.clientID).length;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.cancelFrame?.();
    this.offPresence();
    this.offStatus();
    this.push(null);
    this.awareness.destroy();
  }

  private clearRemote(): void {
    const remote = [...this.awareness.getStates().keys()].filter((id) => id !== this.awareness.clientID);
    if (remote.length > 0) removeAwarenessStates(this.awareness, remote, 'main');
  }

  private schedule(): void {
    if (this.cancelFrame || this.destroyed) return;
    this.cancelFrame = nextFrame(() => {
      this.cancelFrame = null;
      if (this.destroyed) return;
      const local = this.awareness.getLocalState() as Record<string, unknown> | null;
      const cursor = cursorJson(local?.[CURSOR_FIELD]);
      if (JSON.stringify(cursor) !== this.sent) this.push(cursor);
    });
  }

  private push(cursor: CursorJson): void {
    this.sent = JSON.stringify(cursor);
    // Presence is a courtesy: a failure (the workspace just closed) must not interrupt editing.
    this.api.live.setPresence(this.docId, cursor).catch(() => {});
  }
}
