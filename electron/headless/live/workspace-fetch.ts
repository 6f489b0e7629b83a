import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import { relayDocName } from '../../../shared/live/relay-names';
import { MANIFEST_DOC_ID, readManifest } from '../../../shared/workspace/manifest';
import { relaySocketClass } from './relay-socket';
import { readRefusal, refusalOfClose, type Refusal } from './status';

/**
 * Fetching a whole workspace from a relay into memory, for joining: the manifest first, then every
 * document it lists and this member's private document. Nothing is written anywhere; the caller
 * creates the file from the result only once all of it arrived.
 */

export interface FetchInput {
  relay: string;
  workspaceId: string;
  /** A fresh token for each connection and document. */
  token(): string;
  /** The private document to fetch too (`private_<PARTY>`), or null. */
  privateDocId: string | null;
  timeoutMs: number;
  /** Failed connection attempts before the relay counts as unreachable. */
  attempts?: number;
}

/** Every fetched doc's state, manifest first. */
export type FetchedRows = { docId: string; data: Uint8Array }[];

export function unreachable(relay: string): ChanceryError {
  return new ChanceryError('RELAY_UNREACHABLE', `No relay answers at ${relay} — check the address and that the host is running it.`);
}

export function refused(relay: string, refusal: Refusal): ChanceryError {
  return new ChanceryError('RELAY_REFUSED', `The relay at ${relay} refused to let you join: ${refusal.message}.`);
}

/** Fetches the workspace; RELAY_UNREACHABLE, RELAY_REFUSED, or INVALID_UPDATE for a manifest that cannot be read. */
export async function fetchWorkspace(input: FetchInput): Promise<FetchedRows> {
  const providers = new Map<string, HocuspocusProvider>();
  let failedAttempts = 0;
  let everOpened = false;
  let fail: (err: ChanceryError) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    fail = reject;
  });
  failed.catch(() => undefined);
  const socket = new HocuspocusProviderWebsocket({
    url: input.relay,
    autoConnect: false,
    WebSocketPolyfill: relaySocketClass({ token: input.token }),
    delay: 300,
    minDelay: 300,
    maxDelay: 1500,
    onClose: ({ event }) => {
      const refusal = refusalOfClose(event.code, String(event.reason ?? ''));
      if (refusal) fail(refused(input.relay, refusal));
    },
    onOpen: () => {
      everOpened = true;
    },
    onDisconnect: () => {
      if (!everOpened && ++failedAttempts >= (input.attempts ?? 3)) fail(unreachable(input.relay));
    },
  });

  const open = (docId: string, optional: boolean): Promise<void> => {
    const doc = new Y.Doc({ gc: true });
    return new Promise<void>((resolve, reject) => {
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: relayDocName(input.workspaceId, docId),
        document: doc,
        token: input.token,
        onSynced: () => resolve(),
        onAuthenticationFailed: ({ reason }) => {
          if (optional) {
            providers.delete(docId);
            provider.destroy();
            resolve();
          } else reject(refused(input.relay, readRefusal(reason)));
        },
      });
      providers.set(docId, provider);
      provider.attach();
    });
  };

  const timer = setTimeout(
    () => fail(everOpened ? timedOut(input.relay, input.timeoutMs) : unreachable(input.relay)),
    input.timeoutMs,
  );
  try {
    const manifestSynced = open(MANIFEST_DOC_ID, false);
    void socket.connect();
    await Promise.race([manifestSynced, failed]);
    const listed = readManifest(providers.get(MANIFEST_DOC_ID)!.document).documents.map((d) => d.id);
    const rest = [...listed.map((id) => open(id, false)), ...(input.privateDocId ? [open(input.privateDocId, true)] : [])];
    await Promise.race([Promise.all(rest), failed]);
    const rows: FetchedRows = [];
    for (const [docId, provider] of providers) {
      const data = Y.encodeStateAsUpdate(provider.document);
      // A private document nobody wrote in yet has nothing to store.
      if (docId === input.privateDocId && provider.document.store.clients.size === 0) continue;
      rows.push({ docId, data });
    }
    return rows;
  } finally {
    clearTimeout(timer);
    for (const provider of providers.values()) {
      const doc = provider.document;
      provider.destroy();
      doc.destroy();
    }
    socket.destroy();
  }
}

function timedOut(relay: string, timeoutMs: number): ChanceryError {
  return new ChanceryError(
    'RELAY_UNREACHABLE',
    `The relay at ${relay} did not send the whole workspace within ${Math.round(timeoutMs / 1000)} s; no file was created. Try again.`,
  );
}
