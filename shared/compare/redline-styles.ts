import { exportCss } from '../export/html-styles';

/**
 * The redline's stylesheet: the export's own (A4, running title, "Page N of M", fonts, clause
 * layout), so a redline PDF looks like the marked-up PDF beside it, plus the revision marks.
 * Insertions are underlined and deletions struck through as well as coloured, so the marks
 * survive a grey-scale printer and colour-blind readers; markers (moved, renumbered) are words,
 * never a colour alone.
 */
export function redlineCss(runningTitle: string): string {
  return `${exportCss(runningTitle)}
ins { text-decoration: underline; text-decoration-thickness: 0.08em; color: #0b5d1e; background: #e3f4e6; }
del { text-decoration: line-through; color: #9b1c1c; background: #fbe7e7; }
ins, del { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.clause-head { margin: 0 0 0.2em; }
.marker { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 0.8em; border: 1px solid #666; border-radius: 0.2em; padding: 0 0.3em; margin-right: 0.4em; }
.marker.moved { border-style: dashed; }
.clause.removed .clause-label { text-decoration: line-through; }
.position-changes, .state-change { font-size: 0.9em; margin: 0.2em 0 0.6em 1.5em; }
.doc-summary, .doc-positions { font-size: 0.95em; }
.presence { font-style: italic; }
.block.heading { font-weight: bold; }
`;
}
