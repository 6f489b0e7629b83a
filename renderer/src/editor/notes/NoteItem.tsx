import { useState, type FormEvent } from 'react';
import type { DelegationNote } from '../../../../shared/notes/note-model';
import { MAX_NOTE_TEXT } from '../../../../shared/notes/note-schema';
import { errorMessage } from '../../app/app-context';
import { formatTime } from '../positions/gutter-model';

interface NoteItemProps {
  note: DelegationNote;
  onEdit: (text: string) => Promise<unknown>;
  onDelete: () => Promise<unknown>;
}

type Mode = 'show' | 'edit' | 'confirm-delete';

/** One note: who wrote it and when, its text, and Edit / Delete (asked once more before deleting). */
export function NoteItem({ note, onEdit, onDelete }: NoteItemProps) {
  const [mode, setMode] = useState<Mode>('show');
  const [draft, setDraft] = useState(note.text);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>, after: Mode | null) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      if (after) setMode(after);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && draft.trim() !== '') void run(() => onEdit(draft), 'show');
  };

  return (
    <li className="note" data-testid="note" data-note-id={note.id}>
      <p className="note-meta">
        <span className="note-author" data-testid="note-author">
          {note.author}
        </span>
        <time className="note-time" dateTime={note.at} data-testid="note-time">
          {formatTime(note.at)}
        </time>
      </p>
      {mode === 'edit' ? (
        <form className="note-form" onSubmit={save}>
          <textarea
            aria-label="Edit note"
            className="field-input note-input"
            value={draft}
            maxLength={MAX_NOTE_TEXT}
            rows={4}
            data-testid="note-edit-input"
            onChange={(e) => setDraft(e.target.value)}
          />
          <div className="note-actions">
            <button type="submit" className="button small primary" disabled={busy || draft.trim() === ''} data-testid="note-save">
              Save note
            </button>
            <button type="button" className="button small" disabled={busy} onClick={() => (setMode('show'), setDraft(note.text))}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p className="note-text" data-testid="note-text">
          {note.text}
        </p>
      )}
      {mode === 'show' && (
        <div className="note-actions">
          <button type="button" className="button small" data-testid="note-edit" onClick={() => (setDraft(note.text), setMode('edit'))}>
            Edit
          </button>
          <button type="button" className="button small" data-testid="note-delete" onClick={() => setMode('confirm-delete')}>
            Delete
          </button>
        </div>
      )}
      {mode === 'confirm-delete' && (
        <div className="note-actions" role="group" aria-label="Delete this note?">
          <span className="note-confirm">Delete this note for the whole delegation?</span>
          <button type="button" className="button small danger" disabled={busy} data-testid="note-delete-confirm" onClick={() => void run(onDelete, null)}>
            Delete note
          </button>
          <button type="button" className="button small" disabled={busy} onClick={() => setMode('show')}>
            Keep
          </button>
        </div>
      )}
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
