import { useId, useMemo, useState, type FormEvent } from 'react';
import type { MemberCard, RosterParty, RosterRole, RosterState } from '../../../../shared/positions/model';
import { encodeMemberCard, parseMemberCard } from '../../../../shared/positions/member-card';
import { useApi } from '../../app/app-context';
import { Dialog } from '../../components/Dialog';
import { ActionAlert } from './ActionAlert';
import { keyFingerprint } from './key-fingerprint';
import { roleLabel } from './roster-view';
import { useAction } from './use-action';

interface AdmitDialogProps {
  /** What the card's key is admitted as: a head (convener), a member (a head), an observer (convener). */
  role: RosterRole;
  /** The parties offered in "Party": every party for a head, the head's own for a member, none for an observer. */
  parties: readonly RosterParty[];
  onAdmitted: (state: RosterState) => void;
  onClose: () => void;
}

/** The card in the text box, read as main will read it, to show whom it admits; null while it is not a card. */
function readCard(text: string): MemberCard | null {
  if (text.trim() === '') return null;
  try {
    return parseMemberCard(text);
  } catch {
    // Not a card (yet): the user may be mid-paste. "Admit" asks main, which says what is wrong.
    return null;
  }
}

/**
 * "Admit member": enrols a delegate's key from the member card they sent (pasted, or loaded from
 * the file they handed over), with no network. Before admitting, the card's name and fingerprint
 * are shown, so the head can compare the fingerprint with the delegate by phone.
 */
export function AdmitDialog({ role, parties, onAdmitted, onClose }: AdmitDialogProps) {
  const api = useApi();
  const cardId = useId();
  const partyId = useId();
  const [text, setText] = useState('');
  const [party, setParty] = useState(parties[0]?.code ?? '');
  const { busy, error, setError, run } = useAction();
  const card = useMemo(() => readCard(text), [text]);
  const needsParty = role !== 'observer';

  const load = () =>
    void run(
      () => api.identity.loadMemberCard(),
      (loaded) => {
        if ('canceled' in loaded) return;
        setText(encodeMemberCard(loaded));
      },
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      setError('Paste the member card the delegate sent you, or load it from their card file.');
      return;
    }
    if (needsParty && !party) {
      setError('Choose the party this key is admitted to.');
      return;
    }
    void run(
      () => api.roster.admit(text.trim(), role, needsParty ? party : null),
      (state) => {
        onAdmitted(state);
        onClose();
      },
    );
  };

  return (
    <Dialog title="Admit member" onClose={onClose}>
      <form className="dialog-form admit-form" onSubmit={submit} noValidate>
        <p className="admit-role">
          Role: <strong>{roleLabel(role)}</strong>
        </p>
        {needsParty && (
          <>
            <label htmlFor={partyId} className="field-label">
              Party
            </label>
            <select id={partyId} className="field-input" value={party} onChange={(event) => setParty(event.target.value)}>
              {parties.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name} ({p.code})
                </option>
              ))}
            </select>
          </>
        )}

        <label htmlFor={cardId} className="field-label">
          Member card
        </label>
        <textarea
          id={cardId}
          className="field-input card-text"
          rows={3}
          value={text}
          spellCheck={false}
          autoFocus
          placeholder="chancery-member-card:…"
          onChange={(event) => setText(event.target.value)}
        />
        <div className="admit-load">
          <button type="button" className="button small" disabled={busy} onClick={load}>
            Load card from file…
          </button>
        </div>

        {card && (
          <div className="card-preview" aria-live="polite">
            <p>
              Admits <strong>{card.name}</strong> as {roleLabel(role).toLowerCase()}
              {needsParty && party ? ` of ${party}` : ''}.
            </p>
            <p className="muted">Compare this fingerprint with {card.name} by phone or in person before admitting:</p>
            <p className="fingerprint">{keyFingerprint(card.key)}</p>
          </div>
        )}

        <ActionAlert message={error} />
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Admit
          </button>
        </div>
      </form>
    </Dialog>
  );
}
