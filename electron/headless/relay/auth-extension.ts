import type { Extension, connectedPayload, onAuthenticatePayload, onDisconnectPayload } from '@hocuspocus/server';
import { decideAccess, documentAccess, isRelayRefusal, RelayRefusal, type RelayAccess } from '../../../shared/live/relay-access';
import { parseRelayDocName } from '../../../shared/live/relay-names';
import { parseRelayToken } from '../../../shared/live/relay-token';
import { nodeEd25519 } from '../crypto/node-ed25519';
import { HocuspocusRejection } from './close-codes';
import { socketOf, type RelayContext } from './relay-context';

/**
 * Authenticates each document a socket opens. The socket itself was let in at the upgrade (see
 * relay-upgrade.ts); here every document's token must be a fresh proof (its own nonce) by the same
 * key, still admitted by the roster, for this workspace, and the document must be one this access
 * may open, judged by the current roster (the manifest the relay holds now, not at the upgrade).
 * Observers' connections are made read-only, so Hocuspocus itself applies none of their edits
 * (the frame filter already drops them) — except the manifest's, where the filter passes exactly
 * one kind of edit, the observer's own join claim. A refusal becomes PermissionDenied with the
 * refusal's text; the socket wrapper then closes the socket with it, unless it only refuses this
 * document ("no access to this document"): then the rest of the socket carries on.
 */
export class AuthExtension implements Extension {
  readonly extensionName = 'chancery-auth';
  readonly priority = 300;

  constructor(private readonly relay: RelayContext) {}

  async onAuthenticate(data: onAuthenticatePayload): Promise<{ access: RelayAccess }> {
    const socket = socketOf(data.context);
    const { binding } = socket;
    try {
      const ws = this.relay.workspaceOf(socket);
      const token = parseRelayToken(data.token);
      // The invitation (or convene entry) shown at the upgrade vouches for this key on this socket.
      const vouched = { ...token, invitation: token.invitation ?? binding.token.invitation, convene: token.convene ?? binding.token.convene };
      const access = decideAccess({
        token: vouched,
        workspaceId: binding.workspaceId,
        now: new Date(),
        ed: nodeEd25519,
        pinnedConvener: ws.pinned,
        roster: ws.roster(),
        nonceSeen: (nonce) => this.relay.replay.has(nonce),
      });
      if (access.key !== binding.access.key) throw new RelayRefusal('bad-proof', 'a document token signed by another key than the connection');
      this.relay.replay.record(token.proof.nonce);
      const doc = parseRelayDocName(data.documentName);
      const mode = documentAccess(access, doc);
      // An observer's manifest connection is not read-only: the frame filter passes nothing of it
      // but an edit that only adds the observer's own join claim, which Hocuspocus must apply.
      data.connectionConfig.readOnly = (mode === 'read' || access.role === 'observer') && doc.kind !== 'manifest';
      return { access };
    } catch (err) {
      const reason = isRelayRefusal(err) ? err.reason : 'malformed';
      this.relay.log(`refused ${data.documentName} to ${this.relay.who(binding.access)}: ${reason}${err instanceof Error && err.message ? ` (${err.message})` : ''}`);
      throw new HocuspocusRejection(reason);
    }
  }

  /** Hocuspocus has set the document's connection up: the filter stops counting its queued frames. */
  async connected(data: connectedPayload): Promise<void> {
    socketOf(data.context).opened(data.documentName);
  }

  /** The document's connection closed (the client closed it, or the socket went): it may be opened again. */
  async onDisconnect(data: onDisconnectPayload): Promise<void> {
    socketOf(data.context).documentClosed(data.documentName);
  }
}
