import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  /** The dialog's heading, which is also its accessible name (e.g. "New document"). */
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Optional sentence under the title, linked as the dialog's description. */
  description?: ReactNode;
}

/**
 * An in-app modal dialog on the native `<dialog>` element: the rest of the window becomes inert,
 * focus moves into the dialog and returns afterwards, Escape cancels. Rendering it opens it;
 * unmounting closes it.
 */
export function Dialog({ title, onClose, children, description }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (returnFocus?.isConnected) returnFocus.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // Escape: let React decide (it unmounts the dialog), rather than the browser closing it.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {description && (
        <p id={descriptionId} className="dialog-description">
          {description}
        </p>
      )}
      {children}
    </dialog>
  );
}
