import { useId, useState, type FormEvent } from 'react';
import type { RosterParty, RosterState } from '../../../../shared/positions/model';
import { useApi } from '../../app/app-context';
import { Dialog } from '../../components/Dialog';
import { ActionAlert } from './ActionAlert';
import { normaliseColour, partyFormProblem, suggestColour } from './party-form';
import { useAction } from './use-action';

interface PartyDialogProps {
  /** The party to edit; null to add one. */
  editing: RosterParty | null;
  /** Every active party (to suggest a free colour and refuse a code twice). */
  parties: readonly RosterParty[];
  onSaved: (state: RosterState) => void;
  onClose: () => void;
}

/**
 * "Party" (convener only): code, name and colour of a party, signed as a roster entry by main.
 * The colour has a text box (for an exact value, and for keyboard and test use) and a colour
 * picker kept in step with it. Editing also offers to retire the party, after a confirmation.
 */
export function PartyDialog({ editing, parties, onSaved, onClose }: PartyDialogProps) {
  const api = useApi();
  const ids = { code: useId(), name: useId(), colour: useId() };
  const [code, setCode] = useState(editing?.code ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [colour, setColour] = useState(editing?.colour ?? suggestColour(parties));
  const [confirmRetire, setConfirmRetire] = useState(false);
  const { busy, error, setError, run } = useAction();
  const done = (state: RosterState) => {
    onSaved(state);
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = { code: code.trim(), name: name.trim(), colour };
    const problem = partyFormProblem(form, parties, editing);
    if (problem) {
      setError(problem);
      return;
    }
    void run(() => api.roster.setParty({ ...form, colour: normaliseColour(colour)! }), done);
  };

  const picked = normaliseColour(colour) ?? '#000000';

  return (
    <Dialog title="Party" onClose={onClose}>
      <form className="dialog-form party-form" onSubmit={submit} noValidate>
        <label htmlFor={ids.code} className="field-label">
          Code
        </label>
        <input
          id={ids.code}
          className="field-input code"
          type="text"
          value={code}
          maxLength={64}
          readOnly={editing !== null}
          autoFocus={editing === null}
          placeholder="e.g. EU"
          onChange={(event) => setCode(event.target.value)}
        />
        {editing && <p className="field-hint">A party keeps its code: positions and roster entries refer to it.</p>}

        <label htmlFor={ids.name} className="field-label">
          Name
        </label>
        <input
          id={ids.name}
          className="field-input"
          type="text"
          value={name}
          maxLength={200}
          autoFocus={editing !== null}
          placeholder="e.g. European Union"
          onChange={(event) => setName(event.target.value)}
        />

        <label htmlFor={ids.colour} className="field-label">
          Colour
        </label>
        <div className="colour-field">
          <input
            type="color"
            className="colour-picker"
            aria-label="Palette"
            title="Choose from a palette"
            value={picked}
            onChange={(event) => setColour(event.target.value)}
          />
          <input
            id={ids.colour}
            className="field-input code"
            type="text"
            value={colour}
            maxLength={7}
            spellCheck={false}
            onChange={(event) => setColour(event.target.value)}
          />
        </div>

        <ActionAlert message={error} />

        {editing && confirmRetire && (
          <div className="retire-confirm">
            <p>
              Retire {editing.code} ({editing.name})? It leaves the table: its positions stay in the history but no longer count, and
              every copy of the roster records that you retired it.
            </p>
            <div className="dialog-buttons">
              <button type="button" className="button" onClick={() => setConfirmRetire(false)}>
                Keep party
              </button>
              <button
                type="button"
                className="button danger"
                disabled={busy}
                onClick={() => void run(() => api.roster.retireParty(editing.code), done)}
              >
                Retire {editing.code}
              </button>
            </div>
          </div>
        )}

        <div className="dialog-buttons">
          {editing && !confirmRetire && (
            <button type="button" className="button subtle-danger push-left" onClick={() => setConfirmRetire(true)}>
              Retire party…
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Save party
          </button>
        </div>
      </form>
    </Dialog>
  );
}
