import { useId, useState, type FormEvent } from 'react';
import type { LiveStatus } from '../../../shared/live/live-model';
import type { RosterState } from '../../../shared/positions/model';
import { Dialog } from '../components/Dialog';
import { useApi } from '../app/app-context';
import { ActionAlert } from '../workspace/roster/ActionAlert';
import { useAction } from '../workspace/roster/use-action';
import { CopyableText } from './CopyableText';
import { defaultExpiryDate, expiryFromDate } from './live-text';

type Role = 'head' | 'member' | 'observer';

const ROLE_LABELS: Record<Role, string> = { head: 'Head of delegation', member: 'Delegate', observer: 'Observer' };

interface InviteDialogProps {
  roster: RosterState;
  status: LiveStatus;
  onClose: () => void;
}

/** The roles and parties this installation may invite to: the convener any; a head delegates of its own party. */
export function inviteChoices(roster: RosterState): { roles: Role[]; parties: { code: string; name: string }[] } {
  const convener = roster.me !== null && roster.roster.convener === roster.me.key;
  if (convener) return { roles: ['head', 'member', 'observer'], parties: roster.roster.parties };
  if (roster.me?.role === 'head' && roster.me.party) {
    return { roles: ['member'], parties: roster.roster.parties.filter((p) => p.code === roster.me?.party) };
  }
  return { roles: [], parties: [] };
}

/**
 * "Invite…": signs an invitation for a party and role with an expiry, to the relay address (the
 * hosted relay's first address, or the relay this workspace uses). The result is one text to
 * copy into a message or save as a file; joining with it needs nobody to be online.
 */
export function InviteDialog({ roster, status, onClose }: InviteDialogProps) {
  const api = useApi();
  const ids = { party: useId(), role: useId(), expiry: useId(), relay: useId() };
  const choices = inviteChoices(roster);
  const [role, setRole] = useState<Role>(choices.roles.includes('head') ? 'head' : (choices.roles[0] ?? 'member'));
  const [party, setParty] = useState(choices.parties[0]?.code ?? '');
  const [expiry, setExpiry] = useState(defaultExpiryDate());
  const [relay, setRelay] = useState(status.hosting?.addresses[0] ?? status.relay ?? '');
  const [text, setText] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const { busy, error, run } = useAction();

  const expires = expiryFromDate(expiry);
  const needsParty = role !== 'observer';
  const ready = expires !== null && relay.trim() !== '' && (!needsParty || party !== '');

  const create = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy || expires === null) return;
    setNotice('');
    void run(() => api.live.createInvitation(needsParty ? party : null, role, expires, relay.trim()), setText);
  };
  const save = () => {
    if (text === null) return;
    void run(
      () => api.live.saveInvitation(text),
      (saved) => {
        if (typeof saved === 'string') setNotice(`Invitation saved to ${saved}.`);
      },
    );
  };

  return (
    <Dialog title="Invite" onClose={onClose}>
      <form className="dialog-form live-dialog" onSubmit={create} noValidate>
        <label htmlFor={ids.role} className="field-label">
          Role
        </label>
        <select id={ids.role} className="field-input" value={role} data-testid="live-invite-role" onChange={(e) => setRole(e.target.value as Role)}>
          {choices.roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <label htmlFor={ids.party} className="field-label">
          Party
        </label>
        <select
          id={ids.party}
          className="field-input"
          value={needsParty ? party : ''}
          disabled={!needsParty}
          data-testid="live-invite-party"
          onChange={(e) => setParty(e.target.value)}
        >
          {!needsParty && <option value="">None (observers sit in no delegation)</option>}
          {needsParty &&
            choices.parties.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name} ({p.code})
              </option>
            ))}
        </select>
        <label htmlFor={ids.expiry} className="field-label">
          Expires at the end of
        </label>
        <input id={ids.expiry} className="field-input" type="date" value={expiry} data-testid="live-invite-expiry" onChange={(e) => setExpiry(e.target.value)} />
        <label htmlFor={ids.relay} className="field-label">
          Relay address
        </label>
        <input
          id={ids.relay}
          className="field-input"
          value={relay}
          placeholder="ws://192.168.1.20:4455"
          spellCheck={false}
          data-testid="live-invite-relay"
          onChange={(e) => setRelay(e.target.value)}
        />
        {choices.roles.length === 0 && <p className="field-hint">Only the convener and heads of delegation may invite.</p>}
        {text !== null && (
          <CopyableText label="Invitation" text={text} rows={4} copyLabel="Copy invitation" testId="live-invite-text">
            <button type="button" className="button small" disabled={busy} data-testid="live-invite-save" onClick={save}>
              Save to file…
            </button>
          </CopyableText>
        )}
        {notice && (
          <p className="field-hint" role="status">
            {notice}
          </p>
        )}
        <ActionAlert message={error} />
        <div className="dialog-buttons">
          <button type="submit" className="button primary" disabled={busy || !ready || choices.roles.length === 0} data-testid="live-invite-create">
            Create invitation
          </button>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </Dialog>
  );
}
