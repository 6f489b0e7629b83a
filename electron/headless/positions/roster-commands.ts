import type * as Y from 'yjs';
import { ChanceryError } from '../../../shared/errors';
import { invitationId } from '../../../shared/live/invitation';
import type { Invitation, MemberCard, RosterParty, RosterRole, UnsignedRosterEntry } from '../../../shared/positions/model';
import type { ResolvedRoster } from '../../../shared/positions/roster';
import { addRosterEntry, pinConvener, pinnedConvener } from '../../../shared/positions/roster-doc';
import { signRosterEntry, type Signer } from '../../../shared/positions/signing';
import { ORIGIN_COMMAND } from '../../../shared/sync/origins';
import { describeMember, requireAdmitter, requireConvener, requireRemover } from './authority';
import { cleanCard, cleanName, cleanParty, latestRosterAt, nextAt } from './record-builders';

/** What the roster commands need: the roster as resolved now, the manifest doc to write to. */
export interface RosterCommandHost {
  roster(): ResolvedRoster;
  manifest(): Y.Doc;
  readonly workspaceId: string;
  assertWritable(): void;
}

/**
 * The roster's signed commands: define, change or retire a party, admit or remove a key, convene
 * an unconvened workspace. Each checks the signer's authority against the resolved roster before
 * signing, dates the entry after every valid one this machine has seen (so the chain resolves in
 * the order the commands were given), and adds it to the manifest with the command origin, so the
 * hub stores it before any window or peer hears of it.
 */
export class RosterCommands {
  constructor(private readonly host: RosterCommandHost) {}

  setParty(signer: Signer, party: RosterParty): void {
    this.host.assertWritable();
    const roster = this.host.roster();
    const clean = cleanParty(party);
    const exists = roster.partyCodes().includes(clean.code);
    requireConvener(roster, signer.publicKey, exists ? `change party ${clean.code}` : 'add a party');
    this.#write(roster, signer, { action: 'party', party: clean.code, name: clean.name, colour: clean.colour });
  }

  retireParty(signer: Signer, code: string): void {
    this.host.assertWritable();
    const roster = this.host.roster();
    requireConvener(roster, signer.publicKey, `retire party ${code}`);
    const party = roster.view.parties.find((p) => p.code === code);
    if (!party) throw new ChanceryError('INVALID_ARGUMENT', `There is no party "${code}" at the table to retire; parties are ${roster.partyCodes().join(', ') || 'none'}.`);
    this.#write(roster, signer, { action: 'party', party: code, name: party.name, colour: party.colour, retired: true });
  }

  admit(signer: Signer, card: MemberCard, role: RosterRole, party: string | null): void {
    this.host.assertWritable();
    const roster = this.host.roster();
    if (!['head', 'member', 'observer'].includes(role)) {
      throw new ChanceryError('INVALID_ARGUMENT', `${JSON.stringify(role)} is not a role; choose head, member or observer.`);
    }
    if (role === 'observer' && party !== null) throw new ChanceryError('INVALID_ARGUMENT', `Observers belong to no party; admit them without one (got ${party}).`);
    if (role !== 'observer' && (party === null || !roster.partyCodes().includes(party))) {
      throw new ChanceryError('INVALID_ARGUMENT', `Choose the party to admit the ${role} to; ${JSON.stringify(party)} is not at the table (parties: ${roster.partyCodes().join(', ') || 'none'}).`);
    }
    requireAdmitter(roster, signer.publicKey, role, party);
    const clean = cleanCard(card);
    const current = roster.member(clean.key);
    if (current && current.role !== 'convener') {
      throw new ChanceryError('INVALID_ARGUMENT', `This key already belongs to ${describeMember(current)}; a key speaks for one party at a time. Remove it first.`);
    }
    this.#write(roster, signer, { action: 'admit', key: clean.key, name: clean.name, role, ...(party !== null ? { party } : {}) });
  }

  remove(signer: Signer, key: string): void {
    this.host.assertWritable();
    const roster = this.host.roster();
    const target = roster.member(key);
    if (!target || target.role === 'convener') {
      throw new ChanceryError('INVALID_ARGUMENT', `The key ${JSON.stringify(String(key).slice(0, 12))}… is not admitted to this workspace (or was removed already), so there is nothing to remove.`);
    }
    requireRemover(roster, signer.publicKey, target);
    this.#write(roster, signer, { action: 'remove', key });
  }

  /**
   * Enrols `signer`'s own key with an invitation (joining): a `claim` entry signed by the joiner,
   * which the roster judges exactly as it would an `admit` by the invitation's issuer. Checked
   * first against the roster as this copy has it, so a claim that could not count is never signed:
   * the invitation must be for this workspace, from someone entitled to issue it, not yet used by
   * another key, and still valid when the claim is dated. Claiming again with the same key is a no-op.
   */
  claim(signer: Signer, invitation: Invitation, name: string): void {
    this.host.assertWritable();
    const roster = this.host.roster();
    if (invitation.workspaceId !== this.host.workspaceId) {
      throw new ChanceryError('INVALID_INVITATION', `This invitation is for another negotiation (workspace ${invitation.workspaceId}), not this one (${this.host.workspaceId}).`);
    }
    const claimedBy = roster.claimOf(invitationId(invitation));
    if (claimedBy === signer.publicKey) return;
    if (claimedBy !== null) throw new ChanceryError('NOT_AUTHORISED', 'This invitation was already used by another key; one invitation admits one key. Ask its sender for a new one.');
    const current = roster.member(signer.publicKey);
    if (current) throw new ChanceryError('INVALID_ARGUMENT', `Your key already belongs to ${describeMember(current)} in this workspace; a key speaks for one party at a time.`);
    const clean = cleanName(name, 'name');
    const latest = latestRosterAt(roster.view);
    const at = nextAt(latest !== null && latest > invitation.at ? latest : invitation.at);
    if (at > invitation.expires) {
      throw new ChanceryError('INVITATION_EXPIRED', `This invitation expired on ${invitation.expires.slice(0, 10)} ${invitation.expires.slice(11, 16)} UTC; ask its sender for a new one.`);
    }
    const issuer = roster.authorisedIssuer(invitation, at);
    if (!issuer.valid) throw new ChanceryError('NOT_AUTHORISED', `This invitation cannot enrol you: ${issuer.message}`);
    const unsigned: UnsignedRosterEntry = { v: 1, workspaceId: this.host.workspaceId, at, signer: signer.publicKey, action: 'claim', name: clean, invitation };
    addRosterEntry(this.host.manifest(), signRosterEntry(unsigned, signer), ORIGIN_COMMAND);
  }

  /** Pins `signer` as the convener, self-signs the convening and signs a party entry per legacy party. */
  convene(signer: Signer, name: string, parties: RosterParty[]): void {
    this.host.assertWritable();
    const manifest = this.host.manifest();
    const pinned = pinnedConvener(manifest);
    if (pinned !== null) throw new ChanceryError('NOT_AUTHORISED', `This workspace was already convened (convener key ${pinned.slice(0, 8)}…); it cannot be convened again.`);
    const clean = cleanName(name, "convener's name");
    const at = nextAt(null);
    const entries = conveningEntries(this.host.workspaceId, signer, clean, parties.map(cleanParty), at);
    manifest.transact(() => {
      pinConvener(manifest, signer.publicKey, ORIGIN_COMMAND);
      for (const entry of entries) addRosterEntry(manifest, entry, ORIGIN_COMMAND);
    }, ORIGIN_COMMAND);
  }

  #write(roster: ResolvedRoster, signer: Signer, fields: DistributiveOmit<UnsignedRosterEntry, 'v' | 'workspaceId' | 'at' | 'signer'>): void {
    const unsigned = { v: 1, workspaceId: this.host.workspaceId, at: nextAt(latestRosterAt(roster.view)), signer: signer.publicKey, ...fields } as UnsignedRosterEntry;
    addRosterEntry(this.host.manifest(), signRosterEntry(unsigned, signer), ORIGIN_COMMAND);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The entries that convene a workspace: the self-signed `convene` at `at`, then one `party` entry
 * per party 1 ms apart (so they resolve in the order given). Used when a workspace is created
 * with a convener and when an unconvened one is claimed.
 */
export function conveningEntries(workspaceId: string, signer: Signer, name: string, parties: RosterParty[], at: string) {
  const start = Date.parse(at);
  const base = { v: 1 as const, workspaceId, signer: signer.publicKey };
  return [
    signRosterEntry({ ...base, at, action: 'convene', name }, signer),
    ...parties.map((p, i) => signRosterEntry({ ...base, at: new Date(start + 1 + i).toISOString(), action: 'party', party: p.code, name: p.name, colour: p.colour }, signer)),
  ];
}
