import type { IncomingMessage } from 'node:http';
import { isChanceryError } from '../../../shared/errors';
import { decideAccess, isRelayRefusal, RelayRefusal, type RefusalReason } from '../../../shared/live/relay-access';
import { parseRelayToken, RELAY_TOKEN_HEADER } from '../../../shared/live/relay-token';
import { nodeEd25519 } from '../crypto/node-ed25519';
import type { RelayContext } from './relay-context';
import type { SocketBinding } from './relay-socket';

/**
 * Who a WebSocket upgrade is: the token from header `x-chancery-token` (or query `token` for
 * clients that cannot set headers), judged by `decideAccess` against the workspace's pin and
 * stored roster, its nonce then remembered. The socket is bound to the token's workspace and key
 * for its whole life. A first contact (a workspace the relay has never stored, with the convener's
 * signed convene entry) creates the workspace's file and pins the convener; any refused upgrade
 * leaves nothing on disk.
 */

/** The verdict on an upgrade: the binding, or the refusal (the socket is then closed with it). */
export type UpgradeVerdict = { ok: true; binding: SocketBinding } | { ok: false; reason: RefusalReason; detail: string };

function tokenText(req: IncomingMessage): string {
  const header = req.headers[RELAY_TOKEN_HEADER];
  if (typeof header === 'string' && header !== '') return header;
  const url = new URL(req.url ?? '/', 'http://relay.invalid');
  return url.searchParams.get('token') ?? '';
}

export function judgeUpgrade(req: IncomingMessage, relay: RelayContext): UpgradeVerdict {
  try {
    const token = parseRelayToken(tokenText(req));
    const workspaceId = token.proof.workspaceId;
    let ws;
    try {
      ws = relay.workspace(workspaceId);
    } catch (err) {
      if (isChanceryError(err, 'INVALID_ARGUMENT')) throw new RelayRefusal('malformed', err.message);
      throw err;
    }
    const access = decideAccess({
      token,
      workspaceId,
      now: new Date(),
      ed: nodeEd25519,
      pinnedConvener: ws.pinned,
      roster: ws.roster(),
      nonceSeen: (nonce) => relay.replay.has(nonce),
    });
    relay.replay.record(token.proof.nonce);
    if (ws.pinned === null) {
      ws.pin(access.key); // first contact: decideAccess checked the convene entry is signed by this key
      relay.keep(ws);
    }
    return { ok: true, binding: { workspaceId, access, token } };
  } catch (err) {
    if (isRelayRefusal(err)) return { ok: false, reason: err.reason, detail: err.message };
    throw err;
  }
}
