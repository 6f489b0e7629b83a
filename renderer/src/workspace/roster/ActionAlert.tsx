/** The alert inside a dialog: the message of the request that failed, or nothing. */
export function ActionAlert({ message }: { message: string | null }) {
  return message ? (
    <p className="dialog-error" role="alert">
      {message}
    </p>
  ) : null;
}
