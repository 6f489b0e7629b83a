import { randomUUID } from 'node:crypto';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { z } from 'zod';
import type { PresencePeer, PresenceState } from '../../../shared/live/live-model';
import type { ResolvedRoster } from '../../../shared/positions/roster';

/**
 * Presence on the relay: who this machine is in each document's awareness, and who else is there.
 * Main fills in the name, party and colour from the roster (a window cannot claim to be someone
 * else) and drops the cursor of observers; what other clients put in their awareness is read
 * through a schema, since the relay passes it on unchecked.
 */

/** The colour of people who speak for no party (the convener, observers, someone not yet on the roster). */
export const NEUTRAL_COLOUR = '#8a8f98';

/** What a client's awareness state says about its user. */
export interface PresenceUser {
  name: string;
  party: string | null;
  colour: string;
  /** One id per running sync client, so a person connected to several documents is one person. */
  session: string;
}

const userSchema = z.object({
  name: z.string().min(1).max(200),
  party: z.string().max(64).nullable(),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/u),
  session: z.string().max(64),
});
const stateSchema = z.object({ user: userSchema, cursor: z.unknown().optional() });

/** A fresh session id for one sync client. */
export function newPresenceSession(): string {
  return randomUUID();
}

/** Who `key` is on the roster, as presence shows them: their party and its colour, or neutral. */
export function localUser(roster: ResolvedRoster, key: string, name: string, session: string): PresenceUser {
  const member = roster.member(key);
  const party = member && (member.role === 'head' || member.role === 'member') ? member.party : null;
  const colour = roster.view.parties.find((p) => p.code === party)?.colour ?? NEUTRAL_COLOUR;
  return { name: member?.name ?? name, party, colour, session };
}

/** Whether `key` may show a cursor in the text: observers read and never point into it. */
export function showsCursor(roster: ResolvedRoster, key: string): boolean {
  return roster.member(key)?.role !== 'observer';
}

/** The awareness state to publish: the user, and a cursor only where one is allowed and given. */
export function presenceState(user: PresenceUser, state: PresenceState | null, cursorAllowed: boolean): Record<string, unknown> {
  return { user, cursor: cursorAllowed && state?.cursor ? state.cursor : null };
}

/** A remote client's user, or null when its state is absent or not one Chancery writes. */
export function readUser(state: unknown): PresenceUser | null {
  const parsed = stateSchema.safeParse(state);
  return parsed.success ? parsed.data.user : null;
}

/** The ids of every remote client with a readable state in `awareness`. */
export function remoteClients(awareness: Awareness): number[] {
  return [...awareness.getStates().entries()].filter(([id, state]) => id !== awareness.clientID && readUser(state) !== null).map(([id]) => id);
}

/** An awareness update holding every remote state of `awareness` (what a window needs to draw them). */
export function remoteUpdate(awareness: Awareness): Uint8Array {
  return encodeAwarenessUpdate(awareness, remoteClients(awareness));
}

/**
 * Calls `listener` with an awareness update of the remote clients that changed (added, updated or
 * removed: a removed one is encoded with a null state), never for this client's own state.
 * Returns the unsubscribe.
 */
export function watchRemote(awareness: Awareness, listener: (update: Uint8Array) => void): () => void {
  const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const changed = [...added, ...updated, ...removed].filter((id) => id !== awareness.clientID);
    if (changed.length > 0) listener(encodeAwarenessUpdate(awareness, changed));
  };
  awareness.on('change', onChange);
  return () => awareness.off('change', onChange);
}

/** The remote people in one document's awareness (`docId` null: connected to the workspace only). */
export function peersOf(awareness: Awareness, docId: string | null): (PresencePeer & { session: string })[] {
  const peers: (PresencePeer & { session: string })[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const user = readUser(state);
    if (user) peers.push({ clientId, name: user.name, party: user.party, colour: user.colour, docId, session: user.session });
  }
  return peers;
}

/**
 * Everyone else online, one entry per person and document they are in; someone only connected
 * to the workspace (its list of documents) is listed once with `docId` null.
 */
export function mergePeers(perDoc: (PresencePeer & { session: string })[][], workspaceOnly: (PresencePeer & { session: string })[]): PresencePeer[] {
  const inDocs = perDoc.flat();
  const sessionsInDocs = new Set(inDocs.map((p) => p.session));
  const strip = ({ session: _session, ...peer }: PresencePeer & { session: string }): PresencePeer => peer;
  const alone = new Map<string, PresencePeer>();
  for (const p of workspaceOnly) if (!sessionsInDocs.has(p.session) && !alone.has(p.session)) alone.set(p.session, strip(p));
  return [...inDocs.map(strip), ...alone.values()];
}

/**
 * The party of the remote client(s) behind an update's new content, when presence tells: the
 * update's items carry their client ids; if they all belong to clients whose awareness names one
 * party, that party. Otherwise null (a pure deletion carries no client id; edits typed in a window
 * carry the window's).
 */
export function partyOfClients(clients: Iterable<number>, awareness: Awareness): string | null {
  const parties = new Set<string | null>();
  for (const id of clients) {
    const user = readUser(awareness.getStates().get(id));
    if (!user) return null;
    parties.add(user.party);
  }
  if (parties.size !== 1) return null;
  return [...parties][0] ?? null;
}

/** The parties of the remote people present in `awareness`. */
export function partiesPresent(awareness: Awareness): Set<string | null> {
  return new Set(peersOf(awareness, null).map((p) => p.party));
}
