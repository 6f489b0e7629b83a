import { recordId } from './canonical';
import type { AdmitEntry, ClaimEntry, InvalidReason, Invitation, PositionRecord, RemoveEntry, RosterEntry, RosterEvent, RosterMember, RosterParty, RosterView, Verdict } from './model';
import { parseRosterEntry } from './record-schema';
import type { SignatureCache } from './signing';

/**
 * The roster as every peer computes it from the same signed entries: who convened the workspace,
 * which parties sit at the table, which key speaks for which party and since when. Entries are
 * judged in (`at`, id) order, each against the state the earlier ones built, so the verdicts are
 * the same on every copy whatever order the entries arrived in. Nothing here trusts who *stored*
 * an entry: only signatures and the chain back to the pinned convener count.
 */

const VALID: Verdict = Object.freeze({ valid: true });

function invalid(reason: InvalidReason, message: string): Verdict {
  return { valid: false, reason, message };
}

/** "2026-03-01 14:05 UTC", for verdict messages. */
export function shownTime(at: string): string {
  return `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
}

function shortKey(key: string): string {
  return `${key.slice(0, 8)}…`;
}

/** One admission of a key, from its `admit` entry to its removal (if any). */
interface Interval extends RosterMember {
  role: 'head' | 'member' | 'observer';
}

const ROLE_WORDS = { head: 'head of delegation', member: 'member', observer: 'observer', convener: 'convener' } as const;

function activeAt(interval: Interval, at: string): boolean {
  return interval.since <= at && (interval.removedAt === null || at < interval.removedAt);
}

/** A party as entries define it, retired ones kept (a retired party admits nobody). */
type PartyState = RosterParty & { order: number; retired: boolean };

/** Who `key` was at `at`, in words for verdict messages. */
function describeKey(convener: string, intervals: Map<string, Interval[]>, key: string, at: string): string {
  if (key === convener) return 'the convener';
  const who = intervals.get(key)?.find((i) => activeAt(i, at));
  return who ? `${who.name} (${ROLE_WORDS[who.role]}${who.party ? ` of ${who.party}` : ''})` : `a key the convener never admitted (${shortKey(key)})`;
}

/**
 * Whether `inv`'s issuer could admit its role when it was issued — the convener for heads and
 * observers, that party's head for members — and, for a head, was not removed by `until` (a
 * removal voids the head's open invitations); and its party is at the table.
 */
function judgeIssuer(convener: string, intervals: Map<string, Interval[]>, parties: Map<string, PartyState>, inv: Invitation, until: string): Verdict {
  if (inv.role === 'member') {
    const head = intervals.get(inv.issuer)?.find((i) => activeAt(i, inv.at));
    if (!head || head.role !== 'head' || head.party !== inv.party) {
      const former = intervals.get(inv.issuer)?.find((i) => i.role === 'head' && i.party === inv.party && i.removedAt !== null && i.removedAt <= inv.at);
      if (former) return invalid('removed', `${inv.party}'s head ${former.name} was removed on ${shownTime(former.removedAt!)}, before issuing this invitation.`);
      return invalid('not-authorised', `Only ${inv.party}'s head of delegation may invite its members; this invitation was issued by ${describeKey(convener, intervals, inv.issuer, inv.at)}.`);
    }
    if (head.removedAt !== null && head.removedAt <= until) {
      return invalid('removed', `${inv.party}'s head ${head.name}, who issued this invitation, was removed on ${shownTime(head.removedAt)}, before it was claimed.`);
    }
  } else if (inv.issuer !== convener) {
    return invalid('not-authorised', `Only the convener may invite a ${ROLE_WORDS[inv.role]}; this invitation was issued by ${describeKey(convener, intervals, inv.issuer, inv.at)}.`);
  }
  if (inv.party !== null) {
    const defined = parties.get(inv.party);
    if (!defined || defined.retired) return invalid('unknown-party', `There is no party "${inv.party}" at the table for this invitation.`);
  }
  return VALID;
}

/** The valid claim of an invitation: who claimed it, under what name, when. */
interface Claim {
  key: string;
  name: string;
  at: string;
}

/** The resolved roster; build it with {@link ResolvedRoster.resolve}. */
export class ResolvedRoster {
  /** Everything the UI shows: parties, members (removed ones too), every entry with its verdict. */
  readonly view: RosterView;
  readonly #workspaceId: string;
  readonly #intervals: Map<string, Interval[]>;
  readonly #everDefined: Set<string>;
  readonly #convenerMember: RosterMember | null;
  readonly #parties: Map<string, PartyState>;
  readonly #claims: Map<string, Claim>;

  private constructor(
    workspaceId: string,
    view: RosterView,
    intervals: Map<string, Interval[]>,
    everDefined: Set<string>,
    convenerMember: RosterMember | null,
    parties: Map<string, PartyState> = new Map(),
    claims: Map<string, Claim> = new Map(),
  ) {
    this.#workspaceId = workspaceId;
    this.view = view;
    this.#intervals = intervals;
    this.#everDefined = everDefined;
    this.#convenerMember = convenerMember;
    this.#parties = parties;
    this.#claims = claims;
  }

  /**
   * Judges every stored entry and builds the roster. `entries` are the raw `[id, value]` pairs of
   * the manifest's roster map; a value that is not a well-formed entry, or is stored under another
   * id than its own, is kept as a `malformed` event (its `entry` is then the raw value, as stored).
   * A workspace nobody convened (`convener` null: made by the CLI or before signed rosters) keeps
   * its legacy unsigned parties, and no entry and no position in it counts.
   */
  static resolve(input: {
    workspaceId: string;
    convener: string | null;
    entries: Iterable<[id: string, value: unknown]>;
    legacyParties?: RosterParty[];
    signatures: SignatureCache;
  }): ResolvedRoster {
    const { workspaceId, convener, signatures } = input;
    const events: RosterEvent[] = [];
    const wellFormed: { id: string; entry: RosterEntry }[] = [];
    for (const [id, value] of input.entries) {
      let entry: RosterEntry;
      try {
        entry = parseRosterEntry(value);
      } catch (err) {
        events.push({ id, entry: value as RosterEntry, verdict: invalid('malformed', (err as Error).message) });
        continue;
      }
      if (recordId(entry) !== id) {
        events.push({ id, entry, verdict: invalid('malformed', 'This roster entry is stored under an id that is not its own, so it may have been altered after it was signed.') });
        continue;
      }
      wellFormed.push({ id, entry });
    }
    wellFormed.sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    if (convener === null) {
      for (const { id, entry } of wellFormed) {
        events.push({ id, entry, verdict: invalid('no-convener', 'Nobody has convened this workspace, so no roster entry in it can be trusted.') });
      }
      const view: RosterView = { convener: null, parties: [...(input.legacyParties ?? [])], members: [], events: sortEvents(events) };
      return new ResolvedRoster(workspaceId, view, new Map(), new Set(), null);
    }

    const state = new Resolver(workspaceId, convener, signatures);
    for (const { id, entry } of wellFormed) {
      const verdict = signatures.check(id, entry)
        ? state.apply(entry)
        : invalid('bad-signature', 'The signature does not match this roster entry: it was altered after signing, or signed by another key than it names.');
      events.push({ id, entry, verdict });
    }
    const parties = [...state.parties.values()].filter((p) => !p.retired).sort((a, b) => a.order - b.order).map(({ code, name, colour }) => ({ code, name, colour }));
    const members: RosterMember[] = [];
    if (state.convenerMember) members.push(state.convenerMember);
    const all = [...state.intervals.values()].flat().sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
    for (const interval of all) members.push({ ...interval });
    const view: RosterView = { convener, parties, members, events: sortEvents(events) };
    return new ResolvedRoster(workspaceId, view, state.intervals, new Set(state.parties.keys()), state.convenerMember, state.parties, state.claims);
  }

  /**
   * The key that validly claimed the invitation with this id ({@link recordId} of the invitation),
   * or null while nobody has: the relay lets an invitation in only for that key once it is claimed.
   * A later removal of the key does not free the invitation.
   */
  claimOf(invitationId: string): string | null {
    return this.#claims.get(invitationId)?.key ?? null;
  }

  /**
   * Whether `invitation`'s issuer was entitled to invite that role when it was issued (and, for a
   * head's invitation, still is at `until`, default its issue time), with its party at the table.
   * Neither its signature, workspace nor expiry: the caller checks those. The relay asks this to
   * let a joiner in before their claim is on the roster.
   */
  authorisedIssuer(invitation: Invitation, until: string = invitation.at): Verdict {
    if (this.view.convener === null) return invalid('no-convener', 'Nobody has convened this workspace, so nobody in it can invite.');
    if (invitation.workspaceId !== this.#workspaceId) {
      return invalid('wrong-workspace', `This invitation is for another negotiation (workspace ${invitation.workspaceId}).`);
    }
    return judgeIssuer(this.view.convener, this.#intervals, this.#parties, invitation, until);
  }

  /** Codes of the parties at the table now, in the order they were first defined. */
  partyCodes(): string[] {
    return this.view.parties.map((p) => p.code);
  }

  /** Where `key` stood at `at`: its party admission then, else the convener record for the convener's key, else null. */
  memberAt(key: string, at: string): RosterMember | null {
    const interval = this.#intervals.get(key)?.find((i) => activeAt(i, at));
    if (interval) return { ...interval };
    return key === this.view.convener ? this.#convenerMember : null;
  }

  /** Where `key` stands now (every valid entry applied, whatever its time): its admission not yet removed, or the convener. */
  member(key: string): RosterMember | null {
    const interval = this.#intervals.get(key)?.find((i) => i.removedAt === null);
    if (interval) return { ...interval };
    return key === this.view.convener ? this.#convenerMember : null;
  }

  /**
   * Whether the roster lets `record` stand: right workspace and document, a party that was
   * defined, and a `member` key that was head or member of exactly that party at `at`. Everything
   * but the signature, which the caller checks (see `judgeRecord`).
   */
  judgePosition(record: PositionRecord, where: { workspaceId: string; docId: string }): Verdict {
    if (record.workspaceId !== where.workspaceId || record.workspaceId !== this.#workspaceId) {
      return invalid('wrong-workspace', `This position was given in another negotiation (workspace ${record.workspaceId}) and copied here.`);
    }
    if (record.docId !== where.docId) {
      return invalid('wrong-document', `This position was given on document ${record.docId} and copied onto this one.`);
    }
    if (this.view.convener === null) {
      return invalid('no-convener', 'Nobody has convened this workspace, so no key can speak for a party in it.');
    }
    if (!this.#everDefined.has(record.party)) {
      return invalid('unknown-party', `No party "${record.party}" was ever defined by the convener.`);
    }
    const intervals = this.#intervals.get(record.member) ?? [];
    const then = intervals.find((i) => activeAt(i, record.at));
    if (!then) {
      if (record.member === this.view.convener) {
        return invalid('not-authorised', `Signed by the convener, who speaks for no party unless admitted to one (${record.party}).`);
      }
      if (intervals.length === 0) return invalid('unknown-key', `Signed by a key the convener never admitted (${shortKey(record.member)}).`);
      const ended = intervals.filter((i) => i.removedAt !== null && i.removedAt <= record.at).at(-1);
      if (ended) {
        return invalid('removed', `${ended.party ?? 'The'}'s ${ROLE_WORDS[ended.role]} ${ended.name} was removed on ${shownTime(ended.removedAt!)}, before signing this (${shownTime(record.at)}).`);
      }
      const first = intervals[0]!;
      return invalid('not-enrolled-then', `Signed on ${shownTime(record.at)}, before ${first.name} was admitted (${shownTime(first.since)}).`);
    }
    if (then.role === 'observer') return invalid('observer', `Signed by ${then.name}, an observer; observers give no positions.`);
    if (then.party !== record.party) {
      return invalid('wrong-party', `Signed by ${then.name} of ${then.party ?? 'no party'} for ${record.party}; only ${record.party}'s delegation may give its positions.`);
    }
    return VALID;
  }
}

function sortEvents(events: RosterEvent[]): RosterEvent[] {
  const at = (e: RosterEvent) => (typeof (e.entry as { at?: unknown } | null)?.at === 'string' ? (e.entry as { at: string }).at : '');
  return events.sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The roster as it builds up while entries are applied in order. */
class Resolver {
  readonly parties = new Map<string, PartyState>();
  readonly intervals = new Map<string, Interval[]>();
  /** Valid claims by invitation id: the first one (in resolution order) keeps the invitation. */
  readonly claims = new Map<string, Claim>();
  convenerMember: RosterMember | null = null;

  constructor(
    private readonly workspaceId: string,
    private readonly convener: string,
    private readonly signatures: SignatureCache,
  ) {}

  apply(entry: RosterEntry): Verdict {
    if (entry.workspaceId !== this.workspaceId) {
      return invalid('wrong-workspace', `This entry belongs to another negotiation (workspace ${entry.workspaceId}) and was copied here.`);
    }
    switch (entry.action) {
      case 'convene':
        if (entry.signer !== this.convener) return invalid('not-authorised', `Only the convener pinned at creation may convene this workspace; signed by ${shortKey(entry.signer)}.`);
        if (this.convenerMember) return invalid('not-authorised', 'The workspace was already convened; a second convening counts for nothing.');
        this.convenerMember = { key: entry.signer, name: entry.name, role: 'convener', party: null, since: entry.at, removedAt: null, admittedBy: null };
        return VALID;
      case 'party': {
        if (entry.signer !== this.convener) return invalid('not-authorised', `Only the convener may define or change parties; signed by ${this.describe(entry.signer, entry.at)}.`);
        const existing = this.parties.get(entry.party);
        this.parties.set(entry.party, {
          code: entry.party,
          name: entry.name,
          colour: entry.colour,
          order: existing?.order ?? this.parties.size,
          retired: entry.retired === true,
        });
        return VALID;
      }
      case 'admit':
        return this.admit(entry);
      case 'remove':
        return this.remove(entry);
      case 'claim':
        return this.claim(entry);
    }
  }

  #active(key: string, at: string): Interval | undefined {
    return this.intervals.get(key)?.find((i) => activeAt(i, at));
  }

  private describe(key: string, at: string): string {
    return describeKey(this.convener, this.intervals, key, at);
  }

  private admit(entry: AdmitEntry): Verdict {
    const party = entry.party;
    if (entry.role === 'member') {
      const head = this.#active(entry.signer, entry.at);
      if (!head || head.role !== 'head' || head.party !== party) {
        const formerHead = this.intervals.get(entry.signer)?.find((i) => i.role === 'head' && i.party === party && i.removedAt !== null && i.removedAt <= entry.at);
        if (formerHead) return invalid('removed', `${party}'s head ${formerHead.name} was removed on ${shownTime(formerHead.removedAt!)}, before signing this.`);
        return invalid('not-authorised', `Only ${party}'s head of delegation may enrol its members; signed by ${this.describe(entry.signer, entry.at)}.`);
      }
    } else if (entry.signer !== this.convener) {
      return invalid('not-authorised', `Only the convener may admit a ${ROLE_WORDS[entry.role]}; signed by ${this.describe(entry.signer, entry.at)}.`);
    }
    if (party !== undefined) {
      const defined = this.parties.get(party);
      if (!defined || defined.retired) return invalid('unknown-party', `There is no party "${party}" at the table to admit ${entry.name} to.`);
    }
    const current = this.#active(entry.key, entry.at);
    if (current) {
      return invalid('key-in-use', `This key already belongs to ${current.name} (${ROLE_WORDS[current.role]}${current.party ? ` of ${current.party}` : ''}); a key speaks for one party at a time.`);
    }
    const list = this.intervals.get(entry.key) ?? [];
    list.push({ key: entry.key, name: entry.name, role: entry.role, party: party ?? null, since: entry.at, removedAt: null, admittedBy: entry.signer });
    this.intervals.set(entry.key, list);
    return VALID;
  }

  /**
   * A joiner enrolling their own key with an invitation: judged at the claim's own `at`, like any
   * entry, so every copy reaches the same verdict whoever is online. The invitation must verify,
   * be for this workspace, be claimed between its issue and its expiry, come from someone entitled
   * to invite that role then, and not be claimed yet; the key is then enrolled exactly as an
   * `admit` by the issuer would enrol it.
   */
  private claim(entry: ClaimEntry): Verdict {
    const inv = entry.invitation;
    if (inv.workspaceId !== this.workspaceId) {
      return invalid('wrong-workspace', `This claim's invitation is for another negotiation (workspace ${inv.workspaceId}).`);
    }
    const invitationId = recordId(inv);
    if (!this.signatures.check(invitationId, inv)) {
      return invalid('bad-signature', 'The invitation in this claim does not verify: it was altered after it was issued, or forged.');
    }
    if (entry.at < inv.at) return invalid('not-authorised', `Claimed on ${shownTime(entry.at)}, before the invitation was issued (${shownTime(inv.at)}).`);
    if (entry.at > inv.expires) {
      return invalid('invitation-expired', `Claimed on ${shownTime(entry.at)}, after the invitation expired (${shownTime(inv.expires)}); ask its sender for a new one.`);
    }
    const issuer = judgeIssuer(this.convener, this.intervals, this.parties, inv, entry.at);
    if (!issuer.valid) return issuer;
    const current = this.#active(entry.signer, entry.at);
    const earlier = this.claims.get(invitationId);
    if (earlier) {
      if (earlier.key === entry.signer && current) return invalid('key-in-use', `${current.name} already joined with this invitation (${shownTime(earlier.at)}).`);
      return invalid('invitation-used', `This invitation was already used by ${earlier.name} (${shownTime(earlier.at)}); one invitation admits one key.`);
    }
    if (current) {
      return invalid('key-in-use', `This key already belongs to ${current.name} (${ROLE_WORDS[current.role]}${current.party ? ` of ${current.party}` : ''}); a key speaks for one party at a time.`);
    }
    const list = this.intervals.get(entry.signer) ?? [];
    list.push({ key: entry.signer, name: entry.name, role: inv.role, party: inv.party, since: entry.at, removedAt: null, admittedBy: inv.issuer, via: 'invitation' });
    this.intervals.set(entry.signer, list);
    this.claims.set(invitationId, { key: entry.signer, name: entry.name, at: entry.at });
    return VALID;
  }

  private remove(entry: RemoveEntry): Verdict {
    const list = this.intervals.get(entry.key);
    if (!list) return invalid('unknown-key', `The key to remove (${shortKey(entry.key)}) was never admitted.`);
    const target = list.find((i) => activeAt(i, entry.at));
    if (!target) return invalid('removed', `${list.at(-1)!.name} was not on the roster at ${shownTime(entry.at)} (already removed or not yet admitted).`);
    if (entry.signer !== this.convener) {
      const head = this.#active(entry.signer, entry.at);
      if (!head || head.role !== 'head' || target.party === null || head.party !== target.party) {
        return invalid('not-authorised', `Only the convener or ${target.party ?? 'the party'}'s head of delegation may remove ${target.name}; signed by ${this.describe(entry.signer, entry.at)}.`);
      }
    }
    target.removedAt = entry.at;
    return VALID;
  }
}
