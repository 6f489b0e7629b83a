import { isChanceryError } from '../../../shared/errors';
import { parseInvitation, type Invitation } from '../../../shared/live/invitation';
import type { WorkspaceSession } from '../workspace/workspace-session';

/**
 * What a workspace file remembers about its relay, in its local settings (never synced): the
 * relay's address and the invitation this copy joined with (the token carries it until the claim
 * is on the roster the relay holds).
 */

/** Setting key: the relay's `ws://host:port`. */
export const RELAY_SETTING = 'live.relay';
/** Setting key: the invitation text this copy joined with. */
export const INVITATION_SETTING = 'live.invitation';

/** The remembered relay address, or null when this copy has never been online. */
export function savedRelay(session: WorkspaceSession): string | null {
  return session.store.getSetting(RELAY_SETTING) ?? null;
}

/**
 * The remembered invitation, or undefined when there is none. A stored text that no longer reads
 * as an invitation is treated as none: the relay then judges the key by the roster alone.
 */
export function savedInvitation(session: WorkspaceSession): Invitation | undefined {
  const text = session.store.getSetting(INVITATION_SETTING);
  if (text === undefined) return undefined;
  try {
    return parseInvitation(text);
  } catch (err) {
    if (isChanceryError(err, 'INVALID_INVITATION')) return undefined;
    throw err;
  }
}

/** Remembers the relay (and the invitation, when joining). */
export function saveLiveSettings(session: WorkspaceSession, relay: string, invitationText?: string): void {
  session.store.setSetting(RELAY_SETTING, relay);
  if (invitationText !== undefined) session.store.setSetting(INVITATION_SETTING, invitationText.replace(/\s+/gu, ''));
}
