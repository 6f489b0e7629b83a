import { useCallback, useState, type ReactNode } from 'react';
import { errorMessage, ReportErrorContext } from './app-context';
import { ErrorBanner } from './ErrorBanner';

interface Shown {
  message: string;
  count: number;
}

/**
 * Collects errors from any call below it and shows the latest in the banner above the screen.
 * The same message reported again (a retried action failing twice) is counted, not stacked.
 */
export function ErrorReporting({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<Shown | null>(null);

  const report = useCallback((error: unknown) => {
    console.error('Chancery:', error);
    const message = errorMessage(error);
    setShown((current) => (current?.message === message ? { message, count: current.count + 1 } : { message, count: 1 }));
  }, []);

  return (
    <ReportErrorContext value={report}>
      {shown && <ErrorBanner message={shown.message} count={shown.count} onDismiss={() => setShown(null)} />}
      {children}
    </ReportErrorContext>
  );
}
