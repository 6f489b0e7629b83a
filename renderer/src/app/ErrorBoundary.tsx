import { Component, type ErrorInfo, type ReactNode } from 'react';
import { errorMessage } from './app-context';

interface ErrorBoundaryProps {
  /** What failed, for the message: "Chancery", "The editor for “Annex I”". */
  what: string;
  /** Tries again (remounts the children); without it the screen offers a reload of the window. */
  onRetry?: () => void;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: unknown;
}

/**
 * Catches an error thrown while rendering below it and shows what happened with a way back,
 * instead of React unmounting everything and leaving a blank window. Saved text is never at
 * risk here: every edit reaches the workspace file through main, not through this tree.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error ?? new Error('unknown error') };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Chancery: ${this.props.what} failed`, error, info.componentStack);
  }

  private readonly retry = () => {
    this.setState({ error: null });
    if (this.props.onRetry) this.props.onRetry();
    else window.location.reload();
  };

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="error-screen" role="alert" aria-live="assertive">
        <h2 className="error-screen-title">{this.props.what} stopped working.</h2>
        <p>{errorMessage(this.state.error)}</p>
        <p className="muted">Everything you saw as saved is in the negotiation file.</p>
        <button type="button" className="button primary" onClick={this.retry}>
          {this.props.onRetry ? 'Try again' : 'Reload window'}
        </button>
      </div>
    );
  }
}
