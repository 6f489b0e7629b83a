import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../../app/app-context';

export interface ActionHook {
  /** An action is running: its buttons are disabled so nothing is signed twice. */
  busy: boolean;
  /** The last failure's message (a ChanceryError's own words), shown in the dialog's alert. */
  error: string | null;
  setError: (message: string | null) => void;
  /** Runs `action`; on success hands its result to `then`, on failure shows the error. */
  run: <T>(action: () => Promise<T>, then?: (result: T) => void) => Promise<void>;
}

/**
 * One request to main from a dialog (admit, remove, save a party or a name): busy while it runs,
 * its error shown inside the dialog, where the window's banner behind the modal cannot be read.
 */
export function useAction(): ActionHook {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(async <T,>(action: () => Promise<T>, then?: (result: T) => void) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      then?.(result);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

