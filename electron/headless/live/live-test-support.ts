import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { encodeInvitation, signInvitation } from '../../../shared/live/invitation';
import type { InvitationRole } from '../../../shared/positions/model';
import type { Signer } from '../../../shared/positions/signing';
import { CONTENT_FRAGMENT } from '../../../shared/schema/schema';
import { newSigner, smallSeed } from '../positions/positions-test-support';
import { startRelay, type RunningRelay } from '../relay/relay';
import { WorkspaceSession } from '../workspace/workspace-session';
import { RelaySync, type RelaySyncOptions } from './relay-sync';

/** Helpers for the live tests: a relay on loopback, a convened workspace, invitations, waiting. Not used by the app. */

export const QUICK_RETRY = { delayMs: 50, maxDelayMs: 300 };

export function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), 'chancery-live-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A real relay on 127.0.0.1, port 0, keeping its files in `dataDir`. */
export function testRelay(dataDir: string, port = 0): Promise<RunningRelay> {
  return startRelay({ port, host: '127.0.0.1', dataDir });
}

/** A convened workspace (parties ALD and VEL, documents alpha and beta) in `dir`. */
export function convenedWorkspace(dir: string, convener: Signer = newSigner()): { session: WorkspaceSession; convener: Signer; path: string } {
  const path = join(dir, `convener-${Math.random().toString(36).slice(2, 8)}.chancery`);
  return { session: WorkspaceSession.create(path, smallSeed(convener)), convener, path };
}

/** An invitation text signed by `issuer` for `session`'s workspace. */
export function invitationText(
  session: WorkspaceSession,
  issuer: Signer,
  relay: string,
  party: string | null,
  role: InvitationRole,
  expires = new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
  at?: string,
): string {
  return encodeInvitation(
    signInvitation(
      { workspaceId: session.store.meta.workspaceId, workspaceTitle: session.manifest().title, relay, party, role, expires, ...(at ? { at } : {}) },
      issuer,
    ),
  );
}

/** A started sync client with quick reconnection. */
export function startSync(session: WorkspaceSession, relay: string, signer: Signer, name: string, extra: Partial<RelaySyncOptions> = {}): RelaySync {
  const sync = new RelaySync(session, { relay, signer, name, retry: QUICK_RETRY, ...extra });
  sync.start();
  return sync;
}

/** Waits until `done()` holds, polling; throws with `what` after `ms`. */
export async function waitFor(done: () => boolean, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The document's text as Yjs holds it (its XML form): what every copy must agree on. */
export function docXml(session: WorkspaceSession, docId: string): string {
  return session.getDoc(docId).getXmlFragment(CONTENT_FRAGMENT).toString();
}

/** The update a window's replica makes when its user types `text` at the end of the first paragraph of the `n`th clause. */
export function typeInClause(session: WorkspaceSession, docId: string, n: number, text: string): void {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(session.getDoc(docId)));
  const before = Y.encodeStateVector(replica);
  const clauses = replica
    .getXmlFragment(CONTENT_FRAGMENT)
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'clause');
  const clause = clauses[n]!;
  const paragraph = clause.get(0) as Y.XmlElement;
  const textNode = paragraph.get(0) as Y.XmlText;
  textNode.insert(textNode.length, text);
  session.applyRendererUpdate(docId, Y.encodeStateAsUpdate(replica, before), 1);
  replica.destroy();
}
