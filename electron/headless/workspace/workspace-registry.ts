import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { ChanceryError } from '../../../shared/errors';
import { hasPrivatePrefix } from '../../../shared/notes/private-doc';
import type { ChanceryOrigin } from '../../../shared/sync/origins';
import { WorkspaceSession, type WorkspaceSeed } from './workspace-session';

/** How the registry tells a window about changes; the window layer implements it over IPC. */
export interface WindowNotifier {
  docUpdate(windowId: number, docId: string, update: Uint8Array): void;
  /** The last window let go of `session`: its file closes right after this (main stops syncing it first). */
  sessionClosing?(session: WorkspaceSession): void;
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Which workspace each window shows, and which docs each window has replicas of. Several windows
 * may show one workspace: they share one session (one writer, one file handle) and every change
 * is forwarded to the other windows' replicas.
 */
export class WorkspaceRegistry {
  private readonly sessions = new Map<string, { session: WorkspaceSession; unsubscribe: () => void }>();
  private readonly windowSession = new Map<number, WorkspaceSession>();
  private readonly openDocs = new Map<number, Set<string>>();

  constructor(private readonly notifier: WindowNotifier) {}

  /** Opens (or reuses, if this process already has it open) the workspace at `path`. */
  open(path: string): WorkspaceSession {
    const key = canonical(path);
    const existing = this.sessions.get(key);
    if (existing && !existing.session.isClosed) return existing.session;
    return this.track(key, WorkspaceSession.open(path));
  }

  /** Creates a new workspace file at `path` (refusing to overwrite) and opens it. */
  create(path: string, seed: WorkspaceSeed): WorkspaceSession {
    const session = WorkspaceSession.create(path, seed);
    return this.track(canonical(path), session);
  }

  attachWindow(windowId: number, session: WorkspaceSession): void {
    if (this.windowSession.get(windowId) === session) return;
    this.detachWindow(windowId);
    this.windowSession.set(windowId, session);
    this.openDocs.set(windowId, new Set());
  }

  /** The window no longer shows a workspace; the last window out closes (compacts) the file. */
  detachWindow(windowId: number): void {
    const session = this.windowSession.get(windowId);
    this.windowSession.delete(windowId);
    this.openDocs.delete(windowId);
    if (session && ![...this.windowSession.values()].includes(session)) this.closeSession(session);
  }

  sessionFor(windowId: number): WorkspaceSession {
    const session = this.windowSession.get(windowId);
    if (!session) throw new ChanceryError('WORKSPACE_NOT_OPEN', 'No negotiation is open in this window. Open or create one first.');
    return session;
  }

  maybeSessionFor(windowId: number): WorkspaceSession | undefined {
    return this.windowSession.get(windowId);
  }

  markDocOpen(windowId: number, docId: string): void {
    this.sessionFor(windowId);
    this.openDocs.get(windowId)?.add(docId);
  }

  markDocClosed(windowId: number, docId: string): void {
    this.openDocs.get(windowId)?.delete(docId);
  }

  /** The windows showing `session`; with `docId`, only those that have that doc open. */
  windowsOf(session: WorkspaceSession, docId?: string): number[] {
    const ids: number[] = [];
    for (const [windowId, s] of this.windowSession) {
      if (s === session && (docId === undefined || this.openDocs.get(windowId)?.has(docId))) ids.push(windowId);
    }
    return ids;
  }

  closeAll(): void {
    for (const id of [...this.windowSession.keys()]) this.detachWindow(id);
    for (const { session } of this.sessions.values()) this.closeSession(session);
  }

  private track(key: string, session: WorkspaceSession): WorkspaceSession {
    const unsubscribe = session.subscribe((docId, update, origin) => this.forward(session, docId, update, origin));
    this.sessions.set(key, { session, unsubscribe });
    return session;
  }

  private forward(session: WorkspaceSession, docId: string, update: Uint8Array, origin: ChanceryOrigin): void {
    if (hasPrivatePrefix(docId)) return; // never a window replica (sync.openDoc refuses them); notes go as notes.*
    for (const [windowId, s] of this.windowSession) {
      if (s !== session) continue;
      if (origin.kind === 'renderer' && origin.windowId === windowId) continue;
      if (this.openDocs.get(windowId)?.has(docId)) this.notifier.docUpdate(windowId, docId, update);
    }
  }

  private closeSession(session: WorkspaceSession): void {
    if (!session.isClosed) this.notifier.sessionClosing?.(session);
    for (const [key, entry] of this.sessions) {
      if (entry.session !== session) continue;
      entry.unsubscribe();
      this.sessions.delete(key);
    }
    session.close();
  }
}
