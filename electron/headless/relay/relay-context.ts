import type * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import type { RelayAccess } from '../../../shared/live/relay-access';
import { NONCE_MEMORY_MS } from '../../../shared/live/relay-token';
import { fingerprint } from '../../../shared/positions/fingerprint';
import { SignatureCache } from '../../../shared/positions/signing';
import { nodeEd25519 } from '../crypto/node-ed25519';
import { ReplayCache } from './replay-cache';
import { RelaySocket } from './relay-socket';
import { RelayWorkspace } from './relay-workspace';

/**
 * What the relay's parts share: the workspaces it serves, the replay cache, the log. One per
 * running relay; the extensions and the upgrade handler get it from `startRelay`.
 */
export class RelayContext {
  readonly replay = new ReplayCache(NONCE_MEMORY_MS);
  readonly signatures = new SignatureCache(nodeEd25519);
  readonly #workspaces = new Map<string, RelayWorkspace>();
  readonly #fingerprints = new Map<string, string>();
  /** Hocuspocus' loaded documents by name; set once Hocuspocus exists. */
  loaded: (name: string) => Y.Doc | undefined = () => undefined;

  constructor(
    readonly dataDir: string,
    readonly log: (line: string) => void,
  ) {}

  /**
   * The workspace's state. Opening it reads its file if there is one; a workspace without a file
   * is not kept (a stranger naming random workspaces leaves nothing behind) until it is pinned.
   */
  workspace(workspaceId: string): RelayWorkspace {
    const known = this.#workspaces.get(workspaceId);
    if (known) return known;
    const ws = new RelayWorkspace(workspaceId, this.dataDir, this.signatures, (name) => this.loaded(name), (socket) => this.#removed(socket));
    if (ws.hasStore) this.#workspaces.set(workspaceId, ws);
    return ws;
  }

  /** Keeps a workspace created by a first contact. */
  keep(ws: RelayWorkspace): void {
    this.#workspaces.set(ws.workspaceId, ws);
  }

  /** The workspace an authenticated socket is bound to (it always has a file). */
  workspaceOf(socket: RelaySocket): RelayWorkspace {
    const ws = this.#workspaces.get(socket.binding.workspaceId);
    if (!ws) throw new ChanceryError('INTERNAL', `The relay lost track of workspace ${socket.binding.workspaceId}.`);
    return ws;
  }

  all(): RelayWorkspace[] {
    return [...this.#workspaces.values()];
  }

  /** "Anja Korvel [12345 67890, head ALD]": how log lines name a member (a fingerprint prefix, never the whole key). */
  who(access: Pick<RelayAccess, 'key' | 'name' | 'role' | 'party'>): string {
    let fp = this.#fingerprints.get(access.key);
    if (fp === undefined) {
      try {
        fp = fingerprint(access.key).slice(0, 11);
      } catch {
        fp = 'bad key';
      }
      if (this.#fingerprints.size > 10_000) this.#fingerprints.clear();
      this.#fingerprints.set(access.key, fp);
    }
    return `${access.name} [${fp}, ${access.role}${access.party ? ` ${access.party}` : ''}]`;
  }

  #removed(socket: RelaySocket): void {
    this.log(`removed: ${this.who(socket.access)} is no longer on the roster of ${socket.binding.workspaceId}; connection closed`);
    socket.refuse('removed');
  }
}

/** The relay socket Hocuspocus hands back in a hook's context (set at the upgrade). */
export function socketOf(context: unknown): RelaySocket {
  const socket = (context as { socket?: unknown } | null)?.socket;
  if (!(socket instanceof RelaySocket)) throw new ChanceryError('INTERNAL', 'A Hocuspocus hook ran for a connection the relay did not admit.');
  return socket;
}
