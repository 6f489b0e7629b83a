import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../components/Dialog';
import { errorMessage } from '../app/app-context';

/** Document titles are limited like this by main's argument validation (shared/ipc/validation). */
const MAX_TITLE = 200;

/** Runs an async action for a dialog: busy while it runs, its error shown inside the dialog. */
function useDialogAction(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (err) {
      // Shown in the dialog: the page's banner sits behind the modal, where it cannot be read.
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function DialogError({ message }: { message: string | null }) {
  return message ? (
    <p className="dialog-error" role="alert">
      {message}
    </p>
  ) : null;
}

interface TitleDialogProps {
  /** "New document" or "Rename document". */
  heading: string;
  /** "Add" or "Rename". */
  submitLabel: string;
  initialTitle?: string;
  onSubmit: (title: string) => Promise<unknown>;
  onClose: () => void;
}

/** Asks for a document title: the "New document" and "Rename document" dialogs. */
export function TitleDialog({ heading, submitLabel, initialTitle = '', onSubmit, onClose }: TitleDialogProps) {
  const [title, setTitle] = useState(initialTitle);
  const inputId = useId();
  const { busy, error, run } = useDialogAction(onClose);
  const trimmed = title.trim();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed && !busy) void run(() => onSubmit(trimmed));
  };

  return (
    <Dialog title={heading} onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <label htmlFor={inputId} className="field-label">
          Title
        </label>
        <input
          id={inputId}
          className="field-input"
          type="text"
          value={title}
          maxLength={MAX_TITLE}
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
          onChange={(event) => setTitle(event.target.value)}
        />
        <DialogError message={error} />
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || !trimmed || trimmed === initialTitle}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface ConfirmDialogProps {
  heading: string;
  message: string;
  confirmLabel: string;
  cancelLabel?: string;
  /** Draws the confirm button as a destructive action. */
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

/** A yes/no question: "Delete document", "Close with unsaved changes". */
export function ConfirmDialog({
  heading,
  message,
  confirmLabel,
  cancelLabel = 'Cancel',
  danger = false,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { busy, error, run } = useDialogAction(onClose);
  return (
    <Dialog title={heading} onClose={onClose} description={message}>
      <DialogError message={error} />
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={danger ? 'button danger' : 'button primary'}
          disabled={busy}
          onClick={() => void run(onConfirm)}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
