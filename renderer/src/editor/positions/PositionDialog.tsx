import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { errorMessage } from '../../app/app-context';
import { STATUS_LABELS } from '../../../../shared/positions/labels';
import type { PartyPosition, PositionStatus } from '../../../../shared/positions/model';
import { MAX_COMMENT_LENGTH, MAX_PROPOSAL_LENGTH } from '../../../../shared/positions/record-schema';

/** The statuses a member can choose, in the order the dialog offers them. */
const CHOICES = ['accepted', 'accepted-ad-ref', 'reserved', 'disputed'] as const;
type Choice = (typeof CHOICES)[number];

interface PositionDialogProps {
  /** The clause's shown number ("5 bis"). */
  number: string;
  /** The member's own party: its code, and its name when the roster has one. */
  party: { code: string; name: string | null };
  /** The party's current position on the clause, if main has reported one. */
  current: PartyPosition | undefined;
  /** Signs and stores; a rejection (e.g. NOT_AUTHORISED) is shown in the dialog. */
  onSubmit: (status: PositionStatus, comment: string | null, proposal: string | null) => Promise<void>;
  onClose: () => void;
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/**
 * "Position on clause N" (e2e/UI-CONTRACT.md): the member sets, changes or withdraws their own
 * party's position, with a comment and, when disputing, proposed wording. Main signs it with the
 * installation's key and refuses what the member may not do; the refusal's message is shown here,
 * inside the dialog, where it can be read.
 */
export function PositionDialog({ number, party, current, onSubmit, onClose }: PositionDialogProps) {
  const held = current && current.status !== 'open' ? current : undefined;
  const [status, setStatus] = useState<Choice | null>(held ? (held.status as Choice) : null);
  const [comment, setComment] = useState(held?.record?.comment ?? '');
  const [proposal, setProposal] = useState(held?.record?.proposal ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const commentId = useId();
  const proposalId = useId();
  const groupName = `${useId()}-status`;

  const run = async (chosen: PositionStatus, text: string | null, wording: string | null) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(chosen, text, wording);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (status && !busy) void run(status, orNull(comment), status === 'disputed' ? orNull(proposal) : null);
  };

  // A withdrawal carries a comment only if the member wrote one for it, not the old position's.
  const withdraw = () => void run('withdrawn', comment === (held?.record?.comment ?? '') ? null : orNull(comment), null);

  const who = party.name ? `${party.name} (${party.code})` : party.code;
  return (
    <Dialog title={`Position on clause ${number}`} onClose={onClose} description={`You speak for ${who}. The position is signed with your key.`}>
      <form className="dialog-form position-form" onSubmit={save} noValidate>
        <div role="radiogroup" aria-label="Status" className="position-choices">
          {CHOICES.map((choice) => (
            <label key={choice} className="position-choice" data-status={choice}>
              <input
                type="radio"
                name={groupName}
                value={choice}
                checked={status === choice}
                onChange={() => setStatus(choice)}
              />
              {STATUS_LABELS[choice]}
            </label>
          ))}
        </div>
        {held?.stale && <p className="position-note">Your party’s current position was given on an earlier wording of this clause.</p>}
        <label htmlFor={commentId} className="field-label">
          Comment
        </label>
        <textarea
          id={commentId}
          className="field-input position-text"
          rows={2}
          maxLength={MAX_COMMENT_LENGTH}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
        {status === 'disputed' && (
          <>
            <label htmlFor={proposalId} className="field-label">
              Proposed wording
            </label>
            <textarea
              id={proposalId}
              className="field-input position-text"
              rows={3}
              maxLength={MAX_PROPOSAL_LENGTH}
              value={proposal}
              onChange={(event) => setProposal(event.target.value)}
            />
          </>
        )}
        {error && (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          {held && (
            <button type="button" className="button danger position-withdraw" disabled={busy} onClick={withdraw}>
              Withdraw position
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || status === null}>
            Save position
          </button>
        </div>
      </form>
    </Dialog>
  );
}
