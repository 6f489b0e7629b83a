import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { IdentityView } from '../../../shared/positions/model';
import { errorMessage, useApi } from '../app/app-context';
import { Dialog } from '../components/Dialog';
import { ActionAlert } from '../workspace/roster/ActionAlert';
import { useAction } from '../workspace/roster/use-action';
import { copyShortcut, protectionNote } from './settings-text';

/**
 * "Settings" (e2e/UI-CONTRACT.md, "Settings"): this installation's member identity. The display
 * name goes on the member card and on roster entries signed from now on; the fingerprint is what
 * a delegate reads out to their head of delegation by phone; the member card (public key and
 * name) is what they send to be enrolled, as text or as a file. The private key stays in main.
 */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const nameId = useId();
  const cardId = useId();
  const cardRef = useRef<HTMLTextAreaElement>(null);
  const [identity, setIdentity] = useState<IdentityView | null>(null);
  const [card, setCard] = useState('');
  const [name, setName] = useState('');
  const [notice, setNotice] = useState('');
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    let live = true;
    Promise.all([api.identity.get(), api.identity.memberCard()]).then(
      ([view, text]) => {
        if (!live) return;
        setIdentity(view);
        setName(view.name);
        setCard(text);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [api, setError]);

  const trimmed = name.trim();
  const saveName = (event: FormEvent) => {
    event.preventDefault();
    if (!trimmed || busy) return;
    setNotice('');
    void run(
      async () => {
        const view = await api.identity.setName(trimmed);
        // The card carries the name, so it changes with it.
        return { view, text: await api.identity.memberCard() };
      },
      ({ view, text }) => {
        setIdentity(view);
        setName(view.name);
        setCard(text);
        setNotice('Name saved. Your member card now carries it.');
      },
    );
  };

  const copyCard = async () => {
    setNotice('');
    try {
      await navigator.clipboard.writeText(card);
      setNotice('Member card copied. Paste it into a message to your head of delegation.');
    } catch {
      // No clipboard access here (a permission, an unfocused window): select it for the user to copy.
      cardRef.current?.focus();
      cardRef.current?.select();
      setNotice(`Chancery may not use the clipboard here: the card is selected, press ${copyShortcut(navigator.platform)} to copy it.`);
    }
  };

  const saveCard = () => {
    setNotice('');
    void run(
      () => api.identity.saveMemberCard(),
      (saved) => {
        if (typeof saved === 'string') setNotice(`Member card saved to ${saved}.`);
      },
    );
  };

  return (
    <Dialog title="Settings" onClose={onClose}>
      <div className="settings-dialog">
        <form className="settings-name" onSubmit={saveName} noValidate>
          <label htmlFor={nameId} className="field-label">
            Display name
          </label>
          <div className="settings-inline">
            <input
              id={nameId}
              className="field-input"
              type="text"
              value={name}
              maxLength={200}
              disabled={!identity}
              onChange={(event) => setName(event.target.value)}
            />
            <button type="submit" className="button" disabled={busy || !identity || !trimmed || trimmed === identity.name}>
              Save name
            </button>
          </div>
          <p className="field-hint">Shown to the other delegations on your member card and on the roster entries you sign.</p>
        </form>

        <div className="settings-block">
          <p className="field-label">Your key fingerprint</p>
          <p className="fingerprint large" data-testid="fingerprint">
            {identity?.fingerprint ?? '…'}
          </p>
          <p className="field-hint">Read it out to your head of delegation by phone or in person when they enrol you.</p>
        </div>

        <div className="settings-block">
          <label htmlFor={cardId} className="field-label">
            Your member card
          </label>
          <textarea
            id={cardId}
            ref={cardRef}
            className="field-input card-text"
            rows={3}
            readOnly
            value={card}
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
          />
          <div className="settings-inline end">
            <button type="button" className="button" disabled={!card} onClick={() => void copyCard()}>
              Copy member card
            </button>
            <button type="button" className="button" disabled={busy || !card} onClick={saveCard}>
              Save member card…
            </button>
          </div>
        </div>

        {identity && <p className="settings-protection">{protectionNote(identity.protection)}</p>}

        <p className="settings-notice" role="status">
          {notice}
        </p>
        <ActionAlert message={error} />
        <div className="dialog-buttons">
          <button type="button" className="button primary" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}
