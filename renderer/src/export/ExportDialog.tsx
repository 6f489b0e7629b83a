import { useId, useState, type FormEvent } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/export/export-model';
import type { DocumentEntry } from '../../../shared/workspace/manifest';
import { useApi } from '../app/app-context';
import { Dialog } from '../components/Dialog';
import { useRounds } from '../rounds/use-rounds';
import { choiceOf, DEFAULT_FORM, progressText, savedText, useExport, type ExportForm } from './use-export';

/** The format radios' labels: what a diplomat calls each file. */
export const FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  docx: 'Word (DOCX)',
  pdf: 'PDF',
  html: 'Web page (HTML)',
  md: 'Markdown',
};

interface ExportDialogProps {
  /** The workspace's documents, in order, for "one document". */
  documents: readonly DocumentEntry[];
  /** Preset choices, e.g. a round to export or compare from the rounds dialog. */
  initial?: Partial<ExportForm>;
  onClose: () => void;
}

/**
 * "Export": format, scope (the whole negotiation or one document), version (the current text or
 * a named round), marked-up or clean (optionally only the agreed clauses), or a redline against
 * a round. Main asks where to save; the dialog shows the progress, then where the file went, or
 * main's sentence on why it could not be written.
 */
export function ExportDialog({ documents, initial, onClose }: ExportDialogProps) {
  const api = useApi();
  const { rounds } = useRounds(api);
  const [form, setForm] = useState<ExportForm>({ ...DEFAULT_FORM, ...initial });
  const exporter = useExport(api);
  const ids = { scope: useId(), version: useId(), compare: useId(), agreed: useId(), progress: useId() };
  const set = (patch: Partial<ExportForm>) => setForm((current) => ({ ...current, ...patch }));
  const redline = form.compareToRoundId !== '';
  const disabled = exporter.running;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void exporter.start(choiceOf(form));
  };

  return (
    <Dialog
      title="Export"
      onClose={onClose}
      description="Save the negotiation as a file to send: marked up as diplomats read it, clean, or as a redline against a round."
    >
      <form className="dialog-form export-dialog" onSubmit={submit} noValidate data-testid="export-dialog">
        <fieldset className="export-fieldset" disabled={disabled}>
          <legend className="field-label">Format</legend>
          <div role="radiogroup" aria-label="Format" className="export-choices">
            {EXPORT_FORMATS.map((format) => (
              <label key={format} className="export-choice">
                <input
                  type="radio"
                  name="export-format"
                  value={format}
                  checked={form.format === format}
                  disabled={disabled}
                  data-testid={`export-format-${format}`}
                  onChange={() => set({ format })}
                />
                {FORMAT_LABELS[format]}
              </label>
            ))}
          </div>
        </fieldset>

        <label htmlFor={ids.scope} className="field-label export-gap">
          Scope
        </label>
        <select
          id={ids.scope}
          className="field-input"
          value={form.docId}
          disabled={disabled}
          data-testid="export-scope"
          onChange={(event) => set({ docId: event.target.value })}
        >
          <option value="">Whole negotiation ({documents.length} documents)</option>
          {documents.map((doc) => (
            <option key={doc.id} value={doc.id}>
              {doc.title}
            </option>
          ))}
        </select>

        <label htmlFor={ids.version} className="field-label export-gap">
          Version
        </label>
        <select
          id={ids.version}
          className="field-input"
          value={form.roundId}
          disabled={disabled}
          data-testid="export-version"
          onChange={(event) => set({ roundId: event.target.value })}
        >
          <option value="">Current text</option>
          {(rounds ?? []).map((round) => (
            <option key={round.id} value={round.id}>
              {round.name}
            </option>
          ))}
        </select>

        <fieldset className="export-fieldset export-gap" disabled={disabled || redline}>
          <legend className="field-label">Text</legend>
          <div role="radiogroup" aria-label="Text" className="export-choices">
            <label className="export-choice">
              <input type="radio" name="export-markup" checked={redline || !form.clean} disabled={disabled || redline} data-testid="export-marked-up" onChange={() => set({ clean: false })} />
              Marked-up (brackets, options, footnotes)
            </label>
            <label className="export-choice">
              <input type="radio" name="export-markup" checked={!redline && form.clean} disabled={disabled || redline} data-testid="export-clean" onChange={() => set({ clean: true })} />
              Clean
            </label>
          </div>
          <label htmlFor={ids.agreed} className="export-choice export-indent">
            <input
              id={ids.agreed}
              type="checkbox"
              checked={!redline && form.clean && form.agreedOnly}
              disabled={disabled || redline || !form.clean}
              data-testid="export-agreed-only"
              onChange={(event) => set({ agreedOnly: event.target.checked })}
            />
            Agreed clauses only
          </label>
        </fieldset>

        <label htmlFor={ids.compare} className="field-label export-gap">
          Compare with round…
        </label>
        <select
          id={ids.compare}
          className="field-input"
          value={form.compareToRoundId}
          disabled={disabled || (rounds ?? []).length === 0}
          data-testid="export-compare"
          onChange={(event) => set({ compareToRoundId: event.target.value })}
        >
          <option value="">No comparison</option>
          {(rounds ?? [])
            .filter((round) => round.id !== form.roundId)
            .map((round) => (
              <option key={round.id} value={round.id}>
                Redline from {round.name}
              </option>
            ))}
        </select>
        {redline && <p className="field-hint">A redline shows every insertion and deletion since that round, so it has no clean variant.</p>}
        {rounds?.length === 0 && <p className="field-hint">No rounds cut yet: a redline needs a round to compare with.</p>}

        {exporter.running && (
          <div className="export-progress" data-testid="export-running">
            <progress
              id={ids.progress}
              aria-label="Export progress"
              data-testid="export-progress"
              {...(exporter.progress && exporter.progress.total > 0 ? { value: exporter.progress.done, max: exporter.progress.total } : {})}
            />
            <p className="field-hint" data-testid="export-stage" aria-live="polite">
              {progressText(exporter.progress)}
            </p>
          </div>
        )}
        {exporter.outcome && (
          <p className="export-result" role="status" data-testid="export-result">
            {savedText(exporter.outcome)}
          </p>
        )}
        {exporter.error && (
          <p className="dialog-error" role="alert" data-testid="export-error">
            {exporter.error}
          </p>
        )}

        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button primary" disabled={disabled} data-testid="export-run">
            {exporter.running ? 'Exporting…' : 'Export…'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
