interface ErrorBannerProps {
  message: string;
  /** How many times this message was reported in a row (repeats are counted, not stacked). */
  count: number;
  onDismiss: () => void;
}

/**
 * The window's error banner. Only the message itself is the `role=alert` element, so screen
 * readers announce exactly that sentence and the e2e specs can match its text exactly; the
 * icon, the repeat count and the Dismiss button sit beside it.
 */
export function ErrorBanner({ message, count, onDismiss }: ErrorBannerProps) {
  return (
    <div className="error-banner">
      <span className="error-banner-icon" aria-hidden="true">
        !
      </span>
      <p className="error-banner-text" role="alert">
        {message}
      </p>
      {count > 1 && (
        <span className="error-banner-count" title="Times this happened">
          ×{count}
        </span>
      )}
      <button type="button" className="error-banner-dismiss" onClick={onDismiss} aria-label="Dismiss error">
        Dismiss
      </button>
    </div>
  );
}
