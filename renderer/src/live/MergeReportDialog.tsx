import type { MergeReport } from '../../../shared/live/live-model';
import { Dialog } from '../components/Dialog';

interface MergeReportDialogProps {
  report: MergeReport;
  onClose: () => void;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What "Import changes from a file…" brought in: per document, clauses and positions; what was kept. */
export function MergeReportDialog({ report, onClose }: MergeReportDialogProps) {
  const changed = report.documents.filter((d) => d.changed);
  return (
    <Dialog title="Changes imported" onClose={onClose}>
      <div className="live-dialog" data-testid="live-merge-report" data-changed={report.changed}>
        <p data-testid="live-merge-summary">
          {report.changed
            ? `Merged ${report.source}: ${plural(changed.length, 'document')} changed` +
              (report.documentsAdded > 0 ? `, ${plural(report.documentsAdded, 'document')} added` : '') +
              (report.rosterEntriesAdded > 0 ? `, ${plural(report.rosterEntriesAdded, 'roster entry', 'roster entries')} added` : '') +
              '.'
            : `Nothing new in ${report.source}: this copy already had all of it.`}
        </p>
        {changed.length > 0 && (
          <table className="live-merge-table" aria-label="Merged documents">
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Clauses added</th>
                <th scope="col">Clauses changed</th>
                <th scope="col">Positions added</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((d) => (
                <tr key={d.docId}>
                  <th scope="row">{d.title}</th>
                  <td>{d.clausesAdded}</td>
                  <td>{d.clausesChanged}</td>
                  <td>{d.positionsAdded}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {(report.unreadable ?? []).map((d) => (
          <p key={d.docId} className="field-hint" role="alert" data-testid="live-merge-unreadable">
            {d.title} could not be read in the other file (it is damaged there), so nothing of it was merged. Ask for a fresh copy.
          </p>
        ))}
        {report.textKept > 0 && (
          <p className="field-hint" role="note">
            The other copy deleted {plural(report.textKept, 'passage')} you had typed without having seen it. Chancery kept
            {report.textKept === 1 ? ' it' : ' them'}: see the restore notices to put your text back.
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" className="button primary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
