import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportChoice, ExportOutcome } from '../../../shared/ipc/contract';
import type { ExportFormat, ExportProgress } from '../../../shared/export/export-model';
import { errorMessage } from '../app/app-context';
import type { ChanceryApi } from '../ipc/api';

/** The slice of the API the export dialog needs; tests pass a fake. */
export type ExportApi = Pick<ChanceryApi, 'exports' | 'on'>;

/** What the dialog's form holds (one field per control), before it becomes an {@link ExportChoice}. */
export interface ExportForm {
  format: ExportFormat;
  /** '' for the whole workspace. */
  docId: string;
  /** '' for the current text. */
  roundId: string;
  clean: boolean;
  agreedOnly: boolean;
  /** '' for no redline. */
  compareToRoundId: string;
}

/** A fresh form: the marked-up DOCX of the whole current text (what delegations exchange). */
export const DEFAULT_FORM: ExportForm = {
  format: 'docx',
  docId: '',
  roundId: '',
  clean: false,
  agreedOnly: false,
  compareToRoundId: '',
};

/**
 * The choice main receives, with the rules the dialog shows applied: a redline has no clean
 * variant, and "agreed clauses only" exists only for the clean text. Applied here too, so a
 * stale checkbox state can never send a combination the dialog showed as unavailable.
 */
export function choiceOf(form: ExportForm): ExportChoice {
  const compareToRoundId = form.compareToRoundId === '' || form.compareToRoundId === form.roundId ? null : form.compareToRoundId;
  const clean = compareToRoundId === null && form.clean;
  return {
    format: form.format,
    docId: form.docId === '' ? null : form.docId,
    clean,
    agreedOnly: clean && form.agreedOnly,
    roundId: form.roundId === '' ? null : form.roundId,
    compareToRoundId,
  };
}

const STAGE_TEXT: Readonly<Record<ExportProgress['stage'], string>> = {
  reading: 'Reading the documents',
  comparing: 'Comparing the versions',
  rendering: 'Laying out the text',
  printing: 'Printing to PDF',
  writing: 'Writing the file',
  done: 'Done',
};

/** The line under the progress bar: the stage, and how far it is when it counts documents. */
export function progressText(progress: ExportProgress | null): string {
  if (!progress) return 'Choosing where to save…';
  const stage = STAGE_TEXT[progress.stage];
  if (progress.stage === 'done') return stage;
  if (progress.total <= 1) return `${stage}…`;
  return `${stage} (${progress.done} of ${progress.total} documents)…`;
}

/** A file size as the result line gives it: whole KiB, never "0 KiB" for a file that has bytes. */
export function kibText(bytes: number): string {
  return `${bytes === 0 ? 0 : Math.max(1, Math.round(bytes / 1024))} KiB`;
}

/** The result line once the file is written. */
export function savedText(outcome: ExportOutcome): string {
  return `Saved to ${outcome.path} (${kibText(outcome.bytes)})`;
}

export interface ExportHook {
  running: boolean;
  /** The latest progress event of the running export; null before the first. */
  progress: ExportProgress | null;
  /** The last finished export; cleared when another starts. */
  outcome: ExportOutcome | null;
  /** The last failure in main's words (never a stack); cleared when another starts. */
  error: string | null;
  /** Asks main to export `choice` (it asks where to save first); a cancelled save changes nothing. */
  start: (choice: ExportChoice) => Promise<void>;
}

/**
 * One export at a time from a dialog: main asks where to save and writes the file; this follows
 * its progress events while it runs, then holds the outcome or the error to show in the dialog
 * (where the window's banner behind the modal could not be read).
 */
export function useExport(api: ExportApi): ExportHook {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    // Progress is only shown while this window's own export runs.
    const off = api.on('exports.progress', (next) => {
      if (busy.current && mounted.current) setProgress(next);
    });
    return () => {
      mounted.current = false;
      off();
    };
  }, [api]);

  const start = useCallback(
    async (choice: ExportChoice) => {
      if (busy.current) return;
      busy.current = true;
      setRunning(true);
      setProgress(null);
      setOutcome(null);
      setError(null);
      try {
        const result = await api.exports.run(choice);
        if (mounted.current && !('canceled' in result)) setOutcome(result);
      } catch (err) {
        if (mounted.current) setError(errorMessage(err));
      } finally {
        busy.current = false;
        if (mounted.current) {
          setRunning(false);
          setProgress(null);
        }
      }
    },
    [api],
  );

  return { running, progress, outcome, error, start };
}
