import { createContext, useContext } from 'react';
import type { ChanceryApi } from '../ipc/api';
import { ChanceryError } from '../../../shared/errors';

/**
 * React contexts shared by every screen: the unwrapped IPC API (so components never reach for a
 * global) and the error reporter behind the alert banner.
 */

export const ApiContext = createContext<ChanceryApi | null>(null);

/** The window's API. Only available below `<ApiContext value={…}>`, which main.tsx sets up. */
export function useApi(): ChanceryApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiContext>: main.tsx must provide the API.');
  return api;
}

/** Shows an error in the window's alert banner. */
export type ReportError = (error: unknown) => void;

export const ReportErrorContext = createContext<ReportError>((error) => {
  console.error('Chancery: an error was reported outside <ErrorReporting>', error);
});

export function useReportError(): ReportError {
  return useContext(ReportErrorContext);
}

/**
 * The sentence to show for an error. ChanceryErrors carry messages written for the negotiator
 * (what happened, what to do next); anything else is a bug, shown as such rather than hidden.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ChanceryError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `Something went wrong inside Chancery (${detail}). Your saved text is safe; if this keeps happening, restart Chancery.`;
}
