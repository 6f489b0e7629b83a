import { useState } from 'react';
import type { RosterMember, RosterParty, RosterRole, RosterState } from '../../../../shared/positions/model';
import { useApi } from '../../app/app-context';
import { Dialog } from '../../components/Dialog';
import { swatchStyle } from '../party-colour';
import { ActionAlert } from './ActionAlert';
import { AdmitDialog } from './AdmitDialog';
import { keyFingerprint } from './key-fingerprint';
import { PartyDialog } from './PartyDialog';
import { rosterPermissions } from './roster-permissions';
import { membersOf, nameOfKey, observersOf, removedText, roleLabel } from './roster-view';
import { RosterHistory } from './RosterHistory';
import { useAction } from './use-action';

interface RosterDialogProps {
  state: RosterState;
  /** Shows the roster a command resolved to (the `roster.changed` event brings it too). */
  onChanged: (state: RosterState) => void;
  onClose: () => void;
}

type Sub = { kind: 'party'; editing: RosterParty | null } | { kind: 'admit'; role: RosterRole } | null;

interface MemberRowProps {
  member: RosterMember;
  isMe: boolean;
  canRemove: boolean;
  busy: boolean;
  onRemove: () => void;
}

function MemberRow({ member, isMe, canRemove, busy, onRemove }: MemberRowProps) {
  const removed = removedText(member);
  return (
    <li className={removed ? 'roster-member removed' : 'roster-member'}>
      <div className="roster-member-main">
        <span className="roster-member-name">
          {member.name}
          {isMe && <span className="roster-you"> (you)</span>}
        </span>{' '}
        <span className="roster-member-role">{roleLabel(member.role)}</span>
        {removed && <span className="roster-removed"> {removed}</span>}
        <span className="fingerprint" title="Key fingerprint: compare it with this delegate by phone">
          {keyFingerprint(member.key)}
        </span>
      </div>
      {canRemove && (
        <button type="button" className="button small" disabled={busy} onClick={onRemove}>
          Remove {member.name}
        </button>
      )}
    </li>
  );
}

/** Where this installation stands, in one sentence at the top of the dialog. */
function whoAmI(state: RosterState): string {
  const { me, roster } = state;
  if (!me) return 'You are not in this roster. Send your member card (Settings) to your head of delegation to be enrolled.';
  const roles = roster.members
    .filter((m) => m.key === me.key && m.removedAt === null)
    .map((m) => (m.party ? `${roleLabel(m.role).toLowerCase()} of ${m.party}` : roleLabel(m.role).toLowerCase()));
  if (roles.length === 0) return `You (${me.name}) were removed from this roster ${removedText(me)?.replace(/^removed /u, '') ?? ''}.`;
  return `You are ${me.name}: ${roles.join(' and ')}.`;
}

/**
 * "Roster" (e2e/UI-CONTRACT.md, "Roster"): the parties with their members, the observers, and the
 * signed history of the roster with a verdict for each entry. Each action is offered only to
 * whoever may sign it (see roster-permissions.ts); main checks again and signs with the
 * installation's key, which never reaches this window.
 */
export function RosterDialog({ state, onChanged, onClose }: RosterDialogProps) {
  const api = useApi();
  const [sub, setSub] = useState<Sub>(null);
  const { busy, error, run } = useAction();
  const { roster, me } = state;
  const may = rosterPermissions(state);
  const myKey = me?.key ?? null;
  const observers = observersOf(roster);
  const enrolParty = roster.parties.filter((p) => p.code === may.enrolInto);

  const row = (member: RosterMember) => (
    <MemberRow
      key={`${member.key}:${member.party ?? ''}:${member.since}`}
      member={member}
      isMe={member.key === myKey}
      canRemove={may.canRemove(member)}
      busy={busy}
      onRemove={() => void run(() => api.roster.remove(member.key), onChanged)}
    />
  );

  return (
    <>
      <Dialog title="Roster" onClose={onClose}>
        <div className="roster-dialog">
          <p className="roster-me">{whoAmI(state)}</p>
          {roster.convener ? (
            <p className="roster-convener">
              Convened by <strong>{nameOfKey(roster, roster.convener)}</strong>{' '}
              <span className="fingerprint">{keyFingerprint(roster.convener)}</span>
            </p>
          ) : (
            <p className="muted">
              Nobody has convened this negotiation: it was made before signed rosters, so its parties are not signed and no signed
              position can count yet.
            </p>
          )}

          <section className="roster-section" aria-label="Parties and members">
            <div className="roster-section-heading">
              <h3>Parties</h3>
              {may.editParties && (
                <button type="button" className="button small" onClick={() => setSub({ kind: 'party', editing: null })}>
                  Add party
                </button>
              )}
            </div>
            <ul aria-label="Parties" className="roster-parties">
              {roster.parties.map((party) => {
                const members = membersOf(roster, party.code);
                return (
                  <li key={party.code} className="roster-party">
                    <div className="roster-party-heading">
                      <span className="party-swatch" style={swatchStyle(party.colour)} aria-hidden="true" />
                      <span className="party-name">{party.name}</span>
                      <span className="party-code">{party.code}</span>
                      {may.editParties && (
                        <button
                          type="button"
                          className="button small"
                          aria-label={`Edit ${party.code}`}
                          onClick={() => setSub({ kind: 'party', editing: party })}
                        >
                          Edit
                        </button>
                      )}
                    </div>
                    <ul aria-label={`Members of ${party.code}`} className="roster-members">
                      {members.map(row)}
                    </ul>
                    {members.length === 0 && <p className="muted roster-empty">No head of delegation admitted yet.</p>}
                  </li>
                );
              })}
            </ul>
            {roster.parties.length === 0 && <p className="muted roster-empty">No parties at the table yet.</p>}
            {(may.admitHead || may.enrolInto || may.admitObserver) && (
              <div className="roster-actions">
                {may.admitHead && (
                  <button
                    type="button"
                    className="button"
                    disabled={roster.parties.length === 0}
                    title={roster.parties.length === 0 ? 'Add a party first' : undefined}
                    onClick={() => setSub({ kind: 'admit', role: 'head' })}
                  >
                    Admit head of delegation
                  </button>
                )}
                {may.enrolInto && (
                  <button type="button" className="button" onClick={() => setSub({ kind: 'admit', role: 'member' })}>
                    Enrol member
                  </button>
                )}
                {may.admitObserver && (
                  <button type="button" className="button" onClick={() => setSub({ kind: 'admit', role: 'observer' })}>
                    Admit observer
                  </button>
                )}
              </div>
            )}
          </section>

          <section className="roster-section" aria-labelledby="roster-observers-heading">
            <h3 id="roster-observers-heading">Observers</h3>
            <ul aria-label="Observers" className="roster-members">
              {observers.map(row)}
            </ul>
            {observers.length === 0 && <p className="muted roster-empty">No observers.</p>}
          </section>

          <section className="roster-section" aria-labelledby="roster-history-heading">
            <h3 id="roster-history-heading">Roster history</h3>
            <RosterHistory roster={roster} />
          </section>

          <ActionAlert message={error} />
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      </Dialog>

      {sub?.kind === 'party' && (
        <PartyDialog editing={sub.editing} parties={roster.parties} onSaved={onChanged} onClose={() => setSub(null)} />
      )}
      {sub?.kind === 'admit' && (
        <AdmitDialog
          role={sub.role}
          parties={sub.role === 'member' ? enrolParty : sub.role === 'head' ? roster.parties : []}
          onAdmitted={onChanged}
          onClose={() => setSub(null)}
        />
      )}
    </>
  );
}
